import {
  type CampaignPlan,
  type Comparator,
  type Deliverable,
  type IndicatorTarget,
} from '../../../contracts/src/plan.contracts.js';
import { isExistingLocalDate } from '../../../calendar/src/domain/holiday-table.js';
import {
  type ActionFile,
  type DeliverableFile,
  type IndicatorFile,
  type PlanFile,
  type PlanUnitFile,
  type TargetFile,
} from '../plan-file.schema.js';

/** Where in the file a problem sits: property names and list indexes, e.g. ['actions', 4, 'leadUnit']. */
export type PlanPath = ReadonlyArray<string | number>;

export interface PathProblem {
  path: PlanPath;
  message: string;
}

/** Reference units by id, with their Chinese names (identity reference data or the unit table). */
export type KnownUnits = ReadonlyMap<string, string>;

/** `actions[4].leadUnit`, the notation of every other field path in the API. */
export function formatPath(path: PlanPath): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

/** `≥`/`≤` as in the plan's own notation, or their ASCII spelling. No `=`: the plan never means it. */
export const COMPARATOR_SPELLINGS = ['>=', '≥', '<=', '≤'] as const;

/**
 * Spellings of earlier plan files, refused with a message that names the change (decision 0018) rather
 * than guessed at: `no` reads as false in YAML 1.1 parsers, and `=` meant a level to reach.
 */
export function legacyProblems(raw: unknown): PathProblem[] {
  const actions = (raw as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(actions)) return [];
  return actions.flatMap((action: unknown, a) => {
    if (action === null || typeof action !== 'object') return [];
    const problems: PathProblem[] = [];
    if ('no' in action) {
      problems.push({
        path: ['actions', a, 'no'],
        message: 'the action key no is now number (YAML 1.1 parsers read no as false): write number: <n>',
      });
    }
    const indicators = (action as { indicators?: unknown }).indicators;
    (Array.isArray(indicators) ? indicators : []).forEach((indicator: unknown, i) => {
      if ((indicator as { comparator?: unknown } | null)?.comparator === '=') {
        problems.push({
          path: ['actions', a, 'indicators', i, 'comparator'],
          message:
            "comparator '=' is no longer accepted: a target is a level to reach or keep, write ≥ (or ≤)",
        });
      }
    });
    return problems;
  });
}

/** A deliverable every action's lead unit owes. */
export const ACTION_LEADS = 'action-leads';

const YEAR_END = '12-31';

/** The day a target falls due: the year's end, or its own date. */
function targetDue(target: TargetFile): string | undefined {
  return target.yearEnd !== undefined ? `${target.yearEnd}-${YEAR_END}` : target.due;
}

/**
 * Checks a structurally valid plan file against itself and the reference units: every unit it names
 * is declared once and exists (a group such as 各乡镇办事处 is declared with `group: true`), action
 * numbers and ids are unique, dates exist and fall within the campaign period, targets are coherent.
 * Returns every problem found, not just the first.
 */
export function checkPlan(file: PlanFile, knownUnits: KnownUnits): PathProblem[] {
  return new PlanChecker(file, knownUnits).problems;
}

/** One pass over a plan file, section by section, collecting problems. */
class PlanChecker {
  readonly problems: PathProblem[] = [];
  private readonly period: { from: string; to: string };
  private readonly periodValid: boolean;
  /** Declared unit ids, with the index of their declaration. */
  private readonly declared = new Map<string, number>();
  /** Indicator ids, with the path of the indicator that has it. */
  private readonly indicatorIds = new Map<string, string>();

  constructor(
    file: PlanFile,
    private readonly knownUnits: KnownUnits,
  ) {
    const { campaign } = file;
    this.period = campaign.period;
    this.checkDate(['campaign', 'issuedOn'], campaign.issuedOn);
    const datesExist =
      this.checkDate(['campaign', 'period', 'from'], this.period.from) &&
      this.checkDate(['campaign', 'period', 'to'], this.period.to);
    if (datesExist && this.period.from > this.period.to) {
      this.report(
        ['campaign', 'period'],
        `the period ends (${this.period.to}) before it starts (${this.period.from})`,
      );
    }
    // Without a period there is nothing to hold dates against; its own problem says enough.
    this.periodValid = datesExist && this.period.from <= this.period.to;
    file.units.forEach((unit, i) => this.checkUnit(unit, i));
    this.checkUnitRef(['campaign', 'supervisingUnit'], campaign.supervisingUnit);
    const actionNumbers = new Map<number, number>();
    file.actions.forEach((action, a) => {
      const earlier = actionNumbers.get(action.number);
      if (earlier !== undefined) {
        this.report(
          ['actions', a, 'number'],
          `duplicate action number ${action.number}: also actions[${earlier}]`,
        );
      } else actionNumbers.set(action.number, a);
      this.checkAction(action, ['actions', a]);
    });
    const deliverableIds = new Set<string>();
    file.deliverables.forEach((deliverable, d) => {
      if (deliverableIds.has(deliverable.id)) {
        this.report(['deliverables', d, 'id'], `duplicate deliverable id ${deliverable.id}`);
      }
      deliverableIds.add(deliverable.id);
      this.checkDeliverable(deliverable, ['deliverables', d]);
    });
  }

