import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  CalendarError,
  CalendarErrorCode,
  computeDeadline,
  isWorkingDay,
  loadHolidayTable,
} from '../../../libs/calendar/src/index.js';

const tempDir = mkdtempSync(join(tmpdir(), 'duban-calendar-loader-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function writeOverrideFile(name: string, content: unknown): string {
  const file = join(tempDir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function loadError(overrideFile: string): unknown {
  try {
    loadHolidayTable({ overrideFile });
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${overrideFile} to be rejected`);
}

// A made-up notice: 2027 is not in the dataset.
const notice2027 = {
  years: {
    '2027': {
      source: 'Made-up 2027 notice for tests',
      holidays: [{ date: '2027-01-01', name: { en: "New Year's Day", zh: '元旦' } }],
      workdays: [{ date: '2027-01-09', name: { en: "New Year's Day", zh: '元旦' } }],
    },
  },
};

describe('loadHolidayTable', () => {
  it('loads every chinese-days year with the shipped (empty) override file', () => {
    const table = loadHolidayTable();

    expect(table.coveredYears[0]).toBe(2004);
    expect(table.coveredYears.at(-1)).toBe(2026);
    expect(table.coveredYears).toHaveLength(23);
    expect(table.holidays['2024-10-01']).toEqual({
      name: { en: 'National Day', zh: '国庆节' },
      source: 'chinese-days@1.5.7 years/2024.json (State Council holiday notice for 2024)',
    });
  });

  it('extends the range to a newly published year from an override file', () => {
    const table = loadHolidayTable({ overrideFile: writeOverrideFile('2027.json', notice2027) });

    expect(table.coveredYears.at(-1)).toBe(2027);
    // 12-31 Thu (1), 2027-01-01 holiday, 01-02/03 weekend, 01-04 (2), 01-05 (3).
    expect(computeDeadline({ from: '2026-12-30', amount: 3, unit: 'workdays' }, table).dueDate).toBe(
      '2027-01-05',
    );
    // 01-08 Fri (1), Sat 01-09 make-up (2).
    const makeUp = computeDeadline({ from: '2027-01-07', amount: 2, unit: 'workdays' }, table);
    expect(makeUp.dueDate).toBe('2027-01-09');
    expect(makeUp.rule.workdayCount?.makeUpWorkdaysCounted).toEqual(['2027-01-09']);
    const rolled = computeDeadline({ from: '2026-12-28', amount: 4, unit: 'days' }, table);
    expect(rolled.dueDate).toBe('2027-01-04');
    expect(rolled.rule.rollover?.source).toContain('Made-up 2027 notice for tests');
  });

  it('lets the override file win over the dataset for a date', () => {
    const table = loadHolidayTable({
      overrideFile: writeOverrideFile('2024-correction.json', {
        years: {
          '2024': {
            source: 'Made-up 2024 correction for tests',
            holidays: [{ date: '2024-10-08', name: { en: 'Extra Day', zh: '加休日' } }],
            workdays: [{ date: '2024-10-07', name: { en: 'Extra Work', zh: '补班' } }],
          },
        },
      }),
    });

    expect(isWorkingDay(table, '2024-10-07')).toBe(true);
    expect(isWorkingDay(table, '2024-10-08')).toBe(false);
    expect(isWorkingDay(table, '2024-09-29')).toBe(true);
    expect(computeDeadline({ from: '2024-09-28', amount: 3, unit: 'days' }, table).dueDate).toBe(
      '2024-10-07',
    );
    expect(computeDeadline({ from: '2024-10-05', amount: 3, unit: 'days' }, table).dueDate).toBe(
      '2024-10-09',
    );
  });

  const year = (entry: Record<string, unknown>) => ({
    years: { '2027': { source: 'test', holidays: [], workdays: [], ...entry } },
  });
  const day = (date: string) => ({ date, name: { en: 'Test', zh: '测试' } });

  it.each([
    { problem: 'not JSON', content: '{ years: ', reason: 'not valid JSON' },
    { problem: 'no years', content: { holidays: [] }, reason: 'expected { "years": { … } }' },
    {
      problem: 'bad year key',
      content: { years: { '27': {} } },
      reason: 'years.27: the key must be a year like "2027"',
    },
    {
      problem: 'no source',
      content: year({ source: '' }),
      reason: 'years.2027.source: name the notice the dates come from',
    },
    {
      problem: 'no list',
      content: year({ workdays: undefined }),
      reason: 'years.2027.workdays: expected a list (may be empty)',
    },
    {
      problem: 'no such day',
      content: year({ holidays: [day('2027-02-30')] }),
      reason: 'years.2027.holidays[0].date: expected an existing day as YYYY-MM-DD',
    },
    {
      problem: 'wrong year',
      content: year({ holidays: [day('2026-12-31')] }),
      reason: 'years.2027.holidays[0].date: 2026-12-31 is not in 2027',
    },
    {
      problem: 'no name',
      content: year({ workdays: [{ date: '2027-01-09' }] }),
      reason: 'years.2027.workdays[0].name: expected { "en": "…", "zh": "…" }',
    },
    {
      problem: 'both lists',
      content: year({ holidays: [day('2027-01-09')], workdays: [day('2027-01-09')] }),
      reason: 'years.2027: 2027-01-09 is listed as both holiday and workday',
    },
  ])('rejects an override file with $problem', ({ problem, content, reason }) => {
    const file = writeOverrideFile(`${problem.replaceAll(' ', '-')}.json`, content);

    const error = loadError(file);

    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({
      code: CalendarErrorCode.InvalidHolidayData,
      message: `Invalid holiday override file ${file}: ${reason}`,
    });
  });

  it('rejects a missing override file', () => {
    const file = join(tempDir, 'missing.json');

    expect(loadError(file)).toMatchObject({
      code: CalendarErrorCode.InvalidHolidayData,
      message: `Invalid holiday override file ${file}: cannot read it (ENOENT)`,
    });
  });
});
