import { describe, expect, it } from '@jest/globals';
import {
  calendarDateProblem,
  caseDateProblem,
  pastDateProblem,
  dateTimeProblem,
  periodProblem,
} from '../../../libs/platform/src/time/strict-dates.js';

describe('calendarDateProblem', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])('accepts %s', (day) => {
    expect(calendarDateProblem(day)).toBeUndefined();
  });

  it.each([
    ['2026-02-30', 'must name a real day (there is no 2026-02-30)'],
    ['2026-02-29', 'must name a real day (there is no 2026-02-29)'], // not a leap year
    ['1900-02-29', 'must name a real day (there is no 1900-02-29)'], // centuries are not, unless /400
    ['2026-04-31', 'must name a real day (there is no 2026-04-31)'],
    ['2026-13-01', 'must name a real day (there is no 2026-13-01)'],
    ['2026-00-10', 'must name a real day (there is no 2026-00-10)'],
    ['2026-01-00', 'must name a real day (there is no 2026-01-00)'],
  ])('refuses %s, which does not exist', (day, problem) => {
    expect(calendarDateProblem(day)).toBe(problem);
  });

  it.each(['2026-2-3', '26-02-03', '2026-02-03T00:00:00Z', ' 2026-02-03', 'yesterday', ''])(
    'refuses %j as not written YYYY-MM-DD',
    (text) => {
      expect(calendarDateProblem(text)).toBe('must be a date written YYYY-MM-DD');
    },
  );
});

describe('pastDateProblem', () => {
  it('accepts today and any real day before it, refuses a day after today or one that does not exist', () => {
    expect(pastDateProblem('2026-05-20', '2026-05-20')).toBeUndefined();
    expect(pastDateProblem('1999-01-01', '2026-05-20')).toBeUndefined();
    expect(pastDateProblem('2026-05-21', '2026-05-20')).toBe('2026-05-21 is in the future');
    expect(pastDateProblem('2026-02-30', '2026-05-20')).toBe('must name a real day (there is no 2026-02-30)');
  });
});

describe('caseDateProblem', () => {
  const today = '2026-05-20';

  it.each(['2026-05-20', '2024-09-27', '2021-03-01', '2000-01-01'])(
    'accepts %s: today, the campaign, a backlog from before it',
    (day) => {
      expect(caseDateProblem(day, today)).toBeUndefined();
    },
  );

  it('refuses a day after today', () => {
    expect(caseDateProblem('2026-05-21', today)).toBe('2026-05-21 is in the future');
  });

  it.each(['1999-12-31', '1900-01-01', '1924-09-27', '0001-01-01'])(
    'refuses %s, before 2000-01-01: Excel’s day zero, a mistyped year',
    (day) => {
      expect(caseDateProblem(day, today)).toBe(
        `${day} is before 2000-01-01: no case date is earlier (a date that old is a typo)`,
      );
    },
  );

  it('says first that a day does not exist or is not written as one', () => {
    expect(caseDateProblem('1900-02-29', today)).toBe('must name a real day (there is no 1900-02-29)');
    expect(caseDateProblem('27/09/2024', today)).toBe('must be a date written YYYY-MM-DD');
  });
});

describe('dateTimeProblem', () => {
  it.each([
    '2026-11-28T09:00:00+08:00',
    '2026-11-28T09:00+08:00',
    '2026-11-28T01:00:00Z',
    '2026-11-28T01:00:00.123456789Z',
    '2024-02-29T23:59:59-05:30',
  ])('accepts %s', (instant) => {
    expect(dateTimeProblem(instant)).toBeUndefined();
  });

  it.each([
    ['2026-04-31T00:00:00+08:00', 'must name a real day (there is no 2026-04-31)'],
    ['2026-02-30T09:00:00+08:00', 'must name a real day (there is no 2026-02-30)'],
    ['2026-11-28T24:00:00+08:00', 'must name a real time of day (there is no 24:00:00)'],
    ['2026-11-28T09:60:00Z', 'must name a real time of day (there is no 09:60:00)'],
    ['2026-11-28T09:00:60Z', 'must name a real time of day (there is no 09:00:60)'],
    ['2026-11-28T09:00:00+24:00', 'must have an offset between -23:59 and +23:59'],
  ])('refuses %s, which does not exist', (instant, problem) => {
    expect(dateTimeProblem(instant)).toBe(problem);
  });

  it.each(['2026-11-28T09:00:00', '2026-11-28', '2026-11-28 09:00:00Z', '1e19', 'now'])(
    'refuses %j: a time without an offset, or not a date-time',
    (text) => {
      expect(dateTimeProblem(text)).toMatch(/^must be an ISO 8601 date-time with an offset/);
    },
  );
});

describe('periodProblem', () => {
  it.each(['2023', '2023-01', '2023-12'])('accepts %s', (period) => {
    expect(periodProblem(period)).toBeUndefined();
  });

  it.each([
    ['2023-13', 'must name a real month (there is no 2023-13)'],
    ['2023-00', 'must name a real month (there is no 2023-00)'],
    ['2023-1', 'must be a year (yyyy) or a month (yyyy-mm)'],
    ['2023-Q1', 'must be a year (yyyy) or a month (yyyy-mm)'],
  ])('refuses %s', (period, problem) => {
    expect(periodProblem(period)).toBe(problem);
  });
});
