import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultRiskItemPolicyFile,
  loadRiskItemPolicy,
} from '../../../libs/risk-items/src/risk-item-policy.loader.js';

const dir = mkdtempSync(join(tmpdir(), 'duban-risk-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid policy file body, to be spoiled one field at a time. */
const valid = () => ({
  version: 'test-1',
  description: 'a test policy',
  rectification: {
    general: { amount: 15, unit: 'workdays' },
    major: { amount: 7, unit: 'workdays' },
    critical: { amount: 3, unit: 'workdays' },
  },
  reminderBeforeWorkdays: 2,
  verification: { amount: 10, unit: 'days' },
});

let fileCount = 0;
/** Writes `text` to a fresh file in the temp dir and returns its path. */
function policyFile(text: string): string {
  const file = join(dir, `policy-${++fileCount}.json`);
  writeFileSync(file, text);
  return file;
}
const jsonFile = (body: unknown) => policyFile(JSON.stringify(body, null, 2));

/** A copy of `body` without `key`. */
function without<T extends object>(body: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...body };
  delete copy[key];
  return copy;
}

/** The message of the error loading `file` throws; fails the test when it loads. */
function loadError(file: string): string {
  try {
    loadRiskItemPolicy(file);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`${file} loaded, but it should have been refused`);
}

describe('the bundled risk-item policy', () => {
  it('is found beside the sources and loads as version 2026-11-28.1', () => {
    expect(
      defaultRiskItemPolicyFile().endsWith(join('libs', 'risk-items', 'policy', 'risk-item-policy.json')),
    ).toBe(true);
    const policy = loadRiskItemPolicy();
    expect(policy.version).toBe('2026-11-28.1');
    // toEqual ignores classes: the validated instances compare equal to the plain file contents.
    expect(policy).toEqual({
      version: '2026-11-28.1',
      description:
        'Default hazard-ledger policy from docs/regulations.md: local practice, no national statute fixes these.',
      rectification: {
        general: { amount: 15, unit: 'workdays' },
        major: { amount: 7, unit: 'workdays' },
        critical: { amount: 3, unit: 'workdays' },
      },
      reminderBeforeWorkdays: 2,
      verification: { amount: 10, unit: 'days' },
      verificationDelegation: { grades: [] },
    });
  });

  it('loads the same policy when named explicitly', () => {
    expect(loadRiskItemPolicy(defaultRiskItemPolicyFile())).toEqual(loadRiskItemPolicy());
  });
});

describe('a valid policy file', () => {
  it('loads, without a description too', () => {
    expect(loadRiskItemPolicy(jsonFile(without(valid(), 'description')))).toMatchObject({
      version: 'test-1',
      reminderBeforeWorkdays: 2,
    });
  });

  it('accepts the unit aliases h, d and wd', () => {
    const body = valid();
    body.rectification.critical = { amount: 48, unit: 'h' };
    body.rectification.general = { amount: 15, unit: 'wd' };
    body.verification = { amount: 10, unit: 'd' };
    expect(loadRiskItemPolicy(jsonFile(body)).rectification.critical).toMatchObject({
      amount: 48,
      unit: 'h',
    });
  });

  it('accepts reminderBeforeWorkdays 0 (no reminders)', () => {
    expect(
      loadRiskItemPolicy(jsonFile({ ...valid(), reminderBeforeWorkdays: 0 })).reminderBeforeWorkdays,
    ).toBe(0);
  });
});

describe('an invalid policy file is refused with the file and the exact path of each problem', () => {
  const invalid = (file: string, ...problems: string[]) =>
    [`Invalid risk-item policy ${file}:`, ...problems.map((p) => `  - ${p}`)].join('\n');

  it('a delegation of verification beyond general items (supervisors keep major and critical)', () => {
    const file = jsonFile({ ...valid(), verificationDelegation: { grades: ['general', 'major'] } });
    expect(loadError(file)).toContain('verificationDelegation.grades');
    expect(
      loadRiskItemPolicy(jsonFile({ ...valid(), verificationDelegation: { grades: ['general'] } })),
    ).toMatchObject({ verificationDelegation: { grades: ['general'] } });
  });

  it('an unknown grade key', () => {
    const body = valid();
    const file = jsonFile({
      ...body,
      rectification: { ...body.rectification, minor: { amount: 30, unit: 'days' } },
    });
    expect(loadError(file)).toBe(invalid(file, 'rectification.minor: property minor should not exist'));
  });

  it('amount 0', () => {
    const body = valid();
    body.rectification.general.amount = 0;
    const file = jsonFile(body);
    expect(loadError(file)).toBe(
      invalid(file, 'rectification.general.amount: amount must not be less than 1'),
    );
  });

  it('a fractional amount', () => {
    const body = valid();
    body.verification.amount = 1.5;
    const file = jsonFile(body);
    expect(loadError(file)).toBe(invalid(file, 'verification.amount: amount must be an integer number'));
  });

  it("unit 'weeks'", () => {
    const body = valid();
    body.rectification.major.unit = 'weeks';
    const file = jsonFile(body);
    const lines = loadError(file).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`Invalid risk-item policy ${file}:`);
    expect(lines[1]).toMatch(
      /^ {2}- rectification\.major\.unit: unit must be one of the following values: .*\bwd$/,
    );
  });

  it('a missing version', () => {
    const file = jsonFile(without(valid(), 'version'));
    expect(loadError(file)).toBe(
      invalid(
        file,
        'version: version must be longer than or equal to 1 characters',
        'version: version must be a string',
      ),
    );
  });

  it('an empty version', () => {
    const file = jsonFile({ ...valid(), version: '' });
    expect(loadError(file)).toBe(
      invalid(file, 'version: version must be longer than or equal to 1 characters'),
    );
  });

  it('an extra top-level property', () => {
    const file = jsonFile({ ...valid(), colour: 'red' });
    expect(loadError(file)).toBe(invalid(file, 'colour: property colour should not exist'));
  });

  it('an extra nested property', () => {
    const body = valid();
    const file = jsonFile({ ...body, verification: { ...body.verification, grace: 1 } });
    expect(loadError(file)).toBe(invalid(file, 'verification.grace: property grace should not exist'));
  });

  it('reminderBeforeWorkdays above 30', () => {
    const file = jsonFile({ ...valid(), reminderBeforeWorkdays: 31 });
    expect(loadError(file)).toBe(
      invalid(file, 'reminderBeforeWorkdays: reminderBeforeWorkdays must not be greater than 30'),
    );
  });

  it('several problems at once, each with its own path', () => {
    const body = valid();
    body.rectification.critical.amount = 0;
    body.verification.unit = 'fortnights';
    const message = loadError(jsonFile({ ...body, extra: true }));
    expect(message).toContain('\n  - rectification.critical.amount: amount must not be less than 1');
    expect(message).toContain('\n  - verification.unit: unit must be one of the following values: ');
    expect(message).toContain('\n  - extra: property extra should not exist');
  });

  it('malformed JSON', () => {
    const file = policyFile('{ "version": "broken", ');
    let thrown: unknown;
    try {
      loadRiskItemPolicy(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message.startsWith(`Cannot read the risk-item policy ${file}: `)).toBe(true);
    expect((thrown as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('a missing file', () => {
    const file = join(dir, 'no-such-policy.json');
    const message = loadError(file);
    expect(message.startsWith(`Cannot read the risk-item policy ${file}: `)).toBe(true);
    expect(message).toContain('ENOENT');
  });

  // Missing sections must be refused at load time, not found when an item is assigned.
  it('a missing grade (major renamed to minor) names rectification.major', () => {
    const { major, ...grades } = valid().rectification;
    const file = jsonFile({ ...valid(), rectification: { ...grades, minor: major } });
    expect(loadError(file)).toContain('\n  - rectification.major: ');
  });

  it('a missing rectification section names rectification', () => {
    const file = jsonFile(without(valid(), 'rectification'));
    expect(loadError(file)).toContain('\n  - rectification: ');
  });

  it('a file holding JSON null is refused with the file name', () => {
    const file = policyFile('null');
    expect(loadError(file)).toContain(file);
  });
});
