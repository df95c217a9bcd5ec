import { type Indicator } from '../../../contracts/src/plan.contracts.js';
import { type AssessmentPolicy, type AssessmentComponent } from './reporting-policy.js';
import {
  attainment,
  baselineOf,
  targetPathAt,
  yearAssumptions,
  zhPart,
  NO_BASELINE_ZH,
  type Baseline,
} from './target-path.js';

/** What a year's assessment (年考核) of the units is made from. */
export interface AssessmentInputs {
  year: number;
  planVersion: number;
  campaignFrom: string;
  units: Array<{ id: string; nameZh: string }>;
  /** Indicators' `responsibleUnits` are expanded to unit ids. */
  actions: Array<{ number: number; leadUnits: string[]; indicators: Indicator[] }>;
  /**
   * What each unit was asked to report on the year, as `unitId/indicatorId`: the indicators of its monthly
   * requests with a period in the year. Only those could it report (an indicator a later plan version
   * added was never asked for the months before it), so only those are scored for it.
   */
  askedFor: string[];
  /** The latest value each unit reported for each indicator in the year. */
  values: Array<{ unitId: string; actionNo: number; indicatorId: string; value: number }>;
  /** Each unit's value in the campaign's first dispatch: its baseline where the plan gives none. */
  firstDispatch: Array<{ unitId: string; indicatorId: string; value: number }>;
  /**
   * Report requests on a period of the year whose due date has passed, per unit: monthly reports (on a
   * month of the year) and deliverables (of the year), and how many were on time.
   */
  requests: Array<{ unitId: string; kind: 'monthly-report' | 'deliverable'; due: number; onTime: number }>;
  /** Risk items due in the year per unit, and how many of them went overdue. */
  riskItems: Array<{ unitId: string; due: number; overdue: number }>;
  /** Leads that met the criminal threshold, and how many were referred or refused with a reason. */
  referrals: Array<{ unitId: string; leads: number; handled: number }>;
  cards: Array<{ unitId: string; colour: string; count: number }>;
  /** The card ladder's levels (policy data): the Chinese name of each colour, e.g. yellow → 黄牌警示. */
  cardLevels: Array<{ colour: string; nameZh: string }>;
}

/** What a line of a breakdown is about: a component of the score, a card deduction, or the floor at 0. */
export type ScoreComponent = AssessmentComponent | 'cards' | 'floor';

/**
 * One line of a score: every point added or taken, and why. `item`, `points` and `detail` are the
 * shape of 2026-12-01 (kept for scripts, and all a breakdown frozen before 2026-12-03 carries); the
 * other fields say the same in structure and in Chinese a leader can read out.
 */
export interface ScoreLine {
  /** Stable code: a component (`monthly-reports` …), `attainment:<indicatorId>`, `cards:<colour>`, `floor`. */
  item: string;
  /**
   * Two decimals. A unit's lines sum exactly to its score: where rounding each line on its own would
   * not, the remainder goes to the lines with the largest rounded-off parts (`roundingAdjustment`).
   */
  points: number;
  /** The English explanation, as before (for scripts); the console shows `detailZh`. */
  detail: string;
  component: ScoreComponent;
  /** 项目: 月调度报送, 指标完成：<指标名称>, 亮牌扣分：黄牌警示 … */
  itemZh: string;
  /** 说明, with the numbers that make the points: 应报送 11 次，按时报送 10 次；…，得 18.18 分. */
  detailZh: string;
  /** False on the 0-point line of a component that did not apply to the unit. */
  applicable: boolean;
  /** The most the line could give: the component's weight scaled among those that apply (an indicator's share of it). */
  maxPoints?: number;
  /** Reports and deliverables on time, risk items not overdue, leads handled: `met` of `of` due. */
  counts?: { met: number; of: number };
  /** An indicator line: the figures its attainment is computed from (`reported` null when none was). */
  indicator?: {
    id: string;
    nameZh: string;
    actionNo: number;
    reported: number | null;
    path: number;
    baseline: number;
    baselineSource: Baseline['source'];
    attainmentPercent: number;
  };
  /** A card line: the colour, its name on the card ladder, how many, and the points each costs. */
  card?: { colour: string; nameZh: string; count: number; each: number };
  /** ±0.01 where the line's points differ from its own rounding so that the lines sum to the score. */
  roundingAdjustment?: number;
}

