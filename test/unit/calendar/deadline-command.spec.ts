import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { type DeadlineResult, registerDeadlineCommand } from '../../../libs/calendar/src/index.js';

const tempDir = mkdtempSync(join(tmpdir(), 'duban-calendar-cli-'));
const notice2027File = join(tempDir, 'holidays-2027.json');
writeFileSync(
  notice2027File,
  JSON.stringify({
    years: {
      '2027': {
        source: 'Made-up 2027 notice for tests',
        holidays: [{ date: '2027-01-01', name: { en: "New Year's Day", zh: '元旦' } }],
        workdays: [],
      },
    },
  }),
);
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const savedOverrideEnv = process.env.HOLIDAY_OVERRIDE_FILE;
let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  delete process.env.HOLIDAY_OVERRIDE_FILE;
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  if (savedOverrideEnv === undefined) delete process.env.HOLIDAY_OVERRIDE_FILE;
  else process.env.HOLIDAY_OVERRIDE_FILE = savedOverrideEnv;
});

function runDuban(...args: string[]): void {
  const program = new Command('duban');
  registerDeadlineCommand(program);
  program.parse(args, { from: 'user' });
}

describe('duban deadline', () => {
  it('prints the due date-time and the rule that produced it', () => {
    runDuban('deadline', '--from', '2024-09-27', '--amount', '7', '--unit', 'workdays');

    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('due: 2024-10-12 24:00 (Asia/Shanghai) = 2024-10-12T16:00:00.000Z');
    expect(lines[1]).toBe(
      'rule: 7 working days from 2024-09-27 (start day not counted) ends 2024-10-12, due 24:00 Asia/Shanghai; ' +
        'skipped 8 rest days incl. National Day/国庆节; counted make-up working days 2024-09-29, 2024-10-12',
    );
    expect(lines[2]).toMatch(/^规则: 自2024-09-27起7个工作日/);
    expect(lines[3]).toMatch(/^basis: Working days per the State Council holiday notices/);
    expect(stderr).toBe('');
    expect(process.exitCode).toBeUndefined();
  });

  it('prints the full result with --json, accepting the unit alias d', () => {
    runDuban('deadline', '--from', '2024-09-28', '--amount', '3', '--unit', 'd', '--json');

    const result = JSON.parse(stdout) as DeadlineResult;
    expect(result).toMatchObject({
      from: '2024-09-28',
      dueAt: '2024-10-08T16:00:00.000Z',
      dueDate: '2024-10-08',
      dueLocal: '2024-10-08 24:00 (Asia/Shanghai)',
      timeZone: 'Asia/Shanghai',
      rule: {
        unit: 'days',
        amount: 3,
        rollover: { from: '2024-10-01', to: '2024-10-08', reason: 'statutory-holiday' },
      },
    });
    expect(result.explanation.zh).toContain('顺延至休息日结束后的第一个工作日：2024-10-08');
  });

  it('reads an override file from --holidays, or else from HOLIDAY_OVERRIDE_FILE', () => {
    runDuban(
      'deadline',
      '--from',
      '2026-12-30',
      '--amount',
      '3',
      '--unit',
      'wd',
      '--holidays',
      notice2027File,
    );
    expect(stdout).toMatch(/^due: 2027-01-05 24:00 \(Asia\/Shanghai\)/);

    stdout = '';
    process.env.HOLIDAY_OVERRIDE_FILE = notice2027File;
    runDuban('deadline', '--from', '2026-12-30', '--amount', '3', '--unit', 'wd');
    expect(stdout).toMatch(/^due: 2027-01-05 24:00 \(Asia\/Shanghai\)/);
  });

  it.each([
    {
      args: ['--from', '2024-09-27', '--amount', '7', '--unit', 'weeks'],
      message:
        'error: Unknown unit "weeks": use hours (h), days (d, calendar days) or workdays (wd, working days)\n',
    },
    { args: ['--amount', '7', '--unit', 'days'], message: 'error: Missing option --from <date>\n' },
    {
      args: ['--from', '2024-09-27', '--amount', 'seven', '--unit', 'days'],
      message: 'error: Invalid amount "seven": expected a whole number\n',
    },
    {
      args: ['--from', '2024-09-27', '--amount', '0x10', '--unit', 'days'],
      message: 'error: Invalid amount "0x10": expected a whole number\n',
    },
    {
      args: ['--from', '2024-09-27', '--amount', '-3', '--unit', 'days'],
      message: 'error: Invalid amount -3: a days clock takes a whole number from 1 to 3650\n',
    },
    {
      args: ['--from', '2026-12-30', '--amount', '5', '--unit', 'workdays'],
      message:
        'error: No holiday data for 2027 (needed for 2027-01-01); supported years: 2004–2026. ' +
        'Add the State Council holiday notice for 2027 to the holiday override file.\n',
    },
  ])('reports bad input $args on one line with exit code 2', ({ args, message }) => {
    runDuban('deadline', ...args);

    expect(stderr).toBe(message);
    expect(stdout).toBe('');
    expect(process.exitCode).toBe(2);
  });
});
