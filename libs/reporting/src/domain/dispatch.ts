import { computeDeadline } from '../../../calendar/src/domain/deadline.js';
import { addDays, type HolidayTable } from '../../../calendar/src/domain/holiday-table.js';
import { workdaysBeforeEnd } from '../../../calendar/src/domain/lead-time.js';
import { provisionalWarning } from '../../../calendar/src/domain/provisional.js';
import {
  type Deliverable,
  type Indicator,
  type SpecialAction,
  type StoredPlan,
} from '../../../contracts/src/plan.contracts.js';
import {
  ReportRequestKind,
  reportRequestId,
  type ReportRequestOpening,
} from '../../../contracts/src/reporting.contracts.js';
import { type PlannedDeadline } from '../../../contracts/src/risk-item.contracts.js';
import { monthOf, previousMonthOf, startOfLocalDay, type ReportingPeriod } from './periods.js';
import { type ReportingPolicy } from './reporting-policy.js';

/** Expands a plan unit reference (a unit, or a group such as the townships) to unit ids. */
export type UnitExpander = (ref: string) => string[];

/**
 * What the dispatch run standing for instant `at` opens: a report on the previous month per action and
 * unit answering for it (the lead unit, and the units an indicator names), while the campaign runs;
 * and every deliverable due in the month of `at`.
 */
export function planMonthlyDispatch(
  stored: StoredPlan,
  policy: ReportingPolicy,
  at: string,
  table: HolidayTable,
  expand: UnitExpander,
): ReportRequestOpening[] {
  const { plan, version } = stored;
  const month = previousMonthOf(at);
  const openings: ReportRequestOpening[] = [];
  if (month.to >= plan.campaign.period.from && month.from <= plan.campaign.period.to) {
    const deadline = monthlyReportDeadline(policy, at, table);
    for (const action of plan.actions) {
      for (const [unitId, indicators] of answerers(action, expand)) {
        openings.push({
          id: reportRequestId(month.label, unitId, `a${action.number}`),
          kind: ReportRequestKind.MonthlyReport,
          unitId,
          actionNo: action.number,
          deliverableId: null,
          title: {
            zh: `${month.label} 月调度：专项行动${action.number} ${action.nameZh}`,
            en: `Monthly dispatch ${month.label}: action ${action.number} ${action.nameEn}`,
          },
          period: month,
          planVersion: version,
          indicators: indicators.map(({ id, nameZh, measure }) => ({ id, nameZh, measure })),
          deadline,
        });
      }
    }
  }
  for (const deliverable of plan.deliverables) {
    const dueDate = dueDateIn(deliverable, monthOf(at), plan.campaign.period);
    if (!dueDate) continue;
    const deadline = deliverableDeadline(policy, deliverable, dueDate, table);
    const year = dueDate.slice(0, 4);
    for (const { unitId, action } of deliverableOwers(stored, deliverable, expand)) {
      const subject = action ? `${deliverable.id}-a${action.number}` : deliverable.id;
      const about = action
        ? {
            zh: `（专项行动${action.number} ${action.nameZh}）`,
            en: ` (action ${action.number} ${action.nameEn})`,
          }
        : { zh: '', en: '' };
      openings.push({
        id: reportRequestId(year, unitId, subject),
        kind: ReportRequestKind.Deliverable,
        unitId,
        actionNo: action?.number ?? null,
        deliverableId: deliverable.id,
        title: {
          zh: `${year} ${deliverable.titleZh}${about.zh}`,
          en: `${year} ${deliverable.titleEn}${about.en}`,
        },
        period: { label: year, from: `${year}-01-01`, to: `${year}-12-31` },
        planVersion: version,
        indicators: [],
        deadline,
      });
    }
  }
  return openings;
}

