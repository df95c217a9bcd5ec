import { type Indicator } from '../../../contracts/src/plan.contracts.js';
import { type AssessmentPolicy, type AssessmentComponent } from './reporting-policy.js';
import { attainment, baselineOf, targetPathAt, yearAssumptions } from './target-path.js';

/** What a year's assessment (年考核) of the units is made from. */
export interface AssessmentInputs {
  year: number;
  planVersion: number;
  campaignFrom: string;
  units: Array<{ id: string; nameZh: string }>;
  /** Indicators' `responsibleUnits` are expanded to unit ids. */
  actions: Array<{ number: number; leadUnits: string[]; indicators: Indicator[] }>;
  /** The latest value each unit reported for each indicator in the year. */
  values: Array<{ unitId: string; actionNo: number; indicatorId: string; value: number }>;
  /** Each unit's value in the campaign's first dispatch: its baseline where the plan gives none. */
  firstDispatch: Array<{ unitId: string; indicatorId: string; value: number }>;
  /** Report requests due in the year per unit: monthly reports and deliverables, and how many on time. */
  requests: Array<{ unitId: string; kind: 'monthly-report' | 'deliverable'; due: number; onTime: number }>;
  /** Risk items due in the year per unit, and how many of them went overdue. */
  riskItems: Array<{ unitId: string; due: number; overdue: number }>;
  /** Leads that met the criminal threshold, and how many were referred or refused with a reason. */
  referrals: Array<{ unitId: string; leads: number; handled: number }>;
  cards: Array<{ unitId: string; colour: string; count: number }>;
}

/** One line of a score: every point added or taken, and why. */
export interface ScoreLine {
  item: string;
  points: number;
  detail: string;
}

