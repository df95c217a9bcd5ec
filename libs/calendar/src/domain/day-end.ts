// Pure: 24:00 deadlines across a pause, in Asia/Shanghai days (fixed +08:00, see decision 0003).
import { UTC_OFFSET_MINUTES, type LocalDate } from './calendar.types.js';
import { addDays, localDateToUtcMidnight, toLocalDate } from './holiday-table.js';

const MS_PER_DAY = 86_400_000;
const OFFSET_MS = UTC_OFFSET_MINUTES * 60_000;

/** True for an instant that is 24:00 (= the next day's 00:00) in Asia/Shanghai, as day clocks end. */
export function isLocalDayEnd(instant: string): boolean {
  return (Date.parse(instant) + OFFSET_MS) % MS_PER_DAY === 0;
}

/** The Asia/Shanghai day an instant falls on. */
export function localDateOf(instant: string): LocalDate {
  return toLocalDate(Date.parse(instant) + OFFSET_MS);
}

/** 24:00 of a local day, as a UTC ISO instant. */
export function endOfLocalDay(date: LocalDate): string {
  return new Date(localDateToUtcMidnight(addDays(date, 1)) - OFFSET_MS).toISOString();
}

export interface ResumedDayEnd {
  dueAt: string;
  /** The local day whose 24:00 is `dueAt`. */
  lastDay: LocalDate;
  /** Whole days that were left after the pause day and are counted again after the resume day. */
  daysLeft: number;
}

/**
 * A 24:00 deadline paused and resumed, carried in days: the pause day counts as used (as a start day
 * is not counted), the whole days left after it are counted again after the resume day, and the new
 * deadline is 24:00 of the last of them (24:00 of the resume day itself when none was left).
 */
export function resumeDayEndDeadline(dueAt: string, pausedAt: string, resumedAt: string): ResumedDayEnd {
  const lastDay = localDateOf(new Date(Date.parse(dueAt) - 1).toISOString());
  const daysLeft = Math.max(
    0,
    Math.round(
      (localDateToUtcMidnight(lastDay) - localDateToUtcMidnight(localDateOf(pausedAt))) / MS_PER_DAY,
    ),
  );
  const newLastDay = addDays(localDateOf(resumedAt), daysLeft);
  return { dueAt: endOfLocalDay(newLastDay), lastDay: newLastDay, daysLeft };
}
