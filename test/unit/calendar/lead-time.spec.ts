import { describe, expect, it } from '@jest/globals';
import { CalendarError, CalendarErrorCode } from '../../../libs/calendar/src/domain/calendar-error.js';
import { workdaysBeforeEnd } from '../../../libs/calendar/src/domain/lead-time.js';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';

const table = loadHolidayTable();

/** The error `run` throws; fails the test when it returns. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/*
 * workdaysBeforeEnd(due, n) is the instant at which exactly n working days remain: 24:00 Asia/Shanghai
 * (16:00Z) of the day before the last n working days up to and including the due day.
 *
 * 2024, from the State Council notice: National Day 10-01..10-07 off; Sun 09-29 and Sat 10-12 worked.
 */
describe('workdaysBeforeEnd with the real holiday table', () => {
  it('2 working days before Friday 2024-10-11 is Wednesday 2024-10-09 24:00', () => {
    // last two working days: Fri 10-11, Thu 10-10 → the day before is Wed 10-09.
    expect(workdaysBeforeEnd('2024-10-11', 2, table)).toBe('2024-10-09T16:00:00.000Z');
  });

  it('1 working day before a Friday is Thursday 24:00', () => {
    expect(workdaysBeforeEnd('2024-10-11', 1, table)).toBe('2024-10-10T16:00:00.000Z');
  });

  describe('across National Day 2024 (due Tue 2024-10-08, the first day back)', () => {
    it.each([
      // 1: 10-08 → day before 10-07 (a holiday; the lead still ends at its 24:00, i.e. 10-08 00:00)
      [1, '2024-10-07T16:00:00.000Z'],
      // 2: 10-08, Mon 09-30 (10-01..07 skipped) → day before is Sun 09-29
      [2, '2024-09-29T16:00:00.000Z'],
      // 3: 10-08, 09-30, and the make-up Sunday 09-29 counts → day before is Sat 09-28
      [3, '2024-09-28T16:00:00.000Z'],
      // 4: …, then Sat 09-28 is a rest day, Fri 09-27 counts → day before is Thu 09-26
      [4, '2024-09-26T16:00:00.000Z'],
    ])('%i working day(s) before → %s', (workdays, expected) => {
      expect(workdaysBeforeEnd('2024-10-08', workdays, table)).toBe(expected);
    });
  });

  it('counts the make-up Saturday 2024-10-12 as a working day', () => {
    // due Mon 10-14: last two are 10-14 and Sat 10-12 (Sun 10-13 rests) → day before is Fri 10-11.
    expect(workdaysBeforeEnd('2024-10-14', 2, table)).toBe('2024-10-11T16:00:00.000Z');
  });

  describe('across an ordinary weekend', () => {
    it('2 working days before Monday 2024-10-21 is Thursday 2024-10-17 24:00', () => {
      // last two: Mon 10-21, Fri 10-18 (Sat 10-19 and Sun 10-20 rest) → day before is Thu 10-17.
      expect(workdaysBeforeEnd('2024-10-21', 2, table)).toBe('2024-10-17T16:00:00.000Z');
    });

    it('1 working day before Monday 2024-10-21 is Sunday 24:00 (= Monday 00:00)', () => {
      expect(workdaysBeforeEnd('2024-10-21', 1, table)).toBe('2024-10-20T16:00:00.000Z');
    });

    it('3 working days before Tuesday 2024-10-22 is Thursday 2024-10-17 24:00', () => {
      // Tue 10-22, Mon 10-21, Fri 10-18 → day before is Thu 10-17.
      expect(workdaysBeforeEnd('2024-10-22', 3, table)).toBe('2024-10-17T16:00:00.000Z');
    });
  });

  it('across the new year, from a covered year into the previous covered year', () => {
    // 2025-01-01 is New Year's Day. Due Thu 2025-01-02: last two are 01-02 and Tue 2024-12-31
    // → day before is Mon 2024-12-30.
    expect(workdaysBeforeEnd('2025-01-02', 2, table)).toBe('2024-12-30T16:00:00.000Z');
  });

  describe('an invalid lead time', () => {
    it.each([0, 1.5, -2, Number.NaN])('%p working days → CalendarError InvalidAmount', (workdays) => {
      const error = thrown(() => workdaysBeforeEnd('2024-10-11', workdays, table));
      expect(error).toBeInstanceOf(CalendarError);
      expect(error).toMatchObject({
        code: CalendarErrorCode.InvalidAmount,
        message: 'lead time must be a whole number of working days ≥ 1',
      });
    });
  });

  it('a due day outside the covered years → CalendarError OutOfRange', () => {
    const error = thrown(() => workdaysBeforeEnd('2003-06-02', 2, table));
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ code: CalendarErrorCode.OutOfRange });
  });
});
