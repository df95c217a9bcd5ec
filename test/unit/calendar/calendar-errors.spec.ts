import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  CalendarError,
  CalendarErrorCode,
  type DeadlineRequest,
  type DeadlineUnitName,
  computeDeadline,
  loadHolidayTable,
} from '../../../libs/calendar/src/index.js';

const table = loadHolidayTable();
const tempDir = mkdtempSync(join(tmpdir(), 'duban-calendar-errors-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function errorOf(action: () => unknown): CalendarError {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError, but nothing was thrown');
}

function deadlineError(request: Partial<DeadlineRequest>): CalendarError {
  return errorOf(() => computeDeadline({ from: '2024-09-27', amount: 3, unit: 'days', ...request }, table));
}

const cases: { code: CalendarErrorCode; name: string; fail: () => CalendarError }[] = [
  {
    code: CalendarErrorCode.UnknownUnit,
    name: 'weeks',
    fail: () => deadlineError({ unit: 'weeks' as DeadlineUnitName }),
  },
  {
    code: CalendarErrorCode.UnknownUnit,
    name: 'empty unit',
    fail: () => deadlineError({ unit: '' as DeadlineUnitName }),
  },
  {
    code: CalendarErrorCode.UnknownUnit,
    name: 'Days (case)',
    fail: () => deadlineError({ unit: 'Days' as DeadlineUnitName }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'month 13',
    fail: () => deadlineError({ from: '2024-13-01' }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'February 30',
    fail: () => deadlineError({ from: '2024-02-30' }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: '2023 has no leap day',
    fail: () => deadlineError({ from: '2023-02-29' }),
  },
  { code: CalendarErrorCode.InvalidDate, name: 'abc', fail: () => deadlineError({ from: 'abc' }) },
  { code: CalendarErrorCode.InvalidDate, name: 'empty start', fail: () => deadlineError({ from: '' }) },
  { code: CalendarErrorCode.InvalidDate, name: 'unpadded', fail: () => deadlineError({ from: '2024-9-27' }) },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'no offset',
    fail: () => deadlineError({ from: '2024-09-27T15:30:00' }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'hour 24',
    fail: () => deadlineError({ from: '2024-09-27T24:00+08:00' }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'minute 60',
    fail: () => deadlineError({ from: '2024-09-27T12:60Z' }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'bad offset',
    fail: () => deadlineError({ from: '2024-09-27T12:00+08:60' }),
  },
  {
    code: CalendarErrorCode.InvalidDate,
    name: 'instant on February 30',
    fail: () => deadlineError({ from: '2024-02-30T12:00:00+08:00' }),
  },
  { code: CalendarErrorCode.InvalidAmount, name: 'zero', fail: () => deadlineError({ amount: 0 }) },
  { code: CalendarErrorCode.InvalidAmount, name: 'negative', fail: () => deadlineError({ amount: -1 }) },
  { code: CalendarErrorCode.InvalidAmount, name: 'fraction', fail: () => deadlineError({ amount: 1.5 }) },
  { code: CalendarErrorCode.InvalidAmount, name: 'NaN', fail: () => deadlineError({ amount: Number.NaN }) },
  {
    code: CalendarErrorCode.InvalidAmount,
    name: 'Infinity',
    fail: () => deadlineError({ amount: Infinity }),
  },
  { code: CalendarErrorCode.InvalidAmount, name: '3651 days', fail: () => deadlineError({ amount: 3651 }) },
  {
    code: CalendarErrorCode.InvalidAmount,
    name: '2501 workdays',
    fail: () => deadlineError({ amount: 2501, unit: 'workdays' }),
  },
  {
    code: CalendarErrorCode.InvalidAmount,
    name: '87601 hours',
    fail: () => deadlineError({ amount: 87_601, unit: 'hours' }),
  },
  {
    code: CalendarErrorCode.OutOfRange,
    name: 'workdays into 2027',
    fail: () => deadlineError({ from: '2026-12-30', amount: 5, unit: 'workdays' }),
  },
  {
    code: CalendarErrorCode.OutOfRange,
    name: 'calendar days into 2027',
    fail: () => deadlineError({ from: '2026-12-25', amount: 10 }),
  },
  {
    code: CalendarErrorCode.OutOfRange,
    name: 'calendar days before 2004',
    fail: () => deadlineError({ from: '2003-12-20', amount: 5 }),
  },
  {
    code: CalendarErrorCode.InvalidHolidayData,
    name: 'malformed override file',
    fail: () => {
      const file = join(tempDir, 'broken.json');
      writeFileSync(file, '{ "years": { "2027": { "holidays": [] } } }');
      return errorOf(() => loadHolidayTable({ overrideFile: file }));
    },
  },
];

describe('calendar errors', () => {
  it('has a case for every error code', () => {
    expect(new Set(cases.map(({ code }) => code))).toEqual(new Set(Object.values(CalendarErrorCode)));
  });

  it.each(cases)('$code: $name', ({ code, fail }) => {
    const error = fail();

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CalendarError');
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
  });

  it('names the unit choices, the bad value and the supported years in its messages', () => {
    expect(deadlineError({ unit: 'weeks' as DeadlineUnitName }).message).toBe(
      'Unknown unit "weeks": use hours (h), days (d, calendar days) or workdays (wd, working days)',
    );
    expect(deadlineError({ from: '2024-02-30' }).message).toBe(
      'Invalid start "2024-02-30": no such day (use YYYY-MM-DD or e.g. 2024-09-27T15:30:00+08:00)',
    );
    expect(deadlineError({ amount: 3651 }).message).toBe(
      'Invalid amount 3651: a days clock takes a whole number from 1 to 3650',
    );
    expect(deadlineError({ from: '2026-12-30', amount: 5, unit: 'workdays' }).message).toBe(
      'No holiday data for 2027 (needed for 2027-01-01); supported years: 2004–2026. ' +
        'Add the State Council holiday notice for 2027 to the holiday override file.',
    );
    // Past the last four-digit year the year is read whole, not as its first four digits.
    expect(deadlineError({ from: '9999-12-31', amount: 10, unit: 'workdays' }).message).toMatch(
      /^No holiday data for 10000 \(needed for 10000-01-01\);/,
    );
  });

  it('accepts the largest amounts and the edges of the covered years', () => {
    expect(computeDeadline({ from: '2010-01-01', amount: 3650, unit: 'days' }, table).dueDate).toBe(
      '2019-12-30',
    );
    expect(computeDeadline({ from: '2026-12-28', amount: 3, unit: 'days' }, table).dueDate).toBe(
      '2026-12-31',
    );
    expect(computeDeadline({ from: '2003-12-31', amount: 1, unit: 'workdays' }, table).dueDate).toBe(
      '2004-01-02',
    );
    expect(computeDeadline({ from: '2024-02-29', amount: 1, unit: 'days' }, table).dueDate).toBe(
      '2024-03-01',
    );
  });
});
