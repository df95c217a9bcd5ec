import { describe, expect, it } from '@jest/globals';
import { computeDeadline } from '../../../libs/calendar/src/domain/deadline.js';
import { dayStatus, isWorkingDay } from '../../../libs/calendar/src/domain/holiday-table.js';
import { provisionalWarning } from '../../../libs/calendar/src/domain/provisional.js';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { statutoryHolidays } from '../../../libs/calendar/src/statutory-holidays.js';

// chinese-days 1.5.7 publishes notices up to 2026, so 2027 is the provisional year.
const published = loadHolidayTable();
const ahead = loadHolidayTable({ provisionalYearsAhead: 1 });
const datesOf = (year: number) => statutoryHolidays(year).map((d) => d.date);

describe('statutoryHolidays: the days fixed by 《全国年节及纪念日放假办法》 (2024 revision)', () => {
  it('gives 2027 its thirteen days: 元旦, 春节 除夕–初三, 清明, 劳动节, 端午, 中秋, 国庆', () => {
    // Lunar new year 2027 is Sat 02-06, so 除夕 is Fri 02-05; 端午 06-09, 中秋 09-15, 清明 04-05.
    expect(datesOf(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });

  it('marks every day as statutory by law, not as from a notice', () => {
    const [newYear, eve] = statutoryHolidays(2027);
    expect(newYear.name).toEqual({
      en: "New Year's Day, statutory by law",
      zh: '元旦（法定假日，依法确定）',
    });
    expect(eve.name.zh).toBe('春节（除夕）（法定假日，依法确定）');
  });

  it.each([2025, 2026])(
    'agrees with the published State Council notice for %i: every statutory day is a holiday there',
    (year) => {
      for (const date of datesOf(year)) {
        expect({ date, kind: dayStatus(published, date).kind }).toEqual({ date, kind: 'statutory-holiday' });
      }
    },
  );

  it('gives one rest day, with both names, when 中秋 falls inside 国庆 (2028-10-03)', () => {
    const days = statutoryHolidays(2028);
    expect(days).toHaveLength(12);
    expect(days.find((d) => d.date === '2028-10-03')?.name.zh).toBe('中秋节、国庆节（法定假日，依法确定）');
  });

  it('refuses a year before the 2024 revision took effect', () => {
    expect(() => statutoryHolidays(2024)).toThrow(RangeError);
  });
});

describe('a provisional year keeps its statutory holidays (no notice yet)', () => {
  it('counts 2027-01-01 (元旦) as a holiday, with the law as its source', () => {
    expect(isWorkingDay(ahead, '2027-01-01')).toBe(false);
    expect(dayStatus(ahead, '2027-01-01')).toEqual({
      kind: 'statutory-holiday',
      designation: {
        name: { en: "New Year's Day, statutory by law", zh: '元旦（法定假日，依法确定）' },
        source: expect.stringContaining('《全国年节及纪念日放假办法》第二条（2024年修订'),
      },
    });
  });

  it.each([
    ['2027-02-04', true],
    ['2027-02-05', false], // 除夕, a Friday
    ['2027-02-08', false], // 初三, a Monday
    ['2027-02-09', true],
    ['2027-10-04', true], // no notice yet: the bridge days of the Golden Week are unknown
  ])('%s is a working day: %p', (date, working) => {
    expect(isWorkingDay(ahead, date)).toBe(working);
  });

  it('skips 春节 in a working-day clock and says which holidays it skipped', () => {
    // Wed 02-03: Thu 02-04 #1; 02-05..02-08 (除夕–初三, with the weekend) rest; 02-09..02-12 #2–#5.
    const result = computeDeadline({ from: '2027-02-03', amount: 5, unit: 'workdays' }, ahead);
    expect(result.dueAt).toBe('2027-02-12T16:00:00.000Z');
    expect(result.rule.workdayCount).toMatchObject({ restDaysSkipped: 4 });
    expect(result.explanation.zh).toContain('春节（除夕）（法定假日，依法确定）');
    expect(provisionalWarning(ahead, result)?.en).toContain('statutory holidays fixed by law');
  });

  it('rolls a calendar-day clock ending on 元旦 over the holiday and the weekend', () => {
    // Tue 2026-12-29 + 3 days = Fri 2027-01-01 (元旦) → Mon 01-04.
    const result = computeDeadline({ from: '2026-12-29', amount: 3, unit: 'days' }, ahead);
    expect(result.dueDate).toBe('2027-01-04');
    expect(result.rule.rollover).toMatchObject({ from: '2027-01-01', reason: 'statutory-holiday' });
    expect(result.explanation.en).toContain("New Year's Day, statutory by law");
  });

  it('counts working days across the provisional year from its statutory days and weekends', () => {
    // 365 days, 104 weekend days (2027 starts on a Friday), 13 statutory days of which six fall on a
    // weekend (02-06, 02-07, 05-01, 05-02, 10-02, 10-03): 365 − 104 − 7 = 254 working days.
    let working = 0;
    for (let day = new Date('2027-01-01T00:00:00Z'); day.getUTCFullYear() === 2027;) {
      if (isWorkingDay(ahead, day.toISOString().slice(0, 10))) working++;
      day = new Date(day.getTime() + 86_400_000);
    }
    expect(working).toBe(254);
  });
});