/** A line as an approval stored it: one frozen before 2026-12-03 has only `item`, `points` and `detail`. */
export type StoredScoreLine = Pick<ScoreLine, 'item' | 'points' | 'detail'> & Partial<ScoreLine>;

export interface UnitScore {
  unitId: string;
  nameZh: string;
  /** Null when nothing the assessment measures applied to the unit in the year. */
  score: number | null;
  grade: string;
  gradeZh: string;
  breakdown: ScoreLine[];
}

/** A unit's score as answered: computed now, or frozen by an approval (possibly of the earlier shape). */
export type StoredUnitScore = Omit<UnitScore, 'breakdown'> & { breakdown: StoredScoreLine[] };

const round2 = (n: number) => Math.round(n * 100) / 100;
/** A number as a leader reads it: at most two decimals, a true minus sign. */
const num = (n: number) => String(round2(n)).replace('-', '−');
const signed = (n: number) => (n > 0 ? `+${num(n)}` : num(n));

/** Fields of a line other than its points and what is said of them. */
type LineFields = Omit<ScoreLine, 'points' | 'detailZh' | 'roundingAdjustment'>;

/** A component measured for a unit: its lines, each with the share of the component it met. */
interface Measured {
  /** `share`: what the line gave, of the component (0–1); `maxShare`: the most it could (1 unless split). */
  parts: Array<LineFields & { share: number; maxShare?: number; detailZh: string }>;
}
/** A component that did not apply: why, in English (`detail`) and Chinese. */
interface NotApplicable {
  en: string;
  zh: string;
}

/**
 * The campaign's part of the wider assessment (专项得分), fair to units without quantitative targets:
 * each unit is scored only on the components that apply to it (indicators it answers for, in a year it
 * was asked to report; reports and deliverables asked of it, risk items due, leads it had to refer), their policy weights scaled to 100;
 * cards are deducted by colour. A component that does not apply says so on a line of 0 points. A unit
 * to which nothing applied is not assessed (score null; cards raised on it are listed for the record at
 * 0 points, since there is no score to deduct them from). The lines of a scored unit sum to its score
 * to the cent. Highest score first.
 */
