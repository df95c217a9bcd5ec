import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  apportionCents,
  scoreUnits,
  type AssessmentInputs,
  type ScoreLine,
} from '../../../libs/reporting/src/domain/assessment.js';
import { loadReportingPolicy } from '../../../libs/reporting/src/reporting-policy.loader.js';
import { loadCardLadder } from '../../../libs/cards/src/card-ladder.loader.js';
import { PLAN_FIXTURE } from '../../helpers/plan-fixture.js';
import { bundledPlan } from '../../helpers/bundled-plan.js';

// Weights: indicators 40, monthly reports 20, deliverables 10, risk items 20, referrals 10; cards 2/4/8.
const policy = loadReportingPolicy().assessment;
// The bundled ladder: yellow 黄牌警示, orange 橙牌督办, red 红牌问责.
const cardLevels = loadCardLadder().levels.map(({ colour, nameZh }) => ({ colour, nameZh }));

/** Every indicator of the plan fixture that one of `units` answers for, as asked in the year. */
const everyIndicatorOf = (units: string[]): string[] =>
  PLAN_FIXTURE.actions.flatMap((a) =>
    a.indicators.flatMap((i) =>
      (i.responsibleUnits ?? [a.leadUnit]).filter((u) => units.includes(u)).map((u) => `${u}/${i.id}`),
    ),
  );

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
  askedFor: everyIndicatorOf(['amr', 'agri', 'health', 'civil']),
  values: [],
  firstDispatch: [],
  requests: [],
  riskItems: [],
  referrals: [],
  cards: [],
  cardLevels,
  ...overrides,
});
const scoreOf = (scores: ReturnType<typeof scoreUnits>, unitId: string) =>
  scores.find((s) => s.unitId === unitId)!;
const pointsOf = (score: ReturnType<typeof scoreOf>) => score.breakdown.map((l) => [l.item, l.points]);
const zhOf = (score: ReturnType<typeof scoreOf>) => score.breakdown.map((l) => [l.itemZh, l.detailZh]);
const line = (score: ReturnType<typeof scoreOf>, item: string): ScoreLine =>
  score.breakdown.find((l) => l.item === item)!;
