/**
 * The campaign plan as data (docs/domain.md §1, §3.4). The plan context parses and stores it; the reporting
 * cycles read it through PLAN_SOURCE. Dates are local dates `yyyy-mm-dd` (Asia/Shanghai).
 */
export type LocalDateString = string;

/** A unit id from reference data, or a group such as `townships` (各乡镇办事处) that expands to units. */
export type UnitRef = string;

export interface PlanUnit {
  id: UnitRef;
  nameZh: string;
  /** A group stands for several units (the plan names townships collectively). */
  group?: boolean;
}

/**
 * The direction a target is met in: at least (`>=`) or at most (`<=`) its value. The plan never means
 * exact equality: 达到100% is reached at 100, two 示范街 for a target of one meet it (decision 0018).
 */
export type Comparator = '>=' | '<=';

export type MeasureUnit = 'percent' | 'count';

export interface IndicatorTarget {
  /** `reach`: attained by the date; `keep`: held at or beyond the value throughout, up to the date. */
  mode: 'reach' | 'keep';
  value: number;
  /** Upper end where the plan gives a range (e.g. 3—5 家). */
  upTo?: number;
  /** A year-end target is due on 12-31 of that year. */
  due: LocalDateString;
  /** The plan gives no year for this target: the year was assumed, for the reason in `assumption`. */
  yearAssumed?: true;
  assumption?: string;
}

export interface Indicator {
  /** Stable id, unique within the plan, e.g. `a5-rural-shops-standard`. */
  id: string;
  nameZh: string;
  nameEn: string;
  measure: MeasureUnit;
  comparator: Comparator;
  /**
   * The value at the campaign's start, where the plan gives it; otherwise each unit's value reported in
   * the first dispatch is its baseline. Reach targets ramp from it, not from 0.
   */
  baseline?: number;
  /**
   * Who answers for the indicator where the plan names them (e.g. 农业农村局 for its own staff); the
   * action's lead unit otherwise. They are asked for it in the dispatch and scored on it.
   */
  responsibleUnits?: UnitRef[];
  targets: IndicatorTarget[];
}

export interface SpecialAction {
  /** 1–12, as numbered in the plan (一 … 十二). Not `no`, which YAML 1.1 parsers read as false. */
  number: number;
  nameZh: string;
  nameEn: string;
  /** The first unit listed (排名第一的为牵头单位). */
  leadUnit: UnitRef;
  coUnits: UnitRef[];
  indicators: Indicator[];
}

export type DeliverableDue = { date: LocalDateString } | { yearly: string /* MM-DD */ };

export interface Deliverable {
  id: string;
  titleZh: string;
  titleEn: string;
  /** Who delivers: every action's lead unit, or named units. */
  from: 'action-leads' | UnitRef[];
  /** Who receives and supervises it. */
  to: UnitRef;
  /**
   * Owed once per special action by its lead unit (各专项行动实施方案), not once per unit; only with
   * `from: action-leads`.
   */
  perAction?: boolean;
  due: DeliverableDue;
}

export interface CampaignPlan {
  campaign: {
    nameZh: string;
    nameEn: string;
    documentNo: string;
    issuedOn: LocalDateString;
    period: { from: LocalDateString; to: LocalDateString };
    supervisingUnit: UnitRef;
  };
  units: PlanUnit[];
  actions: SpecialAction[];
  deliverables: Deliverable[];
}

/** A plan as loaded: every report, bulletin and score records the version it was made under. */
export interface StoredPlan {
  version: number;
  sha256: string;
  loadedAt: string;
  plan: CampaignPlan;
}

export const PLAN_SOURCE = 'PLAN_SOURCE';

export interface PlanSource {
  /** The newest loaded version; throws a not-found DubanError when no plan has been loaded. */
  activePlan(): Promise<StoredPlan>;
  planVersion(version: number): Promise<StoredPlan>;
}
