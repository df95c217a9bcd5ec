import { describe, expect, it } from '@jest/globals';
import { scoreUnits, type AssessmentInputs } from '../../../libs/reporting/src/domain/assessment.js';
import { loadReportingPolicy } from '../../../libs/reporting/src/reporting-policy.loader.js';
import { PLAN_FIXTURE } from '../../helpers/plan-fixture.js';

const policy = loadReportingPolicy().assessment; // base 40, attainment 60; −1 overdue, −2 missed, −3 referral; cards 2/4/8

const inputs = (overrides: Partial<AssessmentInputs> = {}): AssessmentInputs => ({
  year: 2023,
  campaignFrom: '2022-07-07',
  units: [
    { id: 'amr', nameZh: '市场监管局' },
    { id: 'agri', nameZh: '农业农村局' },
    { id: 'health', nameZh: '卫健委' },
  ],
  actions: PLAN_FIXTURE.actions.map((a) => ({ no: a.no, leadUnits: [a.leadUnit], indicators: a.indicators })),
  values: [],
  overdueRiskItems: {},
  missedReports: {},
  cards: [],
  referralFailures: {},
  ...overrides,
});
const scoreOf = (scores: ReturnType<typeof scoreUnits>, unitId: string) =>
  scores.find((s) => s.unitId === unitId)!;

describe('annual assessment (年考核) scoring', () => {
  it('gives full marks for attaining every indicator and no deductions', () => {
    const scores = scoreUnits(
      policy,
      inputs({
        values: [
          { unitId: 'amr', actionNo: 5, indicatorId: 'a5-rural-shops-standard', value: 72 },
          { unitId: 'amr', actionNo: 5, indicatorId: 'a5-demo-streets', value: 1 },
        ],
      }),
    );
    const amr = scoreOf(scores, 'amr');
    expect(amr.score).toBe(100);
    expect(amr.grade).toBe('excellent');
    expect(amr.breakdown.map((l) => [l.item, l.points])).toEqual([
      ['base', 40],
      ['attainment:a5-rural-shops-standard', 30],
      ['attainment:a5-demo-streets', 30],
    ]);
  });

  it('scales each indicator share by attainment against the year-end path; an unreported indicator earns 0', () => {
    const amr = scoreOf(
      scoreUnits(
        policy,
        inputs({
          values: [{ unitId: 'amr', actionNo: 5, indicatorId: 'a5-rural-shops-standard', value: 56 }],
        }),
      ),
      'amr',
    );
    // 56 of the 70 due at 2023-12-31 = 80% of 30 points = 24; streets unreported = 0.
    expect(amr.breakdown.find((l) => l.item === 'attainment:a5-rural-shops-standard')?.points).toBe(24);
    expect(amr.breakdown.find((l) => l.item === 'attainment:a5-demo-streets')).toMatchObject({
      points: 0,
      detail: expect.stringContaining('no value reported'),
    });
    expect(amr.score).toBe(64);
    expect(amr.grade).toBe('pass');
  });

  it('deducts overdue items, missed reports, referral failures and cards by colour, each on its own line', () => {
    const health = scoreOf(
      scoreUnits(
        policy,
        inputs({
          overdueRiskItems: { health: 3 },
          missedReports: { health: 2 },
          referralFailures: { health: 1 },
          cards: [
            { unitId: 'health', colour: 'yellow', count: 2 },
            { unitId: 'health', colour: 'red', count: 1 },
          ],
        }),
      ),
      'health',
    );
    expect(health.breakdown.map((l) => [l.item, l.points])).toEqual([
      ['base', 40],
      ['attainment', 60],
      ['overdue-risk-items', -3],
      ['missed-reports', -4],
      ['referral-failures', -3],
      ['cards:red', -8],
      ['cards:yellow', -4],
    ]);
    // 100 − 3 − 4 − 3 − 8 − 4 = 78
    expect(health.score).toBe(78);
    expect(health.grade).toBe('pass');
    expect(health.gradeZh).toBe('合格');
    expect(health.score).toBe(health.breakdown.reduce((n, l) => n + l.points, 0));
  });

  it('never scores below 0 and says so', () => {
    const agri = scoreOf(
      scoreUnits(policy, inputs({ cards: [{ unitId: 'agri', colour: 'red', count: 20 }] })),
      'agri',
    );
    expect(agri.score).toBe(0);
    expect(agri.grade).toBe('fail');
    expect(agri.breakdown.at(-1)).toMatchObject({ item: 'floor' });
    expect(agri.breakdown.reduce((n, l) => n + l.points, 0)).toBeCloseTo(0, 10);
  });

  it('takes weights and grade bands from the policy and ranks highest first', () => {
    const strict = {
      ...policy,
      grades: [
        { min: 99, grade: 'top', nameZh: '顶' },
        { min: 0, grade: 'rest', nameZh: '余' },
      ],
    };
    const scores = scoreUnits(strict, inputs({ missedReports: { agri: 1 } }));
    expect(scores.map((s) => [s.unitId, s.grade])).toEqual([
      ['health', 'top'], // 100: leads nothing, no deductions
      ['amr', 'rest'], // 40: nothing reported
      ['agri', 'rest'], // 38: nothing reported, one missed report
    ]);
  });
});
