import { describe, expect, it } from '@jest/globals';
import { CalendarError, CalendarErrorCode } from '../../../libs/calendar/src/domain/calendar-error.js';
import { computeDeadline } from '../../../libs/calendar/src/domain/deadline.js';
import {
  buildHolidayTable,
  dayStatus,
  isWorkingDay,
  provisionalYearsBetween,
  type HolidayYearData,
} from '../../../libs/calendar/src/domain/holiday-table.js';
import { provisionalWarning } from '../../../libs/calendar/src/domain/provisional.js';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';

// chinese-days is pinned (1.5.7): its last published notice is for 2026, so 2027 is "the year after".
const LAST_PUBLISHED = 2026;
const NEXT_YEAR = 2027;

const published = loadHolidayTable();
const ahead = loadHolidayTable({ provisionalYearsAhead: 1 });

/** The error `run` throws; fails the test when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const warningFor = (year: number) => ({
  en: `provisional: the holiday notice for ${year} is not loaded yet, so only weekends and the statutory holidays fixed by law were treated as rest days (no bridge days or make-up working days yet)`,
  zh: `暂定：${year}年节假日安排尚未载入，暂按周末及法定节日计算（调休及连休安排未定）`,
});

describe('loadHolidayTable({ provisionalYearsAhead: 1 })', () => {
  it('covers the year after the last dataset year, and lists only it as provisional', () => {
    expect(published.coveredYears.at(-1)).toBe(LAST_PUBLISHED);
    expect(ahead.coveredYears.at(-1)).toBe(NEXT_YEAR);
    expect(ahead.coveredYears).toEqual([...published.coveredYears, NEXT_YEAR]);
    expect(ahead.provisionalYears).toEqual([NEXT_YEAR]);
  });

  it.each([
    ['2027-01-01', 'Friday, New Year’s Day fixed by law', false],
    ['2027-01-02', 'Saturday', false],
    ['2027-01-03', 'Sunday', false],
    ['2027-01-04', 'Monday', true],
    ['2027-10-01', 'Friday, National Day fixed by law', false],
    ['2027-10-02', 'Saturday', false],
  ])('%s, a %s, working day: %p', (date, _weekday, working) => {
    expect(isWorkingDay(ahead, date)).toBe(working);
  });

  it('names plain weekends of the provisional year by weekday; no make-up working days are known', () => {
    expect(dayStatus(ahead, '2027-01-02')).toEqual({
      kind: 'weekend',
      name: { en: 'Saturday', zh: '星期六' },
    });
    expect(Object.keys(ahead.workdays).filter((date) => date.startsWith('2027'))).toEqual([]);
  });

  it('runs a working-day clock into the provisional year, skipping 元旦 and the weekend', () => {
    // Wed 2026-12-30: Thu 12-31 #1, Fri 2027-01-01 元旦, Mon 01-04 #2, Tue 01-05 #3.
    expect(computeDeadline({ from: '2026-12-30', amount: 3, unit: 'workdays' }, ahead).dueAt).toBe(
      '2027-01-05T16:00:00.000Z',
    );
  });

  it('leaves published years exactly as they were', () => {
    expect(dayStatus(ahead, '2026-10-01')).toEqual(dayStatus(published, '2026-10-01'));
    expect(isWorkingDay(ahead, '2026-10-10')).toBe(true); // a make-up Saturday in the 2026 notice
  });
});

describe('loadHolidayTable() without provisional years (the default, 0)', () => {
  it('does not cover the year after the last notice', () => {
    expect(published.coveredYears).not.toContain(NEXT_YEAR);
    expect(published.provisionalYears).toEqual([]);
  });

  it('refuses a deadline that runs into it with CalendarError OutOfRange', () => {
    const error = thrown(() =>
      computeDeadline({ from: '2026-12-30', amount: 3, unit: 'workdays' }, published),
    );
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({
      code: CalendarErrorCode.OutOfRange,
      message: expect.stringContaining('No holiday data for 2027 (needed for 2027-01-01)'),
    });
  });

  it('provisionalYearsAhead: 0 is the same as the default', () => {
    expect(loadHolidayTable({ provisionalYearsAhead: 0 })).toEqual(published);
  });
});

describe('a real notice replaces the provisional year', () => {
  const name = (en: string, zh: string) => ({ en, zh });
  const base: HolidayYearData = { year: 2026, source: 'notice for 2026', holidays: [], workdays: [] };
  const provisional2027: HolidayYearData = {
    year: 2027,
    source: 'provisional: no holiday notice for 2027 loaded yet',
    holidays: [],
    workdays: [],
    provisional: true,
  };
  const notice2027: HolidayYearData = {
    year: 2027,
    source: 'override: notice for 2027',
    holidays: [{ date: '2027-01-01', name: name("New Year's Day", '元旦') }],
    workdays: [{ date: '2027-01-02', name: name("New Year's Day", '元旦') }],
  };

  it('with only the provisional layer, 2027 is provisional', () => {
    const table = buildHolidayTable([base, provisional2027]);
    expect(table.coveredYears).toEqual([2026, 2027]);
    expect(table.provisionalYears).toEqual([2027]);
  });

  it('a non-provisional 2027 layer after it makes 2027 published, with its days', () => {
    const table = buildHolidayTable([base, provisional2027, notice2027]);
    expect(table.coveredYears).toEqual([2026, 2027]);
    expect(table.provisionalYears).toEqual([]);
    expect(dayStatus(table, '2027-01-01')).toEqual({
      kind: 'statutory-holiday',
      designation: { name: name("New Year's Day", '元旦'), source: 'override: notice for 2027' },
    });
    expect(isWorkingDay(table, '2027-01-02')).toBe(true);
  });

  it('the order does not matter for being published: a real notice anywhere wins', () => {
    expect(buildHolidayTable([base, notice2027, provisional2027]).provisionalYears).toEqual([]);
  });
});

describe('provisionalWarning', () => {
  const table = buildHolidayTable([
    { year: 2026, source: 'notice for 2026', holidays: [], workdays: [] },
    { year: 2027, source: 'provisional 2027', holidays: [], workdays: [], provisional: true },
    { year: 2028, source: 'provisional 2028', holidays: [], workdays: [], provisional: true },
  ]);

  it('is null for a clock inside published years', () => {
    const result = computeDeadline({ from: '2026-03-02', amount: 10, unit: 'workdays' }, table);
    expect(result.dueDate).toBe('2026-03-16');
    expect(provisionalWarning(table, result)).toBeNull();
  });

  it('is null for a clock ending on the last day of the published year', () => {
    // Mon 2026-12-28 + 3 calendar days = Thu 12-31, a working day.
    const result = computeDeadline({ from: '2026-12-28', amount: 3, unit: 'days' }, table);
    expect(result.dueDate).toBe('2026-12-31');
    expect(provisionalWarning(table, result)).toBeNull();
  });

  it('names the provisional year a clock runs into, in English and Chinese', () => {
    const result = computeDeadline({ from: '2026-12-28', amount: 15, unit: 'workdays' }, table);
    expect(result.dueDate).toBe('2027-01-18');
    expect(provisionalWarning(table, result)).toEqual(warningFor(2027));
  });

  it('names the provisional year for a clock wholly inside it', () => {
    const result = computeDeadline({ from: '2027-06-01', amount: 24, unit: 'hours' }, table);
    expect(provisionalWarning(table, result)).toEqual(warningFor(2027));
  });

  it('names every provisional year a long clock runs through', () => {
    const result = computeDeadline({ from: '2026-12-01', amount: 400, unit: 'days' }, table);
    expect(result.dueDate).toBe('2028-01-05');
    expect(provisionalYearsBetween(table, result.startDate, result.dueDate)).toEqual([2027, 2028]);
    expect(provisionalWarning(table, result)).toEqual({
      en: 'provisional: the holiday notice for 2027, 2028 is not loaded yet, so only weekends and the statutory holidays fixed by law were treated as rest days (no bridge days or make-up working days yet)',
      zh: '暂定：2027、2028年节假日安排尚未载入，暂按周末及法定节日计算（调休及连休安排未定）',
    });
  });

  it('is null for every clock when the table has no provisional years', () => {
    const result = computeDeadline({ from: '2024-09-27', amount: 15, unit: 'workdays' }, published);
    expect(provisionalWarning(published, result)).toBeNull();
  });
});
