import { describe, expect, it } from '@jest/globals';
import {
  type HolidayTable,
  buildHolidayTable,
  computeDeadline,
  dayStatus,
  describeCoverage,
  isWorkingDay,
  loadHolidayTable,
  restDayName,
} from '../../../libs/calendar/src/index.js';

const table = loadHolidayTable();

describe('holiday table lookups', () => {
  it.each([
    { date: '2024-09-29', working: true, name: undefined, note: 'make-up Sunday' },
    { date: '2024-10-12', working: true, name: undefined, note: 'make-up Saturday' },
    { date: '2024-09-30', working: true, name: undefined, note: 'ordinary Monday' },
    { date: '2024-10-01', working: false, name: { en: 'National Day', zh: '国庆节' }, note: 'holiday' },
    {
      date: '2024-10-05',
      working: false,
      name: { en: 'National Day', zh: '国庆节' },
      note: 'weekend inside a holiday',
    },
    { date: '2024-09-28', working: false, name: { en: 'Saturday', zh: '星期六' }, note: 'rest Saturday' },
    { date: '2024-10-13', working: false, name: { en: 'Sunday', zh: '星期日' }, note: 'rest Sunday' },
  ])('$date ($note)', ({ date, working, name }) => {
    expect(isWorkingDay(table, date)).toBe(working);
    expect(restDayName(table, date)).toEqual(name);
  });

  it('tells make-up working days apart from ordinary ones', () => {
    expect(dayStatus(table, '2024-09-29')).toEqual({
      kind: 'working-day',
      makeUp: {
        name: { en: 'National Day', zh: '国庆节' },
        source: expect.stringContaining('years/2024.json'),
      },
    });
    expect(dayStatus(table, '2024-09-30')).toEqual({ kind: 'working-day' });
  });

  it('covers the dataset years as one range', () => {
    expect(describeCoverage(table)).toBe('2004–2026');
    expect(describeCoverage({ coveredYears: [2004, 2005, 2007], holidays: {}, workdays: {} })).toBe(
      '2004–2005, 2007',
    );
    expect(describeCoverage({ coveredYears: [], holidays: {}, workdays: {} })).toBe('none');
  });
});

describe('buildHolidayTable', () => {
  const name = (en: string) => ({ en, zh: en });

  it('lets a later layer win for a date, in both directions', () => {
    const built = buildHolidayTable([
      {
        year: 2030,
        source: 'dataset',
        holidays: [{ date: '2030-10-01', name: name('National Day') }],
        workdays: [{ date: '2030-09-29', name: name('National Day') }],
      },
      {
        year: 2030,
        source: 'override',
        holidays: [{ date: '2030-09-29', name: name('Correction') }],
        workdays: [{ date: '2030-10-01', name: name('Correction') }],
      },
    ]);

    expect(built.coveredYears).toEqual([2030]);
    expect(built.holidays).toEqual({ '2030-09-29': { name: name('Correction'), source: 'override' } });
    expect(built.workdays).toEqual({ '2030-10-01': { name: name('Correction'), source: 'override' } });
  });

  it('is plain data: a JSON copy computes the same deadline without any I/O', () => {
    const copy = JSON.parse(JSON.stringify(table)) as HolidayTable;
    const request = { from: '2024-09-27', amount: 7, unit: 'workdays' } as const;

    expect(computeDeadline(request, copy)).toEqual(computeDeadline(request, table));
  });

  it('computes from a hand-built table', () => {
    // 2030-10-01 is a Tuesday; here only it is a holiday.
    const handBuilt = buildHolidayTable([
      {
        year: 2030,
        source: 'test',
        holidays: [{ date: '2030-10-01', name: name('Test Day') }],
        workdays: [],
      },
    ]);

    expect(computeDeadline({ from: '2030-09-30', amount: 1, unit: 'wd' }, handBuilt).dueDate).toBe(
      '2030-10-02',
    );
    expect(computeDeadline({ from: '2030-09-30', amount: 1, unit: 'd' }, handBuilt).rule.rollover).toEqual({
      from: '2030-10-01',
      to: '2030-10-02',
      reason: 'statutory-holiday',
      restDayName: name('Test Day'),
      source: 'test',
    });
  });
});
