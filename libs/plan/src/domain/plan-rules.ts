import {
  type CampaignPlan,
  type Comparator,
  type Deliverable,
  type IndicatorTarget,
} from '../../../contracts/src/plan.contracts.js';
import { isExistingLocalDate } from '../../../calendar/src/domain/holiday-table.js';
import { type DeliverableFile, type PlanFile, type TargetFile } from '../plan-file.schema.js';

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

/** `≥`/`≤` as in the plan's own notation, or their ASCII spelling. */
export const COMPARATOR_SPELLINGS = ['>=', '≥', '<=', '≤', '='] as const;

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
  const problems: PathProblem[] = [];
  const report = (path: PlanPath, message: string) => problems.push({ path, message });
  const { period } = file.campaign;

  const checkDate = (path: PlanPath, date: string): boolean => {
    if (isExistingLocalDate(date)) return true;
    report(path, `${date} is not a day of the calendar`);
    return false;
  };
  checkDate(['campaign', 'issuedOn'], file.campaign.issuedOn);
  const periodValid =
    checkDate(['campaign', 'period', 'from'], period.from) &&
    checkDate(['campaign', 'period', 'to'], period.to);
  if (periodValid && period.from > period.to) {
    report(['campaign', 'period'], `the period ends (${period.to}) before it starts (${period.from})`);
  }
  const checkInPeriod = (path: PlanPath, date: string) => {
    if (!checkDate(path, date) || !periodValid) return;
    if (date < period.from || date > period.to) {
      report(path, `${date} is outside the campaign period ${period.from} to ${period.to}`);
    }
  };

  const declared = new Map<string, number>();
  file.units.forEach((unit, i) => {
    const earlier = declared.get(unit.id);
    if (earlier !== undefined)
      report(['units', i, 'id'], `unit ${unit.id} is already declared at units[${earlier}]`);
    else declared.set(unit.id, i);
    if (unit.group) return;
    const referenceName = knownUnits.get(unit.id);
    if (referenceName === undefined) {
      report(
        ['units', i, 'id'],
        `unknown unit ${unit.id}: not in the reference data (declare groups with group: true)`,
      );
    } else if (referenceName !== unit.nameZh) {
      report(['units', i, 'nameZh'], `unit ${unit.id} is called ${referenceName} in the reference data`);
    }
  });
  const checkUnitRef = (path: PlanPath, unitId: string) => {
    if (!declared.has(unitId)) report(path, `unknown unit ${unitId}: not declared under units`);
  };
  checkUnitRef(['campaign', 'supervisingUnit'], file.campaign.supervisingUnit);

  const actionNumbers = new Map<number, number>();
  const indicatorIds = new Map<string, string>();
  file.actions.forEach((action, a) => {
    const at = ['actions', a];
    const earlier = actionNumbers.get(action.no);
    if (earlier !== undefined)
      report([...at, 'no'], `duplicate action number ${action.no}: also actions[${earlier}]`);
    else actionNumbers.set(action.no, a);
    checkUnitRef([...at, 'leadUnit'], action.leadUnit);
    const coUnits = new Set<string>();
    action.coUnits.forEach((unitId, c) => {
      const path = [...at, 'coUnits', c];
      checkUnitRef(path, unitId);
      if (unitId === action.leadUnit) report(path, `${unitId} is the lead unit; list it only once`);
      else if (coUnits.has(unitId)) report(path, `${unitId} is listed twice`);
      coUnits.add(unitId);
    });
    (action.indicators ?? []).forEach((indicator, i) => {
      const ip = [...at, 'indicators', i];
      const owner = indicatorIds.get(indicator.id);
      if (owner !== undefined) report([...ip, 'id'], `duplicate indicator id ${indicator.id}: also ${owner}`);
      else indicatorIds.set(indicator.id, formatPath(ip));
      indicator.targets.forEach((target, t) => {
        const tp = [...ip, 'targets', t];
        if ((target.yearEnd === undefined) === (target.due === undefined)) {
          report(tp, 'give exactly one of yearEnd (a year) or due (a date)');
        } else {
          checkInPeriod([...tp, target.yearEnd !== undefined ? 'yearEnd' : 'due'], targetDue(target)!);
        }
        if (indicator.measure === 'percent' && (target.value < 0 || target.value > 100)) {
          report([...tp, 'value'], `${target.value} is not a percentage between 0 and 100`);
        }
        if (indicator.measure === 'count' && (!Number.isInteger(target.value) || target.value < 0)) {
          report([...tp, 'value'], `${target.value} is not a count (a whole number, 0 or more)`);
        }
        if (target.upTo !== undefined && target.upTo <= target.value) {
          report([...tp, 'upTo'], `the upper end ${target.upTo} must be above the value ${target.value}`);
        }
      });
    });
  });

  const deliverableIds = new Set<string>();
  file.deliverables.forEach((deliverable, d) => {
    const at = ['deliverables', d];
    if (deliverableIds.has(deliverable.id))
      report([...at, 'id'], `duplicate deliverable id ${deliverable.id}`);
    deliverableIds.add(deliverable.id);
    if (deliverable.from !== ACTION_LEADS) {
      deliverable.from.forEach((unitId, f) => checkUnitRef([...at, 'from', f], unitId));
    }
    checkUnitRef([...at, 'to'], deliverable.to);
    const { date, yearly } = deliverable.due;
    if ((date === undefined) === (yearly === undefined)) {
      report([...at, 'due'], 'give exactly one of date (yyyy-mm-dd) or yearly (mm-dd)');
    } else if (date !== undefined) {
      checkInPeriod([...at, 'due', 'date'], date);
    } else if (!isExistingLocalDate(`2024-${yearly}`)) {
      // 2024 is a leap year, so 02-29 passes; a yearly 02-29 simply has no due day in other years.
      report([...at, 'due', 'yearly'], `${yearly} is not a day of the year`);
    }
  });
  return problems;
}

const COMPARATORS: Record<(typeof COMPARATOR_SPELLINGS)[number], Comparator> = {
  '>=': '>=',
  '≥': '>=',
  '<=': '<=',
  '≤': '<=',
  '=': '=',
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
      no: a.no,
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
  };
}