  private report(path: PlanPath, message: string): void {
    this.problems.push({ path, message });
  }

  private checkDate(path: PlanPath, date: string): boolean {
    if (isExistingLocalDate(date)) return true;
    this.report(path, `${date} is not a day of the calendar`);
    return false;
  }

  private checkInPeriod(path: PlanPath, date: string): void {
    if (!this.checkDate(path, date) || !this.periodValid) return;
    const { from, to } = this.period;
    if (date < from || date > to)
      this.report(path, `${date} is outside the campaign period ${from} to ${to}`);
  }

  private checkUnit(unit: PlanUnitFile, i: number): void {
    const earlier = this.declared.get(unit.id);
    if (earlier !== undefined) {
      this.report(['units', i, 'id'], `unit ${unit.id} is already declared at units[${earlier}]`);
    } else this.declared.set(unit.id, i);
    if (unit.group) return;
    const referenceName = this.knownUnits.get(unit.id);
    if (referenceName === undefined) {
      this.report(
        ['units', i, 'id'],
        `unknown unit ${unit.id}: not in the reference data (declare groups with group: true)`,
      );
    } else if (referenceName !== unit.nameZh) {
      this.report(['units', i, 'nameZh'], `unit ${unit.id} is called ${referenceName} in the reference data`);
    }
  }

  private checkUnitRef(path: PlanPath, unitId: string): void {
    if (!this.declared.has(unitId)) this.report(path, `unknown unit ${unitId}: not declared under units`);
  }

  private checkAction(action: ActionFile, at: PlanPath): void {
    this.checkUnitRef([...at, 'leadUnit'], action.leadUnit);
    const coUnits = new Set<string>();
    action.coUnits.forEach((unitId, c) => {
      const path = [...at, 'coUnits', c];
      this.checkUnitRef(path, unitId);
      if (unitId === action.leadUnit) this.report(path, `${unitId} is the lead unit; list it only once`);
      else if (coUnits.has(unitId)) this.report(path, `${unitId} is listed twice`);
      coUnits.add(unitId);
    });
    (action.indicators ?? []).forEach((indicator, i) =>
      this.checkIndicator(indicator, [...at, 'indicators', i]),
    );
  }

  private checkIndicator(indicator: IndicatorFile, at: PlanPath): void {
    const owner = this.indicatorIds.get(indicator.id);
    if (owner !== undefined)
      this.report([...at, 'id'], `duplicate indicator id ${indicator.id}: also ${owner}`);
    else this.indicatorIds.set(indicator.id, formatPath(at));
    if (indicator.baseline !== undefined) {
      const problem = this.amountProblem(indicator, indicator.baseline);
      if (problem) this.report([...at, 'baseline'], problem);
    }
    const responsible = new Set<string>();
    (indicator.responsibleUnits ?? []).forEach((unitId, r) => {
      const path = [...at, 'responsibleUnits', r];
      this.checkUnitRef(path, unitId);
      if (responsible.has(unitId)) this.report(path, `${unitId} is listed twice`);
      responsible.add(unitId);
    });
    indicator.targets.forEach((target, t) => {
      const tp = [...at, 'targets', t];
      if ((target.yearEnd === undefined) === (target.due === undefined)) {
        this.report(tp, 'give exactly one of yearEnd (a year) or due (a date)');
      } else {
        this.checkInPeriod([...tp, target.yearEnd !== undefined ? 'yearEnd' : 'due'], targetDue(target)!);
      }
      const problem = this.amountProblem(indicator, target.value);
      if (problem) this.report([...tp, 'value'], problem);
      if (target.yearAssumed && target.assumption === undefined) {
        this.report([...tp, 'yearAssumed'], 'an assumed year needs its reason: add assumption');
      }
      if (!target.yearAssumed && target.assumption !== undefined) {
        this.report([...tp, 'assumption'], 'an assumption is given only with yearAssumed: true');
      }
      if (target.upTo !== undefined && target.upTo <= target.value) {
        this.report([...tp, 'upTo'], `the upper end ${target.upTo} must be above the value ${target.value}`);
      }
    });
  }

