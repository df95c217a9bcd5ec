import { describe, expect, it } from '@jest/globals';
import { computeDeadline, loadHolidayTable } from '../../../libs/calendar/src/index.js';

const table = loadHolidayTable();

describe('working-day clocks', () => {
  it('counts the make-up working days around National Day 2024', () => {
    // 09-28 Sat rest, 09-29 Sun make-up (1), 09-30 (2), 10-01…10-07 holiday, 10-08…10-11 (3–6), 10-12 Sat make-up (7).
    const result = computeDeadline({ from: '2024-09-27', amount: 7, unit: 'workdays' }, table);

    expect(result.dueDate).toBe('2024-10-12');
    expect(result.dueAt).toBe('2024-10-12T16:00:00.000Z');
    expect(result.dueLocal).toBe('2024-10-12 24:00 (Asia/Shanghai)');
    expect(result.rule).toMatchObject({
      unit: 'workdays',
      amount: 7,
      startRule: 'start-day-not-counted',
      workdayCount: {
        restDaysSkipped: 8,
        holidaysSkipped: [{ en: 'National Day', zh: '国庆节' }],
        makeUpWorkdaysCounted: ['2024-09-29', '2024-10-12'],
      },
    });
    expect(result.rule.rollover).toBeUndefined();
    expect(result.explanation.en).toBe(
      '7 working days from 2024-09-27 (start day not counted) ends 2024-10-12, due 24:00 Asia/Shanghai; ' +
        'skipped 8 rest days incl. National Day/国庆节; counted make-up working days 2024-09-29, 2024-10-12',
    );
    expect(result.explanation.zh).toBe(
      '自2024-09-27起7个工作日（起算日不计入），期满日为2024-10-12，截止时间为2024-10-12 24:00（北京时间，Asia/Shanghai）' +
        '；跳过休息日8天（含国庆节）；计入调休上班日2024-09-29、2024-10-12',
    );
  });

  it.each([
    // National Day 2024: Sunday 09-29 is the first working day after Friday 09-27.
    { from: '2024-09-27', amount: 1, dueDate: '2024-09-29' },
    { from: '2024-09-27', amount: 2, dueDate: '2024-09-30' },
    { from: '2024-09-27', amount: 3, dueDate: '2024-10-08' },
    // Spring Festival 2024: Sun 02-04 make-up, 02-10…02-17 holiday, Sun 02-18 make-up.
    { from: '2024-02-02', amount: 3, dueDate: '2024-02-06' },
    { from: '2024-02-02', amount: 6, dueDate: '2024-02-09' },
    { from: '2024-02-02', amount: 7, dueDate: '2024-02-18' },
    // Mid-Autumn + National Day 2023: 09-29…10-06 holiday, Sat 10-07 and Sun 10-08 make-up.
    { from: '2023-09-27', amount: 3, dueDate: '2023-10-08' },
    // Spring Festival 2022: Sat 01-29 and Sun 01-30 make-up, 01-31…02-06 holiday.
    { from: '2022-01-27', amount: 3, dueDate: '2022-01-30' },
    { from: '2022-01-27', amount: 4, dueDate: '2022-02-07' },
    // A start on a rest day: Sat 2024-06-08, Sun 06-09, Dragon Boat 06-10.
    { from: '2024-06-08', amount: 1, dueDate: '2024-06-11' },
  ])('$from + $amount working days ends $dueDate', ({ from, amount, dueDate }) => {
    expect(computeDeadline({ from, amount, unit: 'workdays' }, table).dueDate).toBe(dueDate);
  });

  it.each([
    // 12-29 Fri (1), 12-30/31 weekend, 2024-01-01 New Year, 01-02 (2), 01-03 (3).
    { from: '2023-12-28', amount: 3, dueDate: '2024-01-03' },
    // 12-30 Mon (1), 12-31 Tue (2), 2025-01-01 New Year, 01-02 (3).
    { from: '2024-12-27', amount: 3, dueDate: '2025-01-02' },
    // 12-30 Fri (1), 2022-12-31…2023-01-02 New Year, 01-03 (2).
    { from: '2022-12-29', amount: 2, dueDate: '2023-01-03' },
  ])('crosses the year boundary: $from + $amount working days ends $dueDate', ({ from, amount, dueDate }) => {
    const result = computeDeadline({ from, amount, unit: 'workdays' }, table);

    expect(result.dueDate).toBe(dueDate);
    expect(result.rule.workdayCount?.holidaysSkipped).toEqual([{ en: "New Year's Day", zh: '元旦' }]);
  });

  it('lists every holiday it skipped once, in order', () => {
    const result = computeDeadline({ from: '2023-09-27', amount: 3, unit: 'workdays' }, table);

    expect(result.rule.workdayCount).toEqual({
      restDaysSkipped: 8,
      holidaysSkipped: [
        { en: 'Mid-autumn Festival', zh: '中秋' },
        { en: 'National Day', zh: '国庆节' },
      ],
      makeUpWorkdaysCounted: ['2023-10-07', '2023-10-08'],
    });
  });
});
