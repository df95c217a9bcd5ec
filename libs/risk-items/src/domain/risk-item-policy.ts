import { CalendarError } from '../../../calendar/src/domain/calendar-error.js';
import { localDateOf } from '../../../calendar/src/domain/day-end.js';
import { computeDeadline, parseDeadlineUnit } from '../../../calendar/src/domain/deadline.js';
import { type HolidayTable } from '../../../calendar/src/domain/holiday-table.js';
import { workdaysBeforeEnd } from '../../../calendar/src/domain/lead-time.js';
import { provisionalWarning } from '../../../calendar/src/domain/provisional.js';
import { type ClockPolicy } from '../../../calendar/src/domain/calendar.types.js';
import {
  RiskGrade,
  type DeadlinePlannedAtTheEdge,
  type DeadlinePurpose,
  type PlannedDeadline,
  type VerificationDelegation,
} from '../../../contracts/src/risk-item.contracts.js';

/** Deadlines of the hazard ledger, as data (docs/regulations.md "Hazard ledger and cards"). */
export interface RiskItemPolicy {
  version: string;
  description?: string;
  rectification: Record<RiskGrade, ClockPolicy>;
  /** The reminder goes out when this many working days remain; 0 turns reminders off. */
  reminderBeforeWorkdays: number;
  verification: ClockPolicy;
  /** Grades whose verification the responsible unit's head may do; never major or critical. Absent: none. */
  verificationDelegation?: VerificationDelegation;
}

const GRADE_ZH: Record<RiskGrade, string> = {
  [RiskGrade.General]: '一般隐患',
  [RiskGrade.Major]: '较大隐患',
  [RiskGrade.Critical]: '重大隐患',
};

/** The clock the policy sets for a purpose and grade. */
function clockOf(policy: RiskItemPolicy, purpose: DeadlinePurpose, grade: RiskGrade): ClockPolicy {
  return purpose === 'rectification' ? policy.rectification[grade] : policy.verification;
}

/** Plans one clock of a risk item under a policy; the rule text names the policy version. */
export function planRiskItemDeadline(
  policy: RiskItemPolicy,
  purpose: DeadlinePurpose,
  grade: RiskGrade,
  from: string,
  table: HolidayTable,
): PlannedDeadline {
  const clock = clockOf(policy, purpose, grade);
  const result = computeDeadline({ from, amount: clock.amount, unit: clock.unit }, table);
  const reminderAt =
    purpose === 'rectification' && policy.reminderBeforeWorkdays > 0 && result.rule.unit !== 'hours'
      ? workdaysBeforeEnd(result.dueDate, policy.reminderBeforeWorkdays, table)
      : null;
  const what =
    purpose === 'rectification'
      ? { en: `rectification of a ${grade} risk item`, zh: `${GRADE_ZH[grade]}整改期限` }
      : { en: 'verification of a submitted rectification', zh: '整改验收期限' };
  const provisional = provisionalWarning(table, result);
  return {
    dueAt: result.dueAt,
    reminderAt: reminderAt && Date.parse(reminderAt) > Date.parse(from) ? reminderAt : null,
    rule: {
      en: `${what.en}: ${result.explanation.en} (policy ${policy.version})${provisional ? `; ${provisional.en}` : ''}`,
      zh: `${what.zh}：${result.explanation.zh}（政策版本 ${policy.version}）${provisional ? `；${provisional.zh}` : ''}`,
    },
    policyVersion: policy.version,
  };
}

/**
 * A deadline planned where the step is asked for (the API), for the workflow to take as its own. Day
 * clocks only: an hour clock depends on the step's exact instant, which only the workflow knows. None
 * when the clock is in hours or cannot be planned; the workflow then plans it in its local activity,
 * whose failure is the step's, as before.
 */
export function planAtTheEdge(
  policy: RiskItemPolicy,
  purpose: DeadlinePurpose,
  grade: RiskGrade,
  at: string,
  table: HolidayTable,
): DeadlinePlannedAtTheEdge | undefined {
  const clock = clockOf(policy, purpose, grade);
  try {
    if (parseDeadlineUnit(clock.unit) === 'hours') return undefined;
    return { on: localDateOf(at), deadline: planRiskItemDeadline(policy, purpose, grade, at, table) };
  } catch (err) {
    if (err instanceof CalendarError) return undefined;
    throw err;
  }
}

/**
 * The edge's deadline for a step taken at `at`, when that is the day it was planned on: then it is the
 * deadline planning at `at` gives (a day clock and its reminder end at 24:00 of a day counted from the
 * start day, so any two instants of one day plan alike). None for a step on another day (the request
 * crossed midnight) or without a plan.
 */
export function deadlineTakenAt(
  planned: DeadlinePlannedAtTheEdge | undefined,
  at: string,
): PlannedDeadline | undefined {
  return planned && planned.on === localDateOf(at) ? planned.deadline : undefined;
}