  private amountProblem(indicator: IndicatorFile, value: number): string | null {
    if (indicator.measure === 'percent' && (value < 0 || value > 100)) {
      return `${value} is not a percentage between 0 and 100`;
    }
    if (indicator.measure === 'count' && (!Number.isInteger(value) || value < 0)) {
      return `${value} is not a count (a whole number, 0 or more)`;
    }
    return null;
  }

  private checkDeliverable(deliverable: DeliverableFile, at: PlanPath): void {
    if (deliverable.perAction && deliverable.from !== ACTION_LEADS) {
      this.report([...at, 'perAction'], `perAction applies only to from: ${ACTION_LEADS}`);
    }
    if (deliverable.from !== ACTION_LEADS) {
      deliverable.from.forEach((unitId, f) => this.checkUnitRef([...at, 'from', f], unitId));
    }
    this.checkUnitRef([...at, 'to'], deliverable.to);
    const { date, yearly } = deliverable.due;
    if ((date === undefined) === (yearly === undefined)) {
      this.report([...at, 'due'], 'give exactly one of date (yyyy-mm-dd) or yearly (mm-dd)');
    } else if (date !== undefined) {
      this.checkInPeriod([...at, 'due', 'date'], date);
    } else if (!isExistingLocalDate(`2024-${yearly}`)) {
      // 2024 is a leap year, so 02-29 passes; a yearly 02-29 simply has no due day in other years.
      this.report([...at, 'due', 'yearly'], `${yearly} is not a day of the year`);
    }
  }
}

const COMPARATORS: Record<(typeof COMPARATOR_SPELLINGS)[number], Comparator> = {
  '>=': '>=',
  '≥': '>=',
  '<=': '<=',
  '≤': '<=',
};

/** The plan as data, from a file that passed `checkPlan`. */
export function toCampaignPlan(file: PlanFile): CampaignPlan {
  const { campaign } = file;
  return {
    campaign: {
      nameZh: campaign.nameZh,
      nameEn: campaign.nameEn,
      documentNo: campaign.documentNo,
      issuedOn: campaign.issuedOn,
      period: { from: campaign.period.from, to: campaign.period.to },
      supervisingUnit: campaign.supervisingUnit,
    },
    units: file.units.map((u) => ({ id: u.id, nameZh: u.nameZh, ...(u.group ? { group: true } : {}) })),
    actions: file.actions.map((a) => ({
      number: a.number,
      nameZh: a.nameZh,
      nameEn: a.nameEn,
      leadUnit: a.leadUnit,
      coUnits: [...a.coUnits],
      indicators: (a.indicators ?? []).map((i) => ({
        id: i.id,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        measure: i.measure,
        comparator: COMPARATORS[i.comparator],
        ...(i.baseline !== undefined ? { baseline: i.baseline } : {}),
        ...(i.responsibleUnits ? { responsibleUnits: [...i.responsibleUnits] } : {}),
        targets: i.targets.map(toTarget),
      })),
    })),
    deliverables: file.deliverables.map(toDeliverable),
  };
}

function toTarget(target: TargetFile): IndicatorTarget {
  return {
    mode: target.mode ?? 'reach',
    value: target.value,
    ...(target.upTo !== undefined ? { upTo: target.upTo } : {}),
    due: targetDue(target)!,
    ...(target.yearAssumed ? { yearAssumed: true as const, assumption: target.assumption! } : {}),
  };
}

function toDeliverable(d: DeliverableFile): Deliverable {
  return {
    id: d.id,
    titleZh: d.titleZh,
    titleEn: d.titleEn,
    from: d.from === ACTION_LEADS ? ACTION_LEADS : [...d.from],
    to: d.to,
    due: d.due.date !== undefined ? { date: d.due.date } : { yearly: d.due.yearly! },
    ...(d.perAction ? { perAction: true } : {}),
  };
}
