import { describe, expect, it } from '@jest/globals';
import { type HolidayTable, computeDeadline, loadHolidayTable } from '../../../libs/calendar/src/index.js';

const table = loadHolidayTable();

describe('hour clocks', () => {
  it('runs exactly across National Day without a holiday shift', () => {
    const result = computeDeadline({ from: '2024-09-30T10:00:00+08:00', amount: 72, unit: 'hours' }, table);

    expect(result.startAt).toBe('2024-09-30T02:00:00.000Z');
    expect(result.dueAt).toBe('2024-10-03T02:00:00.000Z');
    expect(result.dueDate).toBe('2024-10-03');
    expect(result.dueLocal).toBe('2024-10-03 10:00 (Asia/Shanghai)');
    expect(result.rule).toEqual({
      unit: 'hours',
      amount: 72,
      startRule: 'exact-from-start-instant',
      basis: expect.stringContaining('no holiday shift'),
    });
    expect(result.explanation.en).toBe(
      '72 hours from 2024-09-30 10:00 (Asia/Shanghai), exact with no holiday shift, ends 2024-10-03 10:00 (Asia/Shanghai)',
    );
  });

  it('starts a date-only start at 00:00 Asia/Shanghai', () => {
    const result = computeDeadline({ from: '2024-10-01', amount: 24, unit: 'hours' }, table);

    expect(result.startAt).toBe('2024-09-30T16:00:00.000Z');
    expect(result.dueAt).toBe('2024-10-01T16:00:00.000Z');
    expect(result.dueLocal).toBe('2024-10-02 00:00 (Asia/Shanghai)');
  });

  it.each([
    { from: '2024-09-27T15:30:00Z', amount: 1, dueAt: '2024-09-27T16:30:00.000Z', local: '2024-09-28 00:30' },
    {
      from: '2024-09-27T00:00:00-05:00',
      amount: 2,
      dueAt: '2024-09-27T07:00:00.000Z',
      local: '2024-09-27 15:00',
    },
    {
      from: '2024-01-31T23:59:30.250+08:00',
      amount: 1,
      dueAt: '2024-01-31T16:59:30.250Z',
      local: '2024-02-01 00:59:30.250',
    },
    // 2024-02-29 exists: a leap day.
    {
      from: '2024-02-28T23:00+08:00',
      amount: 26,
      dueAt: '2024-02-29T17:00:00.000Z',
      local: '2024-03-01 01:00',
    },
  ])('$from + $amount hours is $dueAt', ({ from, amount, dueAt, local }) => {
    const result = computeDeadline({ from, amount, unit: 'h' }, table);

    expect(result.dueAt).toBe(dueAt);
    expect(result.dueLocal).toBe(`${local} (Asia/Shanghai)`);
  });

  it('needs no holiday data, so it works outside the covered years', () => {
    const noData: HolidayTable = { coveredYears: [], holidays: {}, workdays: {} };

    expect(computeDeadline({ from: '2030-05-01', amount: 48, unit: 'hours' }, noData).dueAt).toBe(
      '2030-05-02T16:00:00.000Z',
    );
  });
});
