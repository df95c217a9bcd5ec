import { describe, expect, it } from '@jest/globals';
import { scoreUnits, type AssessmentInputs } from '../../../libs/reporting/src/domain/assessment.js';
import { loadReportingPolicy } from '../../../libs/reporting/src/reporting-policy.loader.js';
import { PLAN_FIXTURE } from '../../helpers/plan-fixture.js';

// Weights: indicators 40, monthly reports 20, deliverables 10, risk items 20, referrals 10; cards 2/4/8.
const policy = loadReportingPolicy().assessment;

const inputs = (overrides: Partial<AssessmentInputs> = {}): AssessmentInputs => ({
  year: 2023,
  planVersion: 1,
  campaignFrom: '2022-07-07',
  units: [
    { id: 'amr', nameZh: '市场监管局' },
    { id: 'agri', nameZh: '农业农村局' },
    { id: 'health', nameZh: '卫健委' },
    { id: 'civil', nameZh: '民政局' },
  ],
  actions: PLAN_FIXTURE.actions.map((a) => ({
    number: a.number,
    leadUnits: [a.leadUnit],
    indicators: a.indicators,
  })),
  values: [],
  firstDispatch: [],
  requests: [],
  riskItems: [],
  referrals: [],
  cards: [],
  ...overrides,
});
const scoreOf = (scores: ReturnType<typeof scoreUnits>, unitId: string) =>
  scores.find((s) => s.unitId === unitId)!;
const pointsOf = (score: ReturnType<typeof scoreOf>) => score.breakdown.map((l) => [l.item, l.points]);

describe('annual assessment (专项得分): each unit scored on what applies to it', () => {
  it('full marks for attaining every indicator and every applicable duty; what does not apply says so', () => {
    const amr = scoreOf(
      scoreUnits(
        policy,
        inputs({
          values: [
            { unitId: 'amr', actionNo: 5, indicatorId: 'a5-rural-shops-standard', value: 72 },
            // Two 示范街 for a target of one: met, never a miss.
            { unitId: 'amr', actionNo: 5, indicatorId: 'a5-demo-streets', value: 2 },
          ],
          requests: [{ unitId: 'amr', kind: 'monthly-report', due: 12, onTime: 12 }],
        }),
      ),
      'amr',
    );
    // Indicators (40) and monthly reports (20) apply: scaled to 100 as 66.67 and 33.33.
    expect(pointsOf(amr)).toEqual([
      ['attainment:a5-rural-shops-standard', 33.33],
      ['attainment:a5-demo-streets', 33.33],
      ['monthly-reports', 33.33],
      ['deliverables', 0],
      ['risk-items', 0],
      ['referrals', 0],
    ]);
    expect(amr.breakdown.find((l) => l.item === 'referrals')?.detail).toContain('not applicable');
    expect(amr.score).toBe(100);
    expect(amr.grade).toBe('excellent');
  });

  it('a unit without quantitative targets is scored on its reports, deliverables and risk items, not given 100', () => {
    const health = scoreOf(
      scoreUnits(
        policy,
        inputs({
          requests: [
            { unitId: 'health', kind: 'monthly-report', due: 12, onTime: 9 },
            { unitId: 'health', kind: 'deliverable', due: 2, onTime: 1 },
          ],
          riskItems: [{ unitId: 'health', due: 10, overdue: 5 }],
        }),
      ),
      'health',
    );
    // Weights 20 + 10 + 20 = 50 → 40, 20, 40 points: 40 × 9/12 + 20 × 1/2 + 40 × 5/10 = 30 + 10 + 20.
    expect(pointsOf(health)).toEqual([
      ['indicators', 0],
      ['monthly-reports', 30],
      ['deliverables', 10],
      ['risk-items', 20],
      ['referrals', 0],
    ]);
    expect(health.breakdown[0].detail).toContain('answers for no indicator');
    expect(health.score).toBe(60);
    expect(health.grade).toBe('pass');
  });

  it('scores an indicator against the ramp from the baseline, for the unit that answers for it', () => {
    const shops = PLAN_FIXTURE.actions[0].indicators[0];
    const scores = scoreUnits(
      policy,
      inputs({
        year: 2022,
        actions: [
          {
            number: 5,
            leadUnits: ['amr'],
            indicators: [{ ...shops, id: 'a5-agri-staff-competent', responsibleUnits: ['agri'] }],
          },
        ],
        values: [{ unitId: 'agri', actionNo: 5, indicatorId: 'a5-agri-staff-competent', value: 40 }],
        firstDispatch: [{ unitId: 'agri', indicatorId: 'a5-agri-staff-competent', value: 30 }],
      }),
    );
    const agri = scoreOf(scores, 'agri');
    // 2022-12-31 path is the 50 target: 40/50 = 80% of the 100 points indicators alone weigh.
    expect(pointsOf(agri)[0]).toEqual(['attainment:a5-agri-staff-competent', 80]);
    expect(agri.breakdown[0].detail).toContain('from baseline 30, first-dispatch');
    expect(scoreOf(scores, 'amr')).toMatchObject({ score: null, grade: 'not-assessed' });
  });

  it('counts referral duties: leads referred or refused with a reason, of those that met the threshold', () => {
    const amr = scoreOf(
      scoreUnits(policy, inputs({ actions: [], referrals: [{ unitId: 'amr', leads: 4, handled: 3 }] })),
      'amr',
    );
    expect(pointsOf(amr).find(([item]) => item === 'referrals')).toEqual(['referrals', 75]);
    expect(amr.score).toBe(75);
  });

  it('deducts cards by colour, each on its own line, and never scores below 0', () => {
    const agri = scoreOf(
      scoreUnits(
        policy,
        inputs({
          requests: [{ unitId: 'agri', kind: 'monthly-report', due: 1, onTime: 1 }],
          cards: [
            { unitId: 'agri', colour: 'yellow', count: 2 },
            { unitId: 'agri', colour: 'red', count: 20 },
          ],
        }),
      ),
      'agri',
    );
    expect(pointsOf(agri).filter(([item]) => String(item).startsWith('cards'))).toEqual([
      ['cards:red', -160],
      ['cards:yellow', -4],
    ]);
    expect(agri.score).toBe(0);
    expect(agri.grade).toBe('fail');
    expect(agri.breakdown.at(-1)).toMatchObject({ item: 'floor' });
    expect(agri.breakdown.reduce((n, l) => n + l.points, 0)).toBeCloseTo(0, 10);
  });

  it('leaves a unit nothing applied to unassessed, ranked last, its cards listed for the record', () => {
    const scores = scoreUnits(
      policy,
      inputs({ actions: [], requests: [{ unitId: 'amr', kind: 'deliverable', due: 1, onTime: 0 }] }),
    );
    expect(
      scoreOf(
        scoreUnits(policy, inputs({ actions: [], cards: [{ unitId: 'civil', colour: 'yellow', count: 1 }] })),
        'civil',
      ),
    ).toMatchObject({
      score: null,
      breakdown: expect.arrayContaining([
        { item: 'cards:yellow', points: -2, detail: '1 yellow cards 亮牌 × −2' },
      ]),
    });
    expect(scores.map((s) => [s.unitId, s.score, s.gradeZh])).toEqual([
      ['amr', 0, '不合格'],
      ['agri', null, '不参评'],
      ['civil', null, '不参评'],
      ['health', null, '不参评'],
    ]);
  });
});