export function scoreUnits(policy: AssessmentPolicy, inputs: AssessmentInputs): UnitScore[] {
  const scores = inputs.units.map((unit): UnitScore => {
    const measured: Record<AssessmentComponent, Measured | NotApplicable> = {
      indicators: indicatorsOf(inputs, unit.id),
      monthlyReports: requestsOf(inputs, unit.id, 'monthly-report'),
      deliverables: requestsOf(inputs, unit.id, 'deliverable'),
      riskItems: riskItemsOf(inputs, unit.id),
      referrals: referralsOf(inputs, unit.id),
    };
    const applicable = COMPONENTS.filter((c) => 'parts' in measured[c]);
    const totalWeight = applicable.reduce((n, c) => n + policy.weights[c], 0);
    const assessed = applicable.length > 0 && totalWeight > 0;
    /** Lines in breakdown order; a scored line's points are settled once all are known. */
    const lines: Array<LineFields & ({ exact: number; detailZh: string } | { points: number; zh: string })> =
      [];
    for (const component of COMPONENTS) {
      const m = measured[component];
      const base = { item: COMPONENT_ITEM[component], component, itemZh: COMPONENT_ZH[component] };
      if (!('parts' in m)) {
        lines.push({ ...base, applicable: false, detail: `${m.en}: not applicable`, points: 0, zh: m.zh });
        continue;
      }
      if (!assessed) {
        lines.push({
          ...base,
          applicable: true,
          detail: 'no weight applies',
          points: 0,
          zh: '考核规则中适用各项的权重均为 0：不计分（0 分）',
        });
        continue;
      }
      const weight = policy.weights[component];
      const componentMax = (100 * weight) / totalWeight;
      const of = `权重 ${weight}/${totalWeight} 折算`;
      for (const { share, maxShare = 1, detailZh, ...fields } of m.parts) {
        const maxPoints = componentMax * maxShare;
        const scale =
          component === 'indicators' && m.parts.length > 1
            ? `本项满分 ${num(maxPoints)} 分（指标完成满分 ${num(componentMax)} 分，${of}，${m.parts.length} 项指标均分）`
            : `本项满分 ${num(maxPoints)} 分（${of}）`;
        lines.push({
          ...fields,
          maxPoints: round2(maxPoints),
          exact: componentMax * share,
          detailZh: `${detailZh}；${scale}`,
        });
      }
    }
    const scored = lines.flatMap((l) => ('exact' in l ? [l.exact] : []));
    const cents = apportionCents(scored);
    const breakdown: ScoreLine[] = [];
    let next = 0;
    let totalCents = 0;
    for (const line of lines) {
      if (!('exact' in line)) {
        const { zh, ...rest } = line;
        breakdown.push({ ...rest, detailZh: zh });
        continue;
      }
      const { exact, detailZh, ...rest } = line;
      const own = Math.round(exactCents(exact));
      const got = cents[next++];
      totalCents += got;
      const adjustment = round2((got - own) / 100);
      breakdown.push({
        ...rest,
        points: got / 100,
        detailZh:
          `${detailZh}，得 ${num(got / 100)} 分` +
          (adjustment !== 0 ? `（含尾差调整 ${signed(adjustment)} 分，使各项之和等于专项得分）` : ''),
        ...(adjustment !== 0 ? { roundingAdjustment: adjustment } : {}),
      });
    }
    for (const [colour, each] of Object.entries(policy.deductions.cardByColour).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const count = inputs.cards
        .filter((c) => c.unitId === unit.id && c.colour === colour)
        .reduce((n, c) => n + c.count, 0);
      if (count === 0 || each <= 0) continue;
      const nameZh = inputs.cardLevels.find((l) => l.colour === colour)?.nameZh ?? `${colour} 牌`;
      const deducted = Math.round(count * each * 100);
      if (assessed) totalCents -= deducted;
      breakdown.push({
        item: `cards:${colour}`,
        component: 'cards',
        itemZh: `亮牌扣分：${nameZh}`,
        applicable: true,
        card: { colour, nameZh, count, each },
        points: assessed ? -deducted / 100 : 0,
        detail: assessed
          ? `${count} ${colour} cards 亮牌 × −${each}`
          : `${count} ${colour} cards 亮牌 × −${each}: not deducted, the unit is not assessed`,
        detailZh: assessed
          ? `${nameZh} ${count} 张 × −${num(each)} 分，扣 ${num(deducted / 100)} 分`
          : `${nameZh} ${count} 张（每张 −${num(each)} 分）；本单位不参评，不扣分，列明备查`,
      });
    }
    if (!assessed) {
      return {
        unitId: unit.id,
        nameZh: unit.nameZh,
        score: null,
        grade: 'not-assessed',
        gradeZh: '不参评',
        breakdown,
      };
    }
    if (totalCents < 0) {
      breakdown.push({
        item: 'floor',
        component: 'floor',
        itemZh: '保底',
        applicable: true,
        points: -totalCents / 100,
        detail: 'a score is never below 0',
        detailZh: `各项合计 ${num(totalCents / 100)} 分，得分不低于 0 分，补足 ${num(-totalCents / 100)} 分`,
      });
    }
    const score = Math.max(0, totalCents) / 100;
    const band = policy.grades.find((g) => score >= g.min) ?? policy.grades[policy.grades.length - 1];
    return {
      unitId: unit.id,
      nameZh: unit.nameZh,
      score,
      grade: band.grade,
      gradeZh: band.nameZh,
      breakdown,
    };
  });
  return scores.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.unitId.localeCompare(b.unitId));
}

/**
 * An amount in cents, to a millionth of a cent: 0.1 + 0.2 is 0.3 here, and an exact half cent (1.475)
 * rounds up as 四舍五入 says, not down as its binary approximation would.
 */
