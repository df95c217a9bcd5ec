import { describe, expect, it } from '@jest/globals';
import { computeDeadline, loadHolidayTable } from '../../../libs/calendar/src/index.js';

const table = loadHolidayTable();

describe('calendar-day clocks', () => {
  it('moves a last day inside National Day 2024 to 2024-10-08, due 24:00 Asia/Shanghai', () => {
    const result = computeDeadline({ from: '2024-09-28', amount: 3, unit: 'days' }, table);

    expect(result.dueDate).toBe('2024-10-08');
    expect(result.dueAt).toBe('2024-10-08T16:00:00.000Z');
    expect(result.dueLocal).toBe('2024-10-08 24:00 (Asia/Shanghai)');
    expect(result.startAt).toBe('2024-09-27T16:00:00.000Z');
    expect(result.rule).toMatchObject({
      unit: 'days',
      amount: 3,
      startRule: 'start-day-not-counted',
      rollover: {
        from: '2024-10-01',
        to: '2024-10-08',
        reason: 'statutory-holiday',
        restDayName: { en: 'National Day', zh: '国庆节' },
      },
    });
    expect(result.rule.rollover?.source).toContain('years/2024.json');
    expect(result.explanation.en).toBe(
      '3 calendar days from 2024-09-28 (start day not counted) ends 2024-10-01, a statutory holiday ' +
        '(National Day/国庆节); moved to the first working day after the rest period: 2024-10-08, due 24:00 Asia/Shanghai',
    );
    expect(result.explanation.zh).toBe(
      '自2024-09-28起3个自然日（起算日不计入），期满日2024-10-01为法定节假日（国庆节），' +
        '顺延至休息日结束后的第一个工作日：2024-10-08，截止时间为2024-10-08 24:00（北京时间，Asia/Shanghai）',
    );
  });

  it('keeps a last day that is a working day, without rollover', () => {
    const result = computeDeadline({ from: '2024-03-01', amount: 10, unit: 'days' }, table);

    expect(result.dueDate).toBe('2024-03-11');
    expect(result.dueAt).toBe('2024-03-11T16:00:00.000Z');
    expect(result.rule.rollover).toBeUndefined();
    expect(result.explanation.en).toBe(
      '10 calendar days from 2024-03-01 (start day not counted) ends 2024-03-11, due 24:00 Asia/Shanghai',
    );
  });

  it('moves a last day on a rest weekend past the weekend and the adjoining Dragon Boat holiday', () => {
    // 2024-06-08 is a Saturday, 06-09 a Sunday and 06-10 the Dragon Boat Festival.
    const result = computeDeadline({ from: '2024-06-05', amount: 3, unit: 'days' }, table);

    expect(result.dueDate).toBe('2024-06-11');
    expect(result.rule.rollover).toEqual({
      from: '2024-06-08',
      to: '2024-06-11',
      reason: 'weekend',
      restDayName: { en: 'Saturday', zh: '星期六' },
    });
  });

  it('does not move a last day on the make-up working Saturday 2024-10-12', () => {
    const result = computeDeadline({ from: '2024-10-02', amount: 10, unit: 'days' }, table);

    expect(result.dueDate).toBe('2024-10-12');
    expect(result.rule.rollover).toBeUndefined();
  });

  it.each([
    // Spring Festival 2023 ran 01-21…01-27; Saturday 01-28 was a make-up working day.
    {
      from: '2023-01-18',
      amount: 5,
      restDay: '2023-01-23',
      dueDate: '2023-01-28',
      holiday: 'Spring Festival',
    },
    // National Day 2022 ran 10-01…10-07; Saturday 10-08 was a make-up working day.
    { from: '2022-09-28', amount: 5, restDay: '2022-10-03', dueDate: '2022-10-08', holiday: 'National Day' },
    // New Year 2023 was observed 2022-12-31…2023-01-02, across the year boundary.
    {
      from: '2022-12-29',
      amount: 2,
      restDay: '2022-12-31',
      dueDate: '2023-01-03',
      holiday: "New Year's Day",
    },
  ])(
    'rolls $from + $amount days from $restDay ($holiday) to $dueDate',
    ({ from, amount, restDay, dueDate, holiday }) => {
      const result = computeDeadline({ from, amount, unit: 'days' }, table);

      expect(result.dueDate).toBe(dueDate);
      expect(result.rule.rollover).toMatchObject({ from: restDay, to: dueDate, reason: 'statutory-holiday' });
      expect(result.rule.rollover?.restDayName.en).toBe(holiday);
    },
  );

  it('takes the start day from an instant in Asia/Shanghai, not in UTC', () => {
    // 2024-09-27T20:00Z is 2024-09-28 04:00 in Shanghai; 2024-09-27T15:59:59Z is still 2024-09-27 23:59:59.
    const lateUtc = computeDeadline({ from: '2024-09-27T20:00:00Z', amount: 3, unit: 'days' }, table);
    const sameLocalDay = computeDeadline({ from: '2024-09-27T15:59:59Z', amount: 3, unit: 'days' }, table);

    expect(lateUtc.startDate).toBe('2024-09-28');
    expect(lateUtc.dueDate).toBe('2024-10-08');
    expect(sameLocalDay.startDate).toBe('2024-09-27');
    expect(sameLocalDay.dueDate).toBe('2024-09-30');
  });
});
