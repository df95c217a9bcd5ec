import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultReportingPolicyFile,
  loadReportingPolicy,
} from '../../../libs/reporting/src/reporting-policy.loader.js';

const dir = mkdtempSync(join(tmpdir(), 'duban-reporting-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bundled = () => JSON.parse(readFileSync(defaultReportingPolicyFile(), 'utf8')) as Record<string, any>;
let fileCount = 0;
const jsonFile = (body: unknown) => {
  const file = join(dir, `policy-${++fileCount}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
};

describe('reporting policy file', () => {
  it('loads the bundled policy: 5 working days, reminders, thresholds, weights and four grades', () => {
    const policy = loadReportingPolicy();
    expect(policy.monthlyReport).toEqual({ due: { amount: 5, unit: 'workdays' }, reminderBeforeWorkdays: 2 });
    expect(policy.schedules.monthlyDispatch).toEqual({ dayOfMonth: 1, hour: 8 });
    expect(policy.assessment.label.zh).toBe('专项得分');
    expect(Object.values(policy.assessment.weights).reduce((a, b) => a + b, 0)).toBe(100);
    expect(policy.assessment.grades.map((g) => g.grade)).toEqual(['excellent', 'good', 'pass', 'fail']);
    expect(policy.lagging).toEqual({ percentPoints: 10, countShare: 0.2, unreportedLags: true });
  });

  it('counts 未报 as lagging unless the file says otherwise', () => {
    const { unreportedLags, ...older } = bundled().lagging;
    expect(unreportedLags).toBe(true);
    expect(loadReportingPolicy(jsonFile({ ...bundled(), lagging: older })).lagging.unreportedLags).toBe(true);
    const lenient = { ...bundled(), lagging: { ...older, unreportedLags: false } };
    expect(loadReportingPolicy(jsonFile(lenient)).lagging.unreportedLags).toBe(false);
  });

  it.each([
    ['a misspelt key', (p: Record<string, any>) => ({ ...p, lagingThreshold: 3 }), 'lagingThreshold'],
    ['a missing section', (p: Record<string, any>) => ({ ...p, assessment: undefined }), 'assessment'],
    [
      'a negative weight',
      (p: Record<string, any>) => ({
        ...p,
        assessment: { ...p.assessment, weights: { ...p.assessment.weights, referrals: -1 } },
      }),
      'assessment.weights.referrals',
    ],
    [
      'a schedule day that not every month has',
      (p: Record<string, any>) => ({
        ...p,
        schedules: { ...p.schedules, monthlyDispatch: { dayOfMonth: 31, hour: 8 } },
      }),
      'schedules.monthlyDispatch.dayOfMonth',
    ],
    [
      'a count share above 1',
      (p: Record<string, any>) => ({ ...p, lagging: { ...p.lagging, countShare: 1.5 } }),
      'lagging.countShare',
    ],
    [
      'a 未报 rule that is not true or false',
      (p: Record<string, any>) => ({ ...p, lagging: { ...p.lagging, unreportedLags: 'yes' } }),
      'lagging.unreportedLags',
    ],
    [
      'a negative card deduction',
      (p: Record<string, any>) => ({
        ...p,
        assessment: {
          ...p.assessment,
          deductions: { ...p.assessment.deductions, cardByColour: { red: -8 } },
        },
      }),
      'cardByColour.red',
    ],
    [
      'weights that are all 0 (nothing would be scored)',
      (p: Record<string, any>) => ({
        ...p,
        assessment: {
          ...p.assessment,
          weights: { indicators: 0, monthlyReports: 0, deliverables: 0, riskItems: 0, referrals: 0 },
        },
      }),
      'assessment.weights: at least one must be above 0',
    ],
    [
      'grade bands out of order',
      (p: Record<string, any>) => ({
        ...p,
        assessment: { ...p.assessment, grades: [...p.assessment.grades].reverse() },
      }),
      'assessment.grades',
    ],
  ])('refuses %s, naming it', (_name, spoil, path) => {
    expect(() => loadReportingPolicy(jsonFile(spoil(bundled())))).toThrow(path);
  });
});
