import { type ReportingCycle } from '../../../../../libs/contracts/src/reporting-cycle.js';
import { earliestBackfill } from '../../../../../libs/reporting/src/domain/backfill-window.js';

/** A day picked for a backfill is a Beijing day: its midnight in Beijing time, as the API's schedules keep time. */
export const beijingMidnight = (day: string) => `${day}T00:00:00+08:00`;

/**
 * Whether a day (`YYYY-MM-DD`) is one the API refuses as either end of a cycle's backfill: its midnight
 * before the cycle's first run on the campaign (the API's own rule: the first of the month the campaign
 * starts in; for bulletins the quarter after), or a day after today in Beijing (its midnight is still
 * to come). Without the campaign (the plan not read yet) only the future.
 */
export function outsideBackfillWindow(
  day: string,
  { cycle, campaignFrom, today }: { cycle: ReportingCycle; campaignFrom: string | undefined; today: string },
): boolean {
  if (day > today) return true;
  return (
    campaignFrom !== undefined &&
    Date.parse(beijingMidnight(day)) < Date.parse(earliestBackfill(cycle, campaignFrom).at)
  );
}
