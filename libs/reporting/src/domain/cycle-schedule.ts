import { ReportingCycle } from '../../../contracts/src/reporting-cycle.js';
import { type ReportingPolicy } from './reporting-policy.js';
import { localDateOf, startOfLocalDay } from './periods.js';

/** The months (1–12) the bulletin's schedule fires in: the first of each quarter. */
export const BULLETIN_MONTHS: readonly number[] = [1, 4, 7, 10];
const EVERY_MONTH: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** When a cycle's schedule fires (Asia/Shanghai): in which months, on which day, at which hour. */
export interface CycleSchedule {
  months: readonly number[];
  dayOfMonth: number;
  hour: number;
}

/** A cycle's schedule as the policy sets it: the dispatch every month, the bulletin in BULLETIN_MONTHS. */
export function cycleSchedule(cycle: ReportingCycle, times: ReportingPolicy['schedules']): CycleSchedule {
  return cycle === ReportingCycle.QuarterlyBulletin
    ? { months: BULLETIN_MONTHS, ...times.quarterlyBulletin }
    : { months: EVERY_MONTH, ...times.monthlyDispatch };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first time at or after `from` the schedule fires. Some month within the next twelve always has a
 * run (months is never empty and the policy's day is at most the 28th), so the search ends.
 */
export function firstRunFrom(schedule: CycleSchedule, from: Date): Date {
  const day = localDateOf(from.toISOString());
  let [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  for (;;) {
    if (schedule.months.includes(month)) {
      const midnight = Date.parse(startOfLocalDay(`${year}-${pad(month)}-${pad(schedule.dayOfMonth)}`));
      const run = new Date(midnight + schedule.hour * 3_600_000);
      if (run >= from) return run;
    }
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}