const exactCents = (amount: number) => Math.round(amount * 1e8) / 1e6;

/**
 * Whole cents for non-negative exact amounts, summing to the rounded total (largest remainder): each
 * is its exact amount rounded down, and the cents left go one each to the largest rounded-off parts,
 * the earlier line first on a tie. Each differs from its exact amount by less than a cent.
 */
export function apportionCents(exact: number[]): number[] {
  const cents = exact.map(exactCents);
  const result = cents.map((c) => Math.floor(c));
  let left = Math.round(cents.reduce((n, c) => n + c, 0)) - result.reduce((n, c) => n + c, 0);
  const order = cents
    .map((c, index) => ({ index, rest: c - result[index] }))
    .sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    result[index] += 1;
    left -= 1;
  }
  return result;
}

/** The components in the order of a breakdown, with the item their lines carry. */
const COMPONENT_ITEM: Record<AssessmentComponent, string> = {
  indicators: 'indicators',
  monthlyReports: 'monthly-reports',
  deliverables: 'deliverables',
  riskItems: 'risk-items',
  referrals: 'referrals',
};
const COMPONENTS = Object.keys(COMPONENT_ITEM) as AssessmentComponent[];
/** 项目 of each component as a leader reads it. */
const COMPONENT_ZH: Record<AssessmentComponent, string> = {
  indicators: '指标完成',
  monthlyReports: '月调度报送',
  deliverables: '方案与总结报送',
  riskItems: '隐患按期整改',
  referrals: '行刑衔接移送',
};
const BASELINE_ZH: Record<Baseline['source'], string> = {
  plan: '方案所定',
  'first-dispatch': '首次调度上报',
  none: NO_BASELINE_ZH,
};
const COMPARATOR_ZH: Record<Indicator['comparator'], string> = { '>=': '不低于', '<=': '不高于' };

/** Mean attainment, against the target path on 12-31, of the indicators the unit answers for. */
function indicatorsOf(inputs: AssessmentInputs, unitId: string): Measured | NotApplicable {
  const yearEnd = `${inputs.year}-12-31`;
  const answered = inputs.actions.flatMap((a) =>
    a.indicators
      .filter((i) => (i.responsibleUnits ?? a.leadUnits).includes(unitId))
      .map((indicator) => ({ actionNo: a.number, indicator })),
  );
  if (answered.length === 0)
    return {
      en: 'answers for no indicator of the plan 无量化指标',
      zh: '本单位不承担方案量化指标：不适用（0 分）',
    };
  // Indicators the dispatch never asked the unit for in the year (after the campaign, before the unit
  // was asked, or added by a later plan version): it had no report to give them in, so it did not fail
  // them.
  const asked = answered.filter(({ indicator }) => inputs.askedFor.includes(`${unitId}/${indicator.id}`));
  if (asked.length === 0)
    return {
      en: 'was asked for no monthly report on the year 年内未调度',
      zh: '年内未要求本单位报送月调度，无从上报指标：不适用（0 分）',
    };
  const share = 1 / asked.length;
  return {
    parts: asked.map(({ actionNo, indicator }) => {
      const first = inputs.firstDispatch.find((v) => v.unitId === unitId && v.indicatorId === indicator.id);
      const baseline = baselineOf(indicator, first?.value ?? null);
      const path = targetPathAt(indicator, yearEnd, inputs.campaignFrom, baseline.value);
      const reported = inputs.values.find(
        (v) => v.unitId === unitId && v.actionNo === actionNo && v.indicatorId === indicator.id,
      );
      const ratio = reported ? attainment(indicator, reported.value, path) : 0;
      const assumed = yearAssumptions(indicator);
      const note = assumed.length > 0 ? ` (year assumed 年份系推定: ${assumed.join('; ')})` : '';
      const noteZh = assumed.length > 0 ? `；目标年份系推定：${assumed.map(zhPart).join('；')}` : '';
      const unit = indicator.measure === 'percent' ? '%' : '';
      return {
        item: `attainment:${indicator.id}`,
        component: 'indicators' as const,
        itemZh: `${COMPONENT_ZH.indicators}：${indicator.nameZh}`,
        applicable: true,
        share: share * ratio,
        maxShare: share,
        indicator: {
          id: indicator.id,
          nameZh: indicator.nameZh,
          actionNo,
          reported: reported?.value ?? null,
          path: round2(path),
          baseline: round2(baseline.value),
          baselineSource: baseline.source,
          attainmentPercent: round2(100 * ratio),
        },
        detail: reported
          ? `${indicator.nameZh}: ${reported.value} against ${round2(path)} (${indicator.comparator}, from baseline ${round2(baseline.value)}, ${baseline.source}) → ${round2(100 * ratio)}%${note}`
          : `${indicator.nameZh}: no value reported → 0${note}`,
        detailZh:
          (reported
            ? `上报 ${num(reported.value)}${unit}，年末目标进度${COMPARATOR_ZH[indicator.comparator]} ${num(path)}${unit}` +
              `（基线 ${num(baseline.value)}${unit}，${BASELINE_ZH[baseline.source]}），完成 ${num(100 * ratio)}%`
            : '未上报，完成按 0% 计') + noteZh,
      };
    }),
  };
}

