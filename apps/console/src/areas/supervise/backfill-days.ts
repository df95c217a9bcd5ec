import { earliestBackfill } from '../../../../../libs/reporting/src/domain/backfill-window.js';

/** A day picked for a backfill is a Beijing day: its midnight in Beijing time, as the API's schedules keep time. */
export const beijingMidnight = (day: string) => `${day}T00:00:00+08:00`;

/**
 * Whether a day (`YYYY-MM-DD`) is one the API refuses as either end of a backfill: its midnight before
 * the first of the month the campaign starts in (the API's own rule), or a day after today in Beijing
 * (its midnight is still to come). Without the campaign (the plan not read yet) only the future.
 */
export function outsideBackfillWindow(
  day: string,
  { campaignFrom, today }: { campaignFrom: string | undefined; today: string },
): boolean {
  if (day > today) return true;
  return (
    campaignFrom !== undefined &&
    Date.parse(beijingMidnight(day)) < Date.parse(earliestBackfill(campaignFrom))
  );
}
