import { type Indicator } from '../../../contracts/src/plan.contracts.js';
import { CardSubjectType, type CardTrigger } from '../../../contracts/src/card.contracts.js';
import { type ReferralFiguresRow } from '../../../contracts/src/referral-figures.js';
import {
  ReportRequestStatus,
  type BulletinSummary,
  type IndicatorValue,
} from '../../../contracts/src/reporting.contracts.js';
import { quarterZh, type ReportingPeriod } from './periods.js';
import { type ReportingPolicy } from './reporting-policy.js';
import {
  attainment,
  baselineOf,
  gapBehind,
  isLagging,
  targetPathAt,
  yearAssumptions,
  zhPart,
  type Baseline,
} from './target-path.js';

/**
 * Everything a quarterly bulletin (季通报) is made from, as read at its cut-off. Stored with the bulletin,
 * so it can be rendered again byte for byte.
 */
export interface BulletinInputs {
  /**
   * The target model the inputs were made for (decision 0018). Bulletins stored before it carry none:
   * their documents stand as published and are not rendered again under rules they were not made under.
   */
  targetModel: typeof TARGET_MODEL;
  /**
   * The document layout the bulletin was rendered in (decision 0012). Bulletins stored before the official
   * layout carry none, those of layout 2 have CSV tables headed in English: their documents stand, and
   * regeneration does not compare them with today's layout. Layout 3 is rendered again as it was issued.
   */
  layout: number;
  /** The campaign's name and the unit that issues the bulletin (the plan's supervising unit). */
  campaignNameZh: string;
  issuingUnit: string;
  quarter: ReportingPeriod;
  cutoff: string;
  planVersion: number;
  policyVersion: string;
  campaignFrom: string;
  /** The policy's thresholds; inputs stored before `unreportedLags` lack it (未报 did not lag then). */
  lagging: Omit<ReportingPolicy['lagging'], 'unreportedLags'> & { unreportedLags?: boolean };
  units: Array<{ id: string; nameZh: string }>;
  /** Indicators' `responsibleUnits` are expanded to unit ids (a group to its units). */
  actions: Array<{ number: number; nameZh: string; leadUnits: string[]; indicators: Indicator[] }>;
  /** Each unit's value in the campaign's first dispatch: its baseline where the plan gives none. */
  firstDispatch: Array<{ unitId: string; indicatorId: string; value: number }>;
  /** Monthly report requests of the quarter's months. */
  reports: Array<{
    unitId: string;
    actionNo: number;
    month: string;
    status: ReportRequestStatus;
    values: IndicatorValue[] | null;
    /** The indicators the request asked for (from layout 4; older inputs lack them). */
    indicatorIds?: string[];
  }>;
  /** From layout 4 as of the quarter's end (overdue: at its end); before it, overdue as of the cut-off. */
  riskItems: Array<{ unitId: string; opened: number; closed: number; overdue: number }>;
  /** From layout 4 as of the quarter's end (withdrawn by then: not counted); before it, as of the cut-off. */
  cards: Array<{ unitId: string; colour: string; raised: number; lifted: number }>;
  referrals: ReferralFiguresRow[];
}

export interface IndicatorRow {
  actionNo: number;
  unitId: string;
  indicatorId: string;
  nameZh: string;
  measure: Indicator['measure'];
  comparator: Indicator['comparator'];
  mode: 'reach' | 'keep';
  /** Where the ramp started, and where that value came from. */
  baseline: Baseline;
  /** Target path on the quarter's last day. */
  path: number;
  /** Why a target's year is assumed (the plan gives none); null when the plan gives every year. */
  yearAssumed: string | null;
  /** The latest value the unit reported in the quarter; null when none was reported. */
  actual: number | null;
  gap: number | null;
  /** Behind beyond the threshold; or, where the policy says 未报按滞后计, asked and not reported (actual null). */
  lagging: boolean;
}

