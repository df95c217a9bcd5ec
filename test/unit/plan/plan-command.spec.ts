import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { BUNDLED_PLAN_FILE, readBundledPlan } from '../../../libs/plan/src/bundled-plan.js';
import { registerPlanCommand } from '../../../libs/plan/src/cli/plan.command.js';
import { sha256Of } from '../../../libs/plan/src/plan-parser.js';

const tempDir = mkdtempSync(join(tmpdir(), 'duban-plan-cli-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const savedDatabaseUrl = process.env.DATABASE_URL;
let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  delete process.env.DATABASE_URL;
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
  if (savedDatabaseUrl !== undefined) process.env.DATABASE_URL = savedDatabaseUrl;
});

async function runDuban(...args: string[]): Promise<void> {
  const program = new Command('duban');
  registerPlanCommand(program);
  await program.parseAsync(args, { from: 'user' });
}

function planFile(name: string, text: string): string {
  const file = join(tempDir, name);
  writeFileSync(file, text);
  return file;
}

describe('duban plan validate FILE', () => {
  it('says what a valid file holds, with its sha256', async () => {
    await runDuban('plan', 'validate', BUNDLED_PLAN_FILE);
    expect(stdout).toBe(
      `${BUNDLED_PLAN_FILE}: valid — 12 actions, 40 indicators, 2 deliverables; sha256 ${sha256Of(readBundledPlan())}\n`,
    );
    expect(process.exitCode).toBeUndefined();
  });

  it('lists every problem as file:line:column: path: message and exits with 2', async () => {
    const file = planFile(
      'broken.plan.yaml',
      readBundledPlan()
        .replace('    leadUnit: eco\n', '    leadUnit: ecology\n')
        .replace('  - number: 3\n', '  - number: 2\n'),
    );
    await runDuban('plan', 'validate', file);
    expect(stderr.split('\n')).toEqual([
      `${file}:59:15: actions[1].leadUnit: unknown unit ecology: not declared under units`,
      `${file}:62:13: actions[2].number: duplicate action number 2: also actions[1]`,
      '2 problem(s)',
      '',
    ]);
    expect(stdout).toBe('');
    expect(process.exitCode).toBe(2);
  });

  it('a file that does not exist is bad input too', async () => {
    await runDuban('plan', 'validate', join(tempDir, 'missing.yaml'));
    expect(stderr).toMatch(/^error: cannot read .*missing\.yaml/);
    expect(process.exitCode).toBe(2);
  });
});

describe('duban plan show', () => {
  it('without a database: the bundled plan, readably', async () => {
    await runDuban('plan', 'show');
    expect(
      stdout.startsWith(`bundled plan ${BUNDLED_PLAN_FILE} (sha256 ${sha256Of(readBundledPlan())})\n\n`),
    ).toBe(true);
    expect(stdout).toContain('武政办〔2022〕5号, issued 2022-07-07; period 2022-07-07 to 2024-12-31\n');
    expect(stdout).toContain(
      '5. 农村假冒伪劣食品治理行动 — Tackling counterfeit and substandard food in rural areas\n' +
        '   lead: 市场监管局 (amr)\n' +
        '   with: 农业农村局 (agri), 公安局 (police), 民政局 (civil), 商务局 (commerce), 供销社 (supply-coop), 各乡镇办事处 (townships)\n' +
        '   - 达到规范化建设标准的农村食品经营店 [a5-rural-shops-standard]\n' +
        '     ≥ 50% by 2022-12-31; ≥ 70% by 2023-12-31; ≥ 80% by 2024-12-31\n',
    );
    expect(stdout).toContain('     keep ≥ 80% through 2024-12-31\n');
    expect(stdout).toContain(
      '   - 规范提升标杆单位食品小作坊 [a8-benchmark-workshops]\n     ≥ 3–5 by 2023-12-31\n',
    );
    expect(stdout).toContain(
      "  - 年度工作总结 [annual-summary]: each action's lead unit → 县政府食品安全委员会办公室 (fso), due every year by 11-20\n",
    );
  });

  it('--json: the plan as data, marked as the bundled one', async () => {
    await runDuban('plan', 'show', '--json', '--bundled');
    const shown = JSON.parse(stdout);
    expect(shown).toMatchObject({ origin: 'bundled', sha256: sha256Of(readBundledPlan()) });
    expect(shown.plan.actions).toHaveLength(12);
    expect(shown.plan.deliverables[0].due).toEqual({ date: '2022-07-15' });
  });
});
