/** A day in Asia/Shanghai, written YYYY-MM-DD. */
export type LocalDate = string;

export const TIME_ZONE = 'Asia/Shanghai';
/** China has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for the supported years. */
export const UTC_OFFSET_MINUTES = 8 * 60;

export const DEADLINE_UNITS = ['hours', 'days', 'workdays'] as const;
/** hours: exact elapsed time; days: calendar days (自然日); workdays: working days (工作日). */
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export const DEADLINE_UNIT_ALIASES = {
  hours: 'hours',
  h: 'hours',
  days: 'days',
  d: 'days',
  workdays: 'workdays',
  wd: 'workdays',
} as const satisfies Record<string, DeadlineUnit>;
export type DeadlineUnitName = keyof typeof DEADLINE_UNIT_ALIASES;

/** A clock as policy data: an amount in a unit (e.g. 10 working days). */
export interface ClockPolicy {
  amount: number;
  unit: DeadlineUnitName;
}

/** About ten years for every unit: longer clocks are input mistakes, and they keep loops and dates bounded. */
export const MAX_AMOUNT: Readonly<Record<DeadlineUnit, number>> = {
  hours: 87_600,
  days: 3_650,
  workdays: 2_500,
};

export interface BilingualText {
  en: string;
  zh: string;
}

export type HolidayName = BilingualText;

export interface DeadlineRequest {
  /** `YYYY-MM-DD` (that day in Asia/Shanghai) or an ISO 8601 instant with offset (`Z` or `±HH:MM`). */
  from: string;
  amount: number;
  unit: DeadlineUnitName;
}

/** Day clocks skip the start day (民法典 art. 201); hour clocks run from the start instant. */
export type StartRule = 'start-day-not-counted' | 'exact-from-start-instant';

export type RestDayKind = 'statutory-holiday' | 'weekend';

export interface Rollover {
  /** The last day as counted, which is a rest day. */
  from: LocalDate;
  /** The first working day after the rest period, which becomes the last day. */
  to: LocalDate;
  reason: RestDayKind;
  restDayName: HolidayName;
  /** Where the rest day comes from (dataset file or override notice); absent for ordinary weekends. */
  source?: string;
}

export interface WorkdayCount {
  restDaysSkipped: number;
  holidaysSkipped: HolidayName[];
  makeUpWorkdaysCounted: LocalDate[];
}

export interface DeadlineRule {
  unit: DeadlineUnit;
  amount: number;
  startRule: StartRule;
  rollover?: Rollover;
  workdayCount?: WorkdayCount;
  basis: string;
}

export interface DeadlineResult {
  from: string;
  /** The start instant in UTC; a date-only start means 00:00 of that day in Asia/Shanghai. */
  startAt: string;
  startDate: LocalDate;
  /** The instant the clock expires, in UTC (a day clock ends at 24:00, i.e. 00:00 of the next day). */
  dueAt: string;
  /** The local day the clock expires on (for day clocks, the day whose 24:00 is `dueAt`). */
  dueDate: LocalDate;
  /** For display, e.g. `2024-10-08 24:00 (Asia/Shanghai)`. */
  dueLocal: string;
  timeZone: typeof TIME_ZONE;
  rule: DeadlineRule;
  explanation: BilingualText;
}
