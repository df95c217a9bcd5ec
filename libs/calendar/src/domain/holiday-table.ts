// Pure: plain data and lookups, no I/O, so Temporal workflows can use the table deterministically.
import { CalendarError, CalendarErrorCode } from './calendar-error.js';
import { type HolidayName, type LocalDate } from './calendar.types.js';

export interface DayDesignation {
  name: HolidayName;
  /** The dataset file or notice the designation comes from. */
  source: string;
}

/** JSON-serialisable, so it can be passed into a workflow as an argument. */
export interface HolidayTable {
  /** Years whose holiday notice is known; ascending. */
  coveredYears: readonly number[];
  /** Statutory rest days (法定节假日), including weekend days inside a holiday block. */
  holidays: Readonly<Partial<Record<LocalDate, DayDesignation>>>;
  /** Weekend days that are working days (调休上班). */
  workdays: Readonly<Partial<Record<LocalDate, DayDesignation>>>;
  /** Covered years whose notice is not published yet: weekends and the statutory holidays only, until it is loaded. */
  provisionalYears?: readonly number[];
}

export interface DatedHolidayName {
  date: LocalDate;
  name: HolidayName;
}

/** One year of one holiday notice, as read from the dataset or an override file. */
export interface HolidayYearData {
  year: number;
  source: string;
  holidays: readonly DatedHolidayName[];
  workdays: readonly DatedHolidayName[];
  /** A stand-in for a notice not yet published (statutory holidays only); any real notice for the year replaces it. */
  provisional?: boolean;
}

export type DayStatus =
  | { kind: 'working-day'; makeUp?: DayDesignation }
  | { kind: 'statutory-holiday'; designation: DayDesignation }
  | { kind: 'weekend'; name: HolidayName };

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_NAMES: readonly HolidayName[] = [
  { en: 'Sunday', zh: '星期日' },
  { en: 'Monday', zh: '星期一' },
  { en: 'Tuesday', zh: '星期二' },
  { en: 'Wednesday', zh: '星期三' },
  { en: 'Thursday', zh: '星期四' },
  { en: 'Friday', zh: '星期五' },
  { en: 'Saturday', zh: '星期六' },
];

/** Later layers win for a date, so an override notice replaces the dataset day by day. */
export function buildHolidayTable(layers: readonly HolidayYearData[]): HolidayTable {
  const holidays: Partial<Record<LocalDate, DayDesignation>> = {};
  const workdays: Partial<Record<LocalDate, DayDesignation>> = {};
  const years = new Set<number>();
  const confirmed = new Set(layers.filter((l) => !l.provisional).map((l) => l.year));
  for (const layer of layers) {
    years.add(layer.year);
    for (const { date, name } of layer.holidays) {
      delete workdays[date];
      holidays[date] = { name, source: layer.source };
    }
    for (const { date, name } of layer.workdays) {
      delete holidays[date];
      workdays[date] = { name, source: layer.source };
    }
  }
  const provisionalYears = [...years].filter((y) => !confirmed.has(y)).sort((a, b) => a - b);
  return { coveredYears: [...years].sort((a, b) => a - b), holidays, workdays, provisionalYears };
}

/** Provisional years a clock from `fromDate` to `dueDate` runs through; its due date may still move. */
export function provisionalYearsBetween(
  table: HolidayTable,
  fromDate: LocalDate,
  dueDate: LocalDate,
): number[] {
  return (table.provisionalYears ?? []).filter((y) => y >= yearOf(fromDate) && y <= yearOf(dueDate));
}

export function dayStatus(table: HolidayTable, date: LocalDate): DayStatus {
  assertYearCovered(table, date);
  const holiday = table.holidays[date];
  if (holiday) return { kind: 'statutory-holiday', designation: holiday };
  const makeUp = table.workdays[date];
  if (makeUp) return { kind: 'working-day', makeUp };
  const weekday = weekdayOf(date);
  if (weekday === 0 || weekday === 6) return { kind: 'weekend', name: WEEKDAY_NAMES[weekday] };
  return { kind: 'working-day' };
}

export function isWorkingDay(table: HolidayTable, date: LocalDate): boolean {
  return dayStatus(table, date).kind === 'working-day';
}

/** The holiday's name, or the weekday's name for a rest weekend; undefined on a working day. */
export function restDayName(table: HolidayTable, date: LocalDate): HolidayName | undefined {
  const status = dayStatus(table, date);
  switch (status.kind) {
    case 'statutory-holiday':
      return status.designation.name;
    case 'weekend':
      return status.name;
    case 'working-day':
      return undefined;
  }
}

/** Covered years as compact ranges, e.g. `2004–2026, 2028`. */
export function describeCoverage(table: HolidayTable): string {
  const ranges: string[] = [];
  let rangeStart: number | undefined;
  table.coveredYears.forEach((year, index) => {
    rangeStart ??= year;
    if (table.coveredYears[index + 1] !== year + 1) {
      ranges.push(rangeStart === year ? String(year) : `${rangeStart}–${year}`);
      rangeStart = undefined;
    }
  });
  return ranges.length > 0 ? ranges.join(', ') : 'none';
}

function assertYearCovered(table: HolidayTable, date: LocalDate): void {
  const year = yearOf(date);
  if (!table.coveredYears.includes(year)) {
    throw new CalendarError(
      CalendarErrorCode.OutOfRange,
      `No holiday data for ${year} (needed for ${date}); supported years: ${describeCoverage(table)}. ` +
        `Add the State Council holiday notice for ${year} to the holiday override file.`,
    );
  }
}

// Local dates are handled as UTC midnights of the same calendar day, which keeps the arithmetic zone-free.

/** True for `YYYY-MM-DD` naming a day that exists (2024-02-30 and 2024-13-01 do not). */
export function isExistingLocalDate(text: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(text);
  return (
    match !== null && toLocalDate(utcMidnight(Number(match[1]), Number(match[2]), Number(match[3]))) === text
  );
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return toLocalDate(localDateToUtcMidnight(date) + days * MS_PER_DAY);
}

export function yearOf(date: LocalDate): number {
  // Up to the first dash: a count of days may step past 9999-12-31 into a five-digit year.
  return Number(date.slice(0, date.indexOf('-')));
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(date: LocalDate): number {
  return new Date(localDateToUtcMidnight(date)).getUTCDay();
}

/** The UTC midnight of the same calendar day, in epoch milliseconds. */
export function localDateToUtcMidnight(date: LocalDate): number {
  return utcMidnight(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The calendar day of a UTC-shifted epoch millisecond value. */
export function toLocalDate(epochMs: number): LocalDate {
  const date = new Date(epochMs);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

function utcMidnight(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}