export interface UnitRow {
  /**
   * Standard competition ranking (1, 1, 3): units equal on every figure the ranking sorts by share a rank.
   * Null for a unit answering for no indicator (layout 4): it is listed after the ranked units.
   */
  rank: number | null;
  unitId: string;
  nameZh: string;
  /** Mean attainment of the indicators the unit answers for, in percent; null for a unit answering for none. */
  attainment: number | null;
  laggingIndicators: number;
  reports: { requested: number; submitted: number; missed: number };
  riskItems: { opened: number; closed: number; overdue: number };
  cards: Record<string, { raised: number; lifted: number }>;
  referrals: { leadsMeetingThreshold: number; referred: number; rate: number | null };
}

export interface Bulletin {
  /** The layout of its inputs, which says how it is worded (`BulletinInputs.layout`). */
  layout: number;
  campaignNameZh: string;
  issuerNameZh: string;
  quarter: ReportingPeriod;
  cutoff: string;
  planVersion: number;
  policyVersion: string;
  /** The actions in plan order, whose indicators the rows hold. */
  actions: Array<{ number: number; nameZh: string }>;
  indicators: IndicatorRow[];
  /** Ranked: highest attainment first, then fewer missed reports, fewer cards; unit id among equals. */
  units: UnitRow[];
  colours: string[];
  /** Units lagging on an indicator: behind, or (by the policy) asked and not reporting it; each gets a card. */
  laggingUnits: string[];
  /** Units asked for an indicator in the quarter that reported no value for it (未报送). */
  unreportedUnits: string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The version of the target model a bulletin's inputs are made for (decision 0018). */
export const TARGET_MODEL = 2;

/**
 * The version of the bulletin's document layout (decision 0012): 2 is the official document with ECharts
 * charts; 3 the same document with its CSV tables headed in Chinese, codes beside names; 4 counts risk items
 * and cards as of the quarter's end, and says so.
 */
export const BULLETIN_LAYOUT = 4;

/**
 * The layouts `regenerate` renders again and compares: today's, and layout 3, rendered by the rules it
 * was issued under. Earlier ones' documents stand as stored.
 */
export const REGENERATED_LAYOUTS: readonly number[] = [3, BULLETIN_LAYOUT];

/**
 * The bulletin stored inputs make again (pure, as `regenerate` does), or null for inputs of an earlier
 * target model, which are not built again: their stored documents stand.
 */
export const rebuiltBulletin = (inputs: BulletinInputs): Bulletin | null =>
  inputs.targetModel === TARGET_MODEL ? buildBulletin(inputs) : null;

export function buildBulletin(inputs: BulletinInputs): Bulletin {
  const indicators: IndicatorRow[] = [];
  const actions = [...inputs.actions].sort((a, b) => a.number - b.number);
  const unitName = (unitId: string) => inputs.units.find((u) => u.id === unitId)?.nameZh ?? unitId;
  const attainments = new Map<string, number[]>();
  const answering = new Set<string>();
  const unreportedUnits = new Set<string>();
  for (const action of actions) {
    for (const indicator of action.indicators) {
      for (const unitId of [...(indicator.responsibleUnits ?? action.leadUnits)].sort()) {
        answering.add(unitId);
        const ofAction = inputs.reports.filter((r) => r.unitId === unitId && r.actionNo === action.number);
        // From layout 4 a unit is held to an indicator only where a request of the quarter, now due,
        // asked for it: not after the campaign, not before a plan version added it, not before it is due.
        const heldTo = inputs.layout >= 4;
        const asked = heldTo ? askedFor(ofAction, indicator.id) : ofAction;
        const latest = latestValues(ofAction);
        const first = inputs.firstDispatch.find((v) => v.unitId === unitId && v.indicatorId === indicator.id);
        const baseline = baselineOf(indicator, first?.value ?? null);
        const path = round2(targetPathAt(indicator, inputs.quarter.to, inputs.campaignFrom, baseline.value));
        const actual = latest.get(indicator.id) ?? null;
        const unreported = actual === null && asked.length > 0;
        if (unreported) unreportedUnits.add(unitId);
        const lagging =
          actual === null
            ? unreported && inputs.lagging.unreportedLags === true
            : isLagging(indicator, actual, path, inputs.lagging);
        const assumed = yearAssumptions(indicator);
        indicators.push({
          actionNo: action.number,
          unitId,
          indicatorId: indicator.id,
          nameZh: indicator.nameZh,
          measure: indicator.measure,
          comparator: indicator.comparator,
          mode: currentMode(indicator, inputs.quarter.to),
          baseline,
          path,
          yearAssumed: assumed.length === 0 ? null : yearAssumedText(assumed, inputs.layout),
          actual,
          gap: actual === null ? null : round2(gapBehind(indicator, actual, path)),
          lagging,
        });
        // An indicator the unit was not held to has no value to score: it is left out of its attainment
        // (a unit held to none has none, and is not ranked).
        if (heldTo && actual === null && asked.length === 0) continue;
        const own = attainments.get(unitId) ?? [];
        own.push(actual === null ? 0 : attainment(indicator, actual, path));
        attainments.set(unitId, own);
      }
    }
  }
  const colours = [...new Set(inputs.cards.map((c) => c.colour))].sort();
  const unitIds = new Set([
    ...inputs.actions.flatMap((a) => a.leadUnits),
    ...answering,
    ...inputs.riskItems.map((r) => r.unitId),
    ...inputs.cards.map((c) => c.unitId),
    ...inputs.referrals.map((r) => r.unitId),
  ]);
  const rows = [...unitIds].map((unitId): Omit<UnitRow, 'rank'> => {
    const reports = inputs.reports.filter((r) => r.unitId === unitId);
    const risk = inputs.riskItems.filter((r) => r.unitId === unitId);
    const own = attainments.get(unitId);
    const referrals = inputs.referrals.filter((r) => r.unitId === unitId);
    const leads = referrals.reduce((n, r) => n + r.leadsMeetingThreshold, 0);
    const referred = referrals.reduce((n, r) => n + r.referred, 0);
    return {
      unitId,
      nameZh: unitName(unitId),
      attainment: own ? round2((100 * own.reduce((a, b) => a + b, 0)) / own.length) : null,
      laggingIndicators: indicators.filter((i) => i.unitId === unitId && i.lagging).length,
      reports: {
        requested: reports.length,
        submitted: reports.filter((r) => r.status === ReportRequestStatus.Submitted).length,
        missed: reports.filter((r) => r.status === ReportRequestStatus.Missed).length,
      },
      riskItems: {
        opened: risk.reduce((n, r) => n + r.opened, 0),
        closed: risk.reduce((n, r) => n + r.closed, 0),
        overdue: risk.reduce((n, r) => n + r.overdue, 0),
      },
      cards: Object.fromEntries(
        colours.map((colour) => {
          const own = inputs.cards.filter((c) => c.unitId === unitId && c.colour === colour);
          return [
            colour,
            { raised: own.reduce((n, c) => n + c.raised, 0), lifted: own.reduce((n, c) => n + c.lifted, 0) },
          ];
        }),
      ),
      referrals: {
        leadsMeetingThreshold: leads,
        referred,
        rate: leads > 0 ? round2((100 * referred) / leads) : null,
      },
    };
  });
  const cardsOf = (row: Omit<UnitRow, 'rank'>) => Object.values(row.cards).reduce((n, c) => n + c.raised, 0);
  const ranking = (a: Omit<UnitRow, 'rank'>, b: Omit<UnitRow, 'rank'>) =>
    (b.attainment ?? -1) - (a.attainment ?? -1) ||
    a.reports.missed - b.reports.missed ||
    cardsOf(a) - cardsOf(b);
  rows.sort((a, b) => ranking(a, b) || a.unitId.localeCompare(b.unitId));
  return {
    layout: inputs.layout,
    campaignNameZh: inputs.campaignNameZh,
    issuerNameZh: unitName(inputs.issuingUnit),
    quarter: inputs.quarter,
    cutoff: inputs.cutoff,
    planVersion: inputs.planVersion,
    policyVersion: inputs.policyVersion,
    actions: actions.map(({ number, nameZh }) => ({ number, nameZh })),
    indicators,
    units:
      inputs.layout >= 4 ? competitionRanks(rows, ranking) : rows.map((row, i) => ({ rank: i + 1, ...row })),
    colours,
    laggingUnits: [...new Set(indicators.filter((i) => i.lagging).map((i) => i.unitId))].sort(),
    unreportedUnits: [...unreportedUnits].sort(),
  };
}

/**
 * Ranks of rows sorted by `ranking`: a row equal to the one before it on `ranking` shares its rank, the
 * next unequal one takes its place in the order (1, 1, 3). A unit answering for no indicator is not
 * compared with the others on a 0 it never had to report: no rank (it sorts last).
 */
function competitionRanks(
  rows: Array<Omit<UnitRow, 'rank'>>,
  ranking: (a: Omit<UnitRow, 'rank'>, b: Omit<UnitRow, 'rank'>) => number,
): UnitRow[] {
  const ranked: UnitRow[] = [];
  for (const [i, row] of rows.entries()) {
    const before = ranked[i - 1];
    const rank = row.attainment === null ? null : before && ranking(before, row) === 0 ? before.rank : i + 1;
    ranked.push({ rank, ...row });
  }
  return ranked;
}

/**
 * Why a row's target years are assumed, as the bulletin prints it: from layout 4 in Chinese only (the
 * plan's notes are bilingual); layout 3 printed the notes as the plan gives them, and still does.
 */
function yearAssumedText(assumed: string[], layout: number): string {
  return layout >= 4 ? assumed.map(zhPart).join('；') : assumed.join('; ');
}

/** The mode of the target in force on a day (the last one after every due date). */
function currentMode(indicator: Indicator, date: string): 'reach' | 'keep' {
  const targets = [...indicator.targets].sort((a, b) => a.due.localeCompare(b.due));
  return (targets.find((t) => t.due >= date) ?? targets[targets.length - 1]).mode;
}

/** Each indicator's value from the latest month the unit reported it in. */
/** The requests that asked for an indicator and are due (answered, or missed): those it is held to. */
function askedFor(reports: BulletinInputs['reports'], indicatorId: string): BulletinInputs['reports'] {
  return reports.filter(
    (r) => r.status !== ReportRequestStatus.Open && (r.indicatorIds ?? []).includes(indicatorId),
  );
}

function latestValues(reports: BulletinInputs['reports']): Map<string, number> {
  const latest = new Map<string, number>();
  for (const report of [...reports].sort((a, b) => a.month.localeCompare(b.month))) {
    for (const { indicatorId, value } of report.values ?? []) latest.set(indicatorId, value);
  }
  return latest;
}

/** The quarter's bulletin id; the revision suffix stays 1 until revisions exist (decision 0012). */
export const bulletinId = (quarter: string): string => `TB-${quarter}-1`;

/**
 * A lagging-indicator card per lagging unit, about the bulletin that found it lagging; keyed by bulletin
 * and unit, so a retried or repeated run joins the same card instead of raising another. Its reason says
 * why the unit lags: behind on a value it reported, or asked and not reporting (未报按滞后计), from the
 * bulletin's rows; without them (inputs of an earlier target model) it says either.
 */
export function laggingCardTriggers(
  summary: BulletinSummary,
  bulletin: Pick<Bulletin, 'indicators'> | null,
): CardTrigger[] {
  return summary.laggingUnits.map((unitId) => ({
    key: `${summary.id}:${unitId}:lagging`,
    unitId,
    subject: { type: CardSubjectType.LaggingIndicator, id: summary.id },
    reason: `${quarterZh(summary.quarter)}通报（${summary.id}）：${laggingCause(unitId, bulletin)}`,
    context: null,
  }));
}

function laggingCause(unitId: string, bulletin: Pick<Bulletin, 'indicators'> | null): string {
  if (!bulletin) return '指标进度滞后或未报送指标数值';
  const lagging = bulletin.indicators.filter((r) => r.unitId === unitId && r.lagging);
  const behind = lagging.some((r) => r.actual !== null);
  const unreported = lagging.some((r) => r.actual === null);
  if (behind && unreported) return '指标进度滞后，并有指标未报送数值（未报按滞后计）';
  return unreported ? '未报送指标数值（未报按滞后计）' : '指标进度滞后';
}