/** The lines' sum in whole cents, free of floating-point noise. */
const centsOf = (lines: ScoreLine[]) => lines.reduce((n, l) => n + Math.round(l.points * 100), 0);

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
    // Indicators (40) and monthly reports (20) apply: scaled to 100 as 66.67 and 33.33. Three thirds
    // rounded each would read 99.99 for a score of 100: the cent left goes to the first line.
    expect(pointsOf(amr)).toEqual([
      ['attainment:a5-rural-shops-standard', 33.34],
      ['attainment:a5-demo-streets', 33.33],
      ['monthly-reports', 33.33],
      ['deliverables', 0],
      ['risk-items', 0],
      ['referrals', 0],
    ]);
    expect(amr.score).toBe(100);
    expect(centsOf(amr.breakdown)).toBe(10000);
    expect(amr.grade).toBe('excellent');
    expect(line(amr, 'attainment:a5-rural-shops-standard')).toMatchObject({
      component: 'indicators',
      itemZh: '指标完成：农村食品经营店规范化率',
      roundingAdjustment: 0.01,
      maxPoints: 33.33,
      indicator: { id: 'a5-rural-shops-standard', nameZh: '农村食品经营店规范化率', reported: 72, path: 70 },
      detailZh:
        '上报 72%，年末目标进度不低于 70%（基线 0%，无基线，按 0 计），完成 100%；' +
        '本项满分 33.33 分（指标完成满分 66.67 分，权重 40/60 折算，2 项指标均分），得 33.34 分' +
        '（含尾差调整 +0.01 分，使各项之和等于专项得分）',
    });
    expect(zhOf(amr).slice(2)).toEqual([
      ['月调度报送', '应报送 12 次，按时报送 12 次；本项满分 33.33 分（权重 20/60 折算），得 33.33 分'],
      ['方案与总结报送', '无应报送的方案与总结：不适用（0 分）'],
      ['隐患按期整改', '年内无到期隐患：不适用（0 分）'],
      ['行刑衔接移送', '无达到刑事移送标准的线索：不适用（0 分）'],
    ]);
    // The machine-readable shape stays: item codes, the English detail, and structure beside them.
    expect(line(amr, 'referrals')).toMatchObject({
      component: 'referrals',
      applicable: false,
      detail: expect.stringContaining('not applicable'),
    });
    expect(line(amr, 'monthly-reports').counts).toEqual({ met: 12, of: 12 });
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
    expect(zhOf(health)).toEqual([
      ['指标完成', '本单位不承担方案量化指标：不适用（0 分）'],
      ['月调度报送', '应报送 12 次，按时报送 9 次；本项满分 40 分（权重 20/50 折算），得 30 分'],
      ['方案与总结报送', '应报送 2 份，按时报送 1 份；本项满分 20 分（权重 10/50 折算），得 10 分'],
      [
        '隐患按期整改',
        '年内到期隐患 10 项，按期整改 5 项，逾期 5 项；本项满分 40 分（权重 20/50 折算），得 20 分',
      ],
      ['行刑衔接移送', '无达到刑事移送标准的线索：不适用（0 分）'],
    ]);
    expect(health.breakdown[0].detail).toContain('answers for no indicator');
    expect(health.score).toBe(60);
    expect(health.grade).toBe('pass');
  });

  it('scores an indicator against the ramp from the baseline, for the unit that answers for it, by its Chinese name', () => {
    const shops = PLAN_FIXTURE.actions[0].indicators[0];
    const competent = {
      ...shops,
      id: 'a5-agri-staff-competent',
      nameZh: '农业农村局能够胜任食品安全工作的人员比例',
      responsibleUnits: ['agri'],
    };
    const scores = scoreUnits(
      policy,
      inputs({
        year: 2022,
        actions: [{ number: 5, leadUnits: ['amr'], indicators: [competent] }],
        askedFor: ['agri/a5-agri-staff-competent'],
        values: [{ unitId: 'agri', actionNo: 5, indicatorId: 'a5-agri-staff-competent', value: 40 }],
        firstDispatch: [{ unitId: 'agri', indicatorId: 'a5-agri-staff-competent', value: 30 }],
      }),
    );
    const agri = scoreOf(scores, 'agri');
    // 2022-12-31 path is the 50 target: 40/50 = 80% of the 100 points indicators alone weigh.
    expect(pointsOf(agri)[0]).toEqual(['attainment:a5-agri-staff-competent', 80]);
    expect(agri.breakdown[0].detail).toContain('from baseline 30, first-dispatch');
    expect(zhOf(agri)[0]).toEqual([
      '指标完成：农业农村局能够胜任食品安全工作的人员比例',
      '上报 40%，年末目标进度不低于 50%（基线 30%，首次调度上报），完成 80%；本项满分 100 分（权重 40/40 折算），得 80 分',
    ]);
    expect(scoreOf(scores, 'amr')).toMatchObject({ score: null, grade: 'not-assessed' });

    const unreported = scoreOf(
      scoreUnits(
        policy,
        inputs({
          year: 2022,
          actions: [{ number: 5, leadUnits: ['amr'], indicators: [competent] }],
          askedFor: ['agri/a5-agri-staff-competent'],
        }),
      ),
      'agri',
    );
    expect(zhOf(unreported)[0]).toEqual([
      '指标完成：农业农村局能够胜任食品安全工作的人员比例',
      '未上报，完成按 0% 计；本项满分 100 分（权重 40/40 折算），得 0 分',
    ]);
  });

  it('says where a target’s year was assumed, in the plan’s Chinese words', () => {
    const shops = PLAN_FIXTURE.actions[0].indicators[0];
    const assumed = {
      ...shops,
      targets: [
        {
          mode: 'reach' as const,
          value: 100,
          due: '2024-12-31',
          yearAssumed: true as const,
          assumption: '方案此句未写年份，按本行动前句“到2024年底”计 / the plan gives no year',
        },
      ],
    };
    const amr = scoreOf(
      scoreUnits(
        policy,
        inputs({ year: 2024, actions: [{ number: 5, leadUnits: ['amr'], indicators: [assumed] }] }),
      ),
      'amr',
    );
    expect(amr.breakdown[0].detailZh).toContain(
      '目标年份系推定：方案此句未写年份，按本行动前句“到2024年底”计；',
    );
    expect(amr.breakdown[0].detail).toContain('the plan gives no year');
  });

  it("writes no English of the bundled plan's bilingual notes in the Chinese lines (action 7's assumed years)", () => {
    const action7 = bundledPlan().actions.find((a) => a.number === 7)!;
    const amr = scoreOf(
      scoreUnits(
        policy,
        inputs({
          year: 2024,
          actions: [{ number: 7, leadUnits: ['amr'], indicators: action7.indicators }],
          askedFor: action7.indicators.map((i) => `amr/${i.id}`),
        }),
      ),
      'amr',
    );
    const lines = amr.breakdown.filter((l) => l.component === 'indicators');
    expect(lines.filter((l) => l.detailZh.includes('目标年份系推定'))).toHaveLength(4);
    for (const l of lines) expect(l.detailZh).not.toMatch(/[A-Za-z]/);
  });

  it('counts referral duties: leads referred or refused with a reason, of those that met the threshold', () => {
    const amr = scoreOf(
      scoreUnits(policy, inputs({ actions: [], referrals: [{ unitId: 'amr', leads: 4, handled: 3 }] })),
      'amr',
    );
    expect(pointsOf(amr).find(([item]) => item === 'referrals')).toEqual(['referrals', 75]);
    expect(line(amr, 'referrals').detailZh).toBe(
      '达到刑事移送标准的线索 4 条，依法移送或说明理由不移送 3 条；本项满分 100 分（权重 10/10 折算），得 75 分',
    );
    expect(amr.score).toBe(75);
  });

  it('deducts cards by colour under the card ladder’s names, each on its own line, and never scores below 0', () => {
    const agri = scoreOf(
      scoreUnits(
        policy,
        inputs({
          // agri leads action 2 and reported nothing on it: 0 of 66.67, plus 33.33 for its one report.
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
    expect(zhOf(agri).slice(-3)).toEqual([
      ['亮牌扣分：红牌问责', '红牌问责 20 张 × −8 分，扣 160 分'],
      ['亮牌扣分：黄牌警示', '黄牌警示 2 张 × −2 分，扣 4 分'],
      ['保底', '各项合计 −130.67 分，得分不低于 0 分，补足 130.67 分'],
    ]);
    expect(line(agri, 'cards:yellow').card).toEqual({
      colour: 'yellow',
      nameZh: '黄牌警示',
      count: 2,
      each: 2,
    });
    expect(agri.score).toBe(0);
    expect(agri.grade).toBe('fail');
    expect(agri.breakdown.at(-1)).toMatchObject({ item: 'floor', points: 130.67 });
    expect(centsOf(agri.breakdown)).toBe(0);
  });

  it('names a colour the ladder does not know by its code, still in a Chinese sentence', () => {
    const amr = scoreOf(
      scoreUnits(
        { ...policy, deductions: { cardByColour: { blue: 1 } } },
        inputs({
          actions: [],
          requests: [{ unitId: 'amr', kind: 'deliverable', due: 1, onTime: 1 }],
          cards: [{ unitId: 'amr', colour: 'blue', count: 3 }],
        }),
      ),
      'amr',
    );
    expect(line(amr, 'cards:blue')).toMatchObject({ points: -3, detailZh: 'blue 牌 3 张 × −1 分，扣 3 分' });
    expect(amr.score).toBe(97);
  });

  it('leaves a unit nothing applied to unassessed, ranked last, its cards listed for the record without points', () => {
    const scores = scoreUnits(
      policy,
      inputs({ actions: [], requests: [{ unitId: 'amr', kind: 'deliverable', due: 1, onTime: 0 }] }),
    );
    const civil = scoreOf(
      scoreUnits(policy, inputs({ actions: [], cards: [{ unitId: 'civil', colour: 'yellow', count: 1 }] })),
      'civil',
    );
    // No score to deduct from: a −2 beside 不参评 would be a deduction from nothing.
    expect(civil).toMatchObject({ score: null, gradeZh: '不参评' });
    expect(line(civil, 'cards:yellow')).toMatchObject({
      points: 0,
      card: { colour: 'yellow', nameZh: '黄牌警示', count: 1, each: 2 },
      detailZh: '黄牌警示 1 张（每张 −2 分）；本单位不参评，不扣分，列明备查',
    });
    expect(centsOf(civil.breakdown)).toBe(0);
    expect(scores.map((s) => [s.unitId, s.score, s.gradeZh])).toEqual([
      ['amr', 0, '不合格'],
      ['agri', null, '不参评'],
      ['civil', null, '不参评'],
      ['health', null, '不参评'],
    ]);
  });
});

describe('the indicators of a year the unit was asked to report in', () => {
  it('a unit asked nothing in the year is not scored on its indicators, and, nothing else applying, not assessed', () => {
    // 2025, after the 2022–2024 campaign: no dispatch asked anyone; amr still has a risk item due.
    const scores = scoreUnits(
      policy,
      inputs({
        year: 2025,
        askedFor: [],
        riskItems: [{ unitId: 'amr', due: 2, overdue: 0 }],
      }),
    );
    const agri = scoreOf(scores, 'agri');
    expect(agri).toMatchObject({ score: null, grade: 'not-assessed', gradeZh: '不参评' });
    expect(line(agri, 'indicators')).toMatchObject({
      component: 'indicators',
      applicable: false,
      points: 0,
      itemZh: '指标完成',
      detailZh: '年内未要求本单位报送月调度，无从上报指标：不适用（0 分）',
      detail: expect.stringContaining('not applicable'),
    });
    expect(agri.breakdown.some((l) => l.item.startsWith('attainment:'))).toBe(false);
    // amr is scored on what applied: its risk items, at full marks, not 0 on indicators it was not asked for.
    const amr = scoreOf(scores, 'amr');
    expect(amr.score).toBe(100);
    expect(line(amr, 'indicators')).toMatchObject({ applicable: false, points: 0 });
  });

  it('an indicator the unit was never asked for in the year (added by a later plan version) is not scored', () => {
    const [asked, ...neverAsked] = everyIndicatorOf(['amr']);
    expect(neverAsked.length).toBeGreaterThan(0);
    const amr = scoreOf(scoreUnits(policy, inputs({ askedFor: [asked] })), 'amr');
    const scored = amr.breakdown.filter((l) => l.item.startsWith('attainment:')).map((l) => l.item);
    expect(scored).toEqual([`attainment:${asked.split('/')[1]}`]);
  });

  it('a unit asked in the year is scored on its indicators, reported or not', () => {
    const scores = scoreUnits(policy, inputs({ askedFor: everyIndicatorOf(['agri']) }));
    const agri = scoreOf(scores, 'agri');
    expect(agri.score).toBe(0);
    expect(line(agri, 'attainment:a2-sampling-pass-rate').detailZh).toMatch(/^未上报，完成按 0% 计；/);
    expect(scoreOf(scores, 'amr').score).toBeNull();
  });
});

describe('a breakdown a unit cannot dispute', () => {
  const count = fc.integer({ min: 0, max: 40 });
  /** Due and met (met ≤ due) for one unit. */
  const dueAndMet = fc.tuple(count, count).map(([a, b]) => ({ due: Math.max(a, b), met: Math.min(a, b) }));
  const unitInputs = fc.record({
    shops: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    streets: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    withIndicators: fc.boolean(),
    monthly: dueAndMet,
    deliverables: dueAndMet,
    risks: dueAndMet,
    referrals: dueAndMet,
    yellow: fc.integer({ min: 0, max: 5 }),
    red: fc.integer({ min: 0, max: 3 }),
  });
  function toInputs(u: {
    shops?: number;
    streets?: number;
    withIndicators: boolean;
    monthly: { due: number; met: number };
    deliverables: { due: number; met: number };
    risks: { due: number; met: number };
    referrals: { due: number; met: number };
    yellow: number;
    red: number;
  }): AssessmentInputs {
    return inputs({
      units: [{ id: 'amr', nameZh: '市场监管局' }],
      actions: u.withIndicators ? inputs().actions : [],
      values: [
        ...(u.shops === undefined
          ? []
          : [{ unitId: 'amr', actionNo: 5, indicatorId: 'a5-rural-shops-standard', value: u.shops }]),
        ...(u.streets === undefined
          ? []
          : [{ unitId: 'amr', actionNo: 5, indicatorId: 'a5-demo-streets', value: u.streets }]),
      ],
      requests: [
        { unitId: 'amr', kind: 'monthly-report', due: u.monthly.due, onTime: u.monthly.met },
        { unitId: 'amr', kind: 'deliverable', due: u.deliverables.due, onTime: u.deliverables.met },
      ],
      riskItems: [{ unitId: 'amr', due: u.risks.due, overdue: u.risks.due - u.risks.met }],
      referrals: [{ unitId: 'amr', leads: u.referrals.due, handled: u.referrals.met }],
      cards: [
        { unitId: 'amr', colour: 'yellow', count: u.yellow },
        { unitId: 'amr', colour: 'red', count: u.red },
      ],
    });
  }

  it('the lines read out add up to the score, to the cent (0 for a unit not assessed)', () => {
    fc.assert(
      fc.property(unitInputs, (u) => {
        const [amr] = scoreUnits(policy, toInputs(u));
        expect(centsOf(amr.breakdown)).toBe(amr.score === null ? 0 : Math.round(amr.score * 100));
        expect(amr.score === null || (amr.score >= 0 && amr.score <= 100)).toBe(true);
      }),
    );
  });

  it('each line is within a cent of its own rounding, and only a line with a remainder is adjusted', () => {
    fc.assert(
      fc.property(unitInputs, (u) => {
        const [amr] = scoreUnits(policy, toInputs(u));
        for (const l of amr.breakdown) {
          expect(Number.isInteger(Math.round(l.points * 100 * 1e6) / 1e6)).toBe(true);
          if (l.roundingAdjustment !== undefined) expect([0.01, -0.01]).toContain(l.roundingAdjustment);
          if (l.maxPoints !== undefined)
            expect(Math.round(l.points * 100)).toBeLessThanOrEqual(Math.round(l.maxPoints * 100) + 1);
        }
      }),
    );
  });

  it('every line reads in Chinese: no English word, no raw id', () => {
    fc.assert(
      fc.property(unitInputs, (u) => {
        const [amr] = scoreUnits(policy, toInputs(u));
        for (const l of amr.breakdown) {
          expect(l.itemZh).not.toMatch(/[A-Za-z]/);
          expect(l.detailZh).not.toMatch(/[A-Za-z]/);
          expect(l.detailZh).toMatch(/[\u4e00-\u9fff]/);
        }
      }),
    );
  });

  it('full marks are exactly 100 whatever applies', () => {
    fc.assert(
      fc.property(
        fc.subarray(['monthly', 'deliverables', 'risks', 'referrals'] as const),
        fc.boolean(),
        (on, ind) => {
          fc.pre(on.length > 0 || ind);
          const full = (name: (typeof on)[number]) => ({
            due: on.includes(name) ? 7 : 0,
            met: on.includes(name) ? 7 : 0,
          });
          const [amr] = scoreUnits(
            policy,
            toInputs({
              withIndicators: ind,
              shops: 90,
              streets: 1,
              monthly: full('monthly'),
              deliverables: full('deliverables'),
              risks: full('risks'),
              referrals: full('referrals'),
              yellow: 0,
              red: 0,
            }),
          );
          expect(amr.score).toBe(100);
          expect(centsOf(amr.breakdown)).toBe(10000);
        },
      ),
    );
  });

  it('rounds a score that ends in half a cent up, as its lines add up (1.475 is 1.48, not 1.47)', () => {
    const [amr] = scoreUnits(
      policy,
      inputs({
        units: [{ id: 'amr', nameZh: '市场监管局' }],
        values: [{ unitId: 'amr', actionNo: 5, indicatorId: 'a5-rural-shops-standard', value: 7 }],
        requests: [
          { unitId: 'amr', kind: 'monthly-report', due: 1, onTime: 0 },
          { unitId: 'amr', kind: 'deliverable', due: 32, onTime: 6 },
        ],
        riskItems: [{ unitId: 'amr', due: 50, overdue: 36 }],
        referrals: [{ unitId: 'amr', leads: 1, handled: 0 }],
        cards: [{ unitId: 'amr', colour: 'orange', count: 2 }],
      }),
    );
    // 40 × ½ × 10% + 10 × 6/32 + 20 × 14/50 − 2 × 4 = 2 + 1.875 + 5.6 − 8 = 1.475.
    expect(pointsOf(amr).filter(([, points]) => points !== 0)).toEqual([
      ['attainment:a5-rural-shops-standard', 2],
      ['deliverables', 1.88],
      ['risk-items', 5.6],
      ['cards:orange', -8],
    ]);
    expect(amr.score).toBe(1.48);
    expect(line(amr, 'deliverables').roundingAdjustment).toBeUndefined();
  });

  it('apportions cents by the largest remainder, the earlier line first on a tie', () => {
    expect(apportionCents([100 / 3, 100 / 3, 100 / 3])).toEqual([3334, 3333, 3333]);
    expect(apportionCents([0.005, 0.005])).toEqual([1, 0]);
    expect(apportionCents([0.1 + 0.2, 10])).toEqual([30, 1000]);
    expect(apportionCents([18.181818, 6.666666])).toEqual([1818, 667]);
    expect(apportionCents([])).toEqual([]);
  });
});