function monthlyReportDeadline(policy: ReportingPolicy, at: string, table: HolidayTable): PlannedDeadline {
  const { due, reminderBeforeWorkdays } = policy.monthlyReport;
  const result = computeDeadline({ from: at, amount: due.amount, unit: due.unit }, table);
  const provisional = provisionalWarning(table, result);
  return {
    dueAt: result.dueAt,
    reminderAt:
      reminderBeforeWorkdays > 0 && result.rule.unit !== 'hours'
        ? workdaysBeforeEnd(result.dueDate, reminderBeforeWorkdays, table)
        : null,
    rule: {
      en: `monthly dispatch report: ${result.explanation.en} (policy ${policy.version})${provisional ? `; ${provisional.en}` : ''}`,
      zh: `月调度报送期限：${result.explanation.zh}（政策版本 ${policy.version}）${provisional ? `；${provisional.zh}` : ''}`,
    },
    policyVersion: policy.version,
  };
}

/** A plan deliverable is due at the end (24:00) of its day, as the plan dates it. */
function deliverableDeadline(
  policy: ReportingPolicy,
  deliverable: Deliverable,
  dueDate: string,
  table: HolidayTable,
): PlannedDeadline {
  const lead = policy.deliverable.reminderBeforeWorkdays;
  return {
    dueAt: startOfLocalDay(addDays(dueDate, 1)),
    reminderAt: lead > 0 ? workdaysBeforeEnd(dueDate, lead, table) : null,
    rule: {
      en: `plan deliverable "${deliverable.titleEn}" due ${dueDate} 24:00 (Asia/Shanghai), as dated in the plan`,
      zh: `方案规定的报送时限：${deliverable.titleZh}，${dueDate} 24:00 前`,
    },
    policyVersion: policy.version,
  };
}

/** The deliverable's due date if it falls in the given month and within the campaign. */
function dueDateIn(deliverable: Deliverable, month: ReportingPeriod, campaign: { from: string; to: string }) {
  const date =
    'date' in deliverable.due ? deliverable.due.date : `${month.from.slice(0, 4)}-${deliverable.due.yearly}`;
  const inMonth = date >= month.from && date <= month.to;
  return inMonth && date >= campaign.from && date <= campaign.to ? date : null;
}

/**
 * Who owes a deliverable: the named units, or every action's lead unit, once per unit or, for a
 * per-action deliverable (各专项行动实施方案), once per action it leads.
 */
function deliverableOwers(
  stored: StoredPlan,
  deliverable: Deliverable,
  expand: UnitExpander,
): Array<{ unitId: string; action: SpecialAction | null }> {
  if (deliverable.from !== 'action-leads') {
    return [...new Set(deliverable.from.flatMap(expand))].map((unitId) => ({ unitId, action: null }));
  }
  if (deliverable.perAction) {
    return stored.plan.actions.flatMap((action) =>
      expand(action.leadUnit).map((unitId) => ({ unitId, action })),
    );
  }
  const leads = new Set(stored.plan.actions.flatMap((a) => expand(a.leadUnit)));
  return [...leads].map((unitId) => ({ unitId, action: null }));
}

/**
 * Who answers for which of an action's indicators, in dispatch order: the lead unit(s) for every
 * indicator that names no responsible units (and for an action without figures, its progress), then
 * each unit an indicator names, for the indicators it names them in.
 */
export function answerers(action: SpecialAction, expand: UnitExpander): Map<string, Indicator[]> {
  const byUnit = new Map<string, Indicator[]>(expand(action.leadUnit).map((unitId) => [unitId, []]));
  for (const indicator of action.indicators) {
    for (const unitId of answeringUnits(action, indicator, expand)) {
      byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), indicator]);
    }
  }
  return byUnit;
}

/** The units that answer for one indicator: those it names, else the action's lead unit(s). */
export function answeringUnits(action: SpecialAction, indicator: Indicator, expand: UnitExpander): string[] {
  return indicator.responsibleUnits ? indicator.responsibleUnits.flatMap(expand) : expand(action.leadUnit);
}