function requestsOf(
  inputs: AssessmentInputs,
  unitId: string,
  kind: 'monthly-report' | 'deliverable',
): Measured | NotApplicable {
  const own = inputs.requests.filter((r) => r.unitId === unitId && r.kind === kind);
  const due = own.reduce((n, r) => n + r.due, 0);
  const monthly = kind === 'monthly-report';
  const what = monthly ? 'monthly reports 月调度报送' : 'plan deliverables 方案与总结报送';
  if (due === 0)
    return {
      en: `no ${what} were due`,
      zh: monthly ? '无应报送的月调度：不适用（0 分）' : '无应报送的方案与总结：不适用（0 分）',
    };
  const onTime = own.reduce((n, r) => n + r.onTime, 0);
  return share(
    monthly ? 'monthlyReports' : 'deliverables',
    onTime,
    due,
    `${what} on time`,
    monthly ? `应报送 ${due} 次，按时报送 ${onTime} 次` : `应报送 ${due} 份，按时报送 ${onTime} 份`,
  );
}

function riskItemsOf(inputs: AssessmentInputs, unitId: string): Measured | NotApplicable {
  const own = inputs.riskItems.filter((r) => r.unitId === unitId);
  const due = own.reduce((n, r) => n + r.due, 0);
  if (due === 0) return { en: 'no risk items 隐患 fell due', zh: '年内无到期隐患：不适用（0 分）' };
  const overdue = own.reduce((n, r) => n + r.overdue, 0);
  return share(
    'riskItems',
    due - overdue,
    due,
    'risk items handled in time 隐患按期整改 (not overdue)',
    `年内到期隐患 ${due} 项，按期整改 ${due - overdue} 项，逾期 ${overdue} 项`,
  );
}

function referralsOf(inputs: AssessmentInputs, unitId: string): Measured | NotApplicable {
  const own = inputs.referrals.filter((r) => r.unitId === unitId);
  const leads = own.reduce((n, r) => n + r.leads, 0);
  if (leads === 0)
    return {
      en: 'no lead met the criminal threshold 无应移送线索',
      zh: '无达到刑事移送标准的线索：不适用（0 分）',
    };
  const handled = own.reduce((n, r) => n + r.handled, 0);
  return share(
    'referrals',
    handled,
    leads,
    'leads referred or refused with a reason 依法移送或说明理由',
    `达到刑事移送标准的线索 ${leads} 条，依法移送或说明理由不移送 ${handled} 条`,
  );
}

function share(
  component: Exclude<AssessmentComponent, 'indicators'>,
  met: number,
  of: number,
  what: string,
  zh: string,
): Measured {
  return {
    parts: [
      {
        item: COMPONENT_ITEM[component],
        component,
        itemZh: COMPONENT_ZH[component],
        applicable: true,
        share: Math.min(1, met / of),
        counts: { met, of },
        detail: `${met} of ${of} ${what}`,
        detailZh: zh,
      },
    ],
  };
}
