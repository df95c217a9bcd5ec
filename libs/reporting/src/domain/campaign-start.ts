import { type LocalDate } from '../../../calendar/src/domain/calendar.types.js';
import { addDays } from '../../../calendar/src/domain/holiday-table.js';
import { previousQuarterOf, quarterOf, startOfLocalDay, type ReportingPeriod } from './periods.js';

/**
 * The quarter a bulletin run at `at` reports on, when it ends before the campaign starts (`campaignFrom`,
 * the plan's first day); null when it reports on the campaign. Such a run has nothing of the campaign to
 * report, and its bulletin would rank units and raise lagging-indicator cards for a time before the
 * campaign asked anything of them: it makes none. The quarter the campaign starts in is reported, however
 * late in it the campaign starts (2022-07-07: 2022-Q3, reported by the October run).
 */
export function quarterBeforeCampaign(at: string, campaignFrom: LocalDate): ReportingPeriod | null {
  const quarter = previousQuarterOf(at);
  return quarter.to < campaignFrom ? quarter : null;
}

/**
 * The first instant whose bulletin run reports on a quarter of the campaign: 00:00 Beijing time on the
 * first day of the quarter after the one the campaign starts in (2022-07-07: 2022-10-01). Every run
 * before it is one quarterBeforeCampaign refuses.
 */
export function firstBulletinRun(campaignFrom: LocalDate): string {
  return startOfLocalDay(addDays(quarterOf(startOfLocalDay(campaignFrom)).to, 1));
}

/** Whether a year ends before the campaign starts: it has no score of the campaign to approve. */
export const yearBeforeCampaign = (year: number, campaignFrom: LocalDate): boolean =>
  `${year}-12-31` < campaignFrom;

/** Whether a year begins after the campaign ends: nothing of the campaign was asked in it to approve. */
export const yearAfterCampaign = (year: number, campaignTo: LocalDate): boolean =>
  `${year}-01-01` > campaignTo;
