/**
 * The one reading of dates, date-times and periods sent to the API. `Date.parse` rolls an impossible
 * day over (2026-02-30 becomes 03-02) and guesses a zone for a time without one: these checks refuse
 * both, so what a client meant is never silently changed. Each returns the problem, worded to follow
 * the field's name (`dueBefore must name a real day …`), or undefined.
 */
import { EARLIEST_CASE_DATE } from '../../../contracts/src/case-dates.js';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const PERIOD = /^(\d{4})(?:-(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` naming a day of the calendar. */
export function calendarDateProblem(value: string): string | undefined {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `must name a real day (there is no ${value})`;
  }
  return undefined;
}

/** A day already come: a real day, not after `today` (Asia/Shanghai). */
export function pastDateProblem(value: string, today: string): string | undefined {
  const problem = calendarDateProblem(value);
  if (problem) return problem;
  if (value > today) return `${value} is in the future`;
  return undefined;
}

/**
 * The day something of a case happened: a real day, not after `today` (Asia/Shanghai) and not before
 * EARLIEST_CASE_DATE.
 */
export function caseDateProblem(value: string, today: string): string | undefined {
  const problem = pastDateProblem(value, today);
  if (problem) return problem;
  if (value < EARLIEST_CASE_DATE) {
    return `${value} is before ${EARLIEST_CASE_DATE}: no case date is earlier (a date that old is a typo)`;
  }
  return undefined;
}

/** An ISO 8601 date-time with an explicit offset (`2026-11-28T09:00:00+08:00` or `…Z`), all of it real. */
export function dateTimeProblem(value: string): string | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return 'must be an ISO 8601 date-time with an offset, such as 2026-11-28T09:00:00+08:00';
  const [, date, hour, minute, second = '00', offsetHour = '00', offsetMinute = '00'] = match;
  const dateProblem = calendarDateProblem(date);
  if (dateProblem) return dateProblem;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return `must name a real time of day (there is no ${hour}:${minute}:${second})`;
  }
  if (Number(offsetHour) > 23 || Number(offsetMinute) > 59) {
    return 'must have an offset between -23:59 and +23:59';
  }
  return undefined;
}

/** A reporting period: a year (`2023`) or a month (`2023-02`). */
export function periodProblem(value: string): string | undefined {
  const match = PERIOD.exec(value);
  if (!match) return 'must be a year (yyyy) or a month (yyyy-mm)';
  if (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 12)) {
    return `must name a real month (there is no ${value})`;
  }
  return undefined;
}