export interface UnitScore {
  unitId: string;
  nameZh: string;
  /** Null when nothing the assessment measures applied to the unit in the year. */
  score: number | null;
  grade: string;
  gradeZh: string;
  breakdown: ScoreLine[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A component measured for a unit: the lines that explain it. */
interface Measured {
  /** Shares of the component met (together 0–1), each with its reason. */
  parts: Array<{ item: string; share: number; detail: string }>;
}

/**
 * The campaign's part of the wider assessment (专项得分), fair to units without quantitative targets:
 * each unit is scored only on the components that apply to it (indicators it answers for, reports and
 * deliverables asked of it, risk items due, leads it had to refer), their policy weights scaled to 100;
 * cards are deducted by colour. A component that does not apply says so on a line of 0 points. A unit
 * to which nothing applied is not assessed (score null; cards raised on it are listed for the record).
 * Highest score first.
 */
export function scoreUnits(policy: AssessmentPolicy, inputs: AssessmentInputs): UnitScore[] {
  const scores = inputs.units.map((unit): UnitScore => {
    const measured: Record<AssessmentComponent, Measured | string> = {
      indicators: indicatorsOf(inputs, unit.id),
      monthlyReports: requestsOf(inputs, unit.id, 'monthly-report', 'monthly reports 月调度报送'),
      deliverables: requestsOf(inputs, unit.id, 'deliverable', 'plan deliverables 方案与总结报送'),
      riskItems: riskItemsOf(inputs, unit.id),
      referrals: referralsOf(inputs, unit.id),
    };
    const applicable = COMPONENTS.filter((c) => typeof measured[c] !== 'string');
    const totalWeight = applicable.reduce((n, c) => n + policy.weights[c], 0);
    const breakdown: ScoreLine[] = [];
    // Summed unrounded, so full marks are 100 (the lines show two decimals).
    let exact = 0;
    for (const component of COMPONENTS) {
      const m = measured[component];
      if (typeof m === 'string' || totalWeight === 0) {
        breakdown.push({
          item: COMPONENT_ITEM[component],
          points: 0,
          detail: typeof m === 'string' ? `${m}: not applicable` : 'no weight applies',
        });
        continue;
      }
      const points = (100 * policy.weights[component]) / totalWeight;
      for (const part of m.parts) {
        exact += points * part.share;
        breakdown.push({ item: part.item, points: round2(points * part.share), detail: part.detail });
      }
    }
    for (const [colour, each] of Object.entries(policy.deductions.cardByColour).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const count = inputs.cards
        .filter((c) => c.unitId === unit.id && c.colour === colour)
        .reduce((n, c) => n + c.count, 0);
      if (count > 0 && each > 0) {
        exact -= count * each;
        breakdown.push({
          item: `cards:${colour}`,
          points: round2(-count * each),
          detail: `${count} ${colour} cards 亮牌 × −${each}`,
        });
      }
    }
    if (applicable.length === 0 || totalWeight === 0) {
      return {
        unitId: unit.id,
        nameZh: unit.nameZh,
        score: null,
        grade: 'not-assessed',
        gradeZh: '不参评',
        breakdown,
      };
    }
    const total = round2(exact);
    const score = Math.max(0, total);
    if (score !== total)
      breakdown.push({ item: 'floor', points: round2(-total), detail: 'a score is never below 0' });
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

/** The components in the order of a breakdown, with the item their lines carry. */
const COMPONENT_ITEM: Record<AssessmentComponent, string> = {
  indicators: 'indicators',
  monthlyReports: 'monthly-reports',
  deliverables: 'deliverables',
  riskItems: 'risk-items',
  referrals: 'referrals',
};
const COMPONENTS = Object.keys(COMPONENT_ITEM) as AssessmentComponent[];

/** Mean attainment, against the target path on 12-31, of the indicators the unit answers for. */
function indicatorsOf(inputs: AssessmentInputs, unitId: string): Measured | string {
  const yearEnd = `${inputs.year}-12-31`;
  const answered = inputs.actions.flatMap((a) =>
    a.indicators
      .filter((i) => (i.responsibleUnits ?? a.leadUnits).includes(unitId))
      .map((indicator) => ({ actionNo: a.number, indicator })),
  );
  if (answered.length === 0) return 'answers for no indicator of the plan 无量化指标';
  const share = 1 / answered.length;
  return {
    parts: answered.map(({ actionNo, indicator }) => {
      const first = inputs.firstDispatch.find((v) => v.unitId === unitId && v.indicatorId === indicator.id);
      const baseline = baselineOf(indicator, first?.value ?? null);
      const path = targetPathAt(indicator, yearEnd, inputs.campaignFrom, baseline.value);
      const reported = inputs.values.find(
        (v) => v.unitId === unitId && v.actionNo === actionNo && v.indicatorId === indicator.id,
      );
      const ratio = reported ? attainment(indicator, reported.value, path) : 0;
      const assumed = yearAssumptions(indicator);
      const note = assumed.length > 0 ? ` (year assumed 年份系推定: ${assumed.join('; ')})` : '';
      return {
        item: `attainment:${indicator.id}`,
        share: share * ratio,
        detail: reported
          ? `${indicator.nameZh}: ${reported.value} against ${round2(path)} (${indicator.comparator}, from baseline ${round2(baseline.value)}, ${baseline.source}) → ${round2(100 * ratio)}%${note}`
          : `${indicator.nameZh}: no value reported → 0${note}`,
      };
    }),
  };
}

function requestsOf(
  inputs: AssessmentInputs,
  unitId: string,
  kind: 'monthly-report' | 'deliverable',
  what: string,
): Measured | string {
  const own = inputs.requests.filter((r) => r.unitId === unitId && r.kind === kind);
  const due = own.reduce((n, r) => n + r.due, 0);
  if (due === 0) return `no ${what} were due`;
  const onTime = own.reduce((n, r) => n + r.onTime, 0);
  return share(
    kind === 'monthly-report' ? 'monthly-reports' : 'deliverables',
    onTime,
    due,
    `${what} on time`,
  );
}

function riskItemsOf(inputs: AssessmentInputs, unitId: string): Measured | string {
  const own = inputs.riskItems.filter((r) => r.unitId === unitId);
  const due = own.reduce((n, r) => n + r.due, 0);
  if (due === 0) return 'no risk items 隐患 fell due';
  const overdue = own.reduce((n, r) => n + r.overdue, 0);
  return share(
    COMPONENT_ITEM.riskItems,
    due - overdue,
    due,
    'risk items handled in time 隐患按期整改 (not overdue)',
  );
}

function referralsOf(inputs: AssessmentInputs, unitId: string): Measured | string {
  const own = inputs.referrals.filter((r) => r.unitId === unitId);
  const leads = own.reduce((n, r) => n + r.leads, 0);
  if (leads === 0) return 'no lead met the criminal threshold 无应移送线索';
  const handled = own.reduce((n, r) => n + r.handled, 0);
  return share(
    COMPONENT_ITEM.referrals,
    handled,
    leads,
    'leads referred or refused with a reason 依法移送或说明理由',
  );
}

function share(item: string, met: number, of: number, what: string): Measured {
  return { parts: [{ item, share: Math.min(1, met / of), detail: `${met} of ${of} ${what}` }] };
}
