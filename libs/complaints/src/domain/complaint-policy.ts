import { computeDeadline } from '../../../calendar/src/domain/deadline.js';
import { type HolidayTable } from '../../../calendar/src/domain/holiday-table.js';
import { workdaysBeforeEnd } from '../../../calendar/src/domain/lead-time.js';
import { provisionalWarning } from '../../../calendar/src/domain/provisional.js';
import { type ClockPolicy } from '../../../calendar/src/domain/calendar.types.js';
import { type Role } from '../../../contracts/src/identity.js';
import { ComplaintClock, type PlannedComplaintClock } from '../../../contracts/src/complaint.contracts.js';
import { type RewardPolicy } from './reward.js';

/** One statutory clock as policy data (docs/regulations.md, complaints and reports). */
export interface ComplaintClockPolicy extends ClockPolicy {
  clock: ComplaintClock;
  basis: string;
  what: { en: string; zh: string };
}

export interface ComplaintPolicy {
  version: string;
  description?: string;
  /** The unit that receives and handles public complaints and reports. */
  handlingUnitId: string;
  /** The plan's action the complaints serve (action 6: 落实投诉举报奖励措施). */
  actionNo: number;
  /** Reminder when this many working days remain; 0 turns reminders off. */
  reminderBeforeWorkdays: number;
  clocks: ComplaintClockPolicy[];
  /** Who may ask to see a reporter's identity, and who (another person) must approve it. */
  reveal: { requesterRoles: Role[]; approverRoles: Role[] };
  rewards: RewardPolicy;
}

/** Plans one clock under the policy and the calendar; the rule names its basis and the policy version. */
export function planComplaintClock(
  policy: ComplaintPolicy,
  clock: ComplaintClock,
  from: string,
  table: HolidayTable,
): PlannedComplaintClock {
  const rule = policy.clocks.find((c) => c.clock === clock);
  if (!rule) throw new Error(`complaint policy ${policy.version} has no clock ${clock}`);
  const result = computeDeadline({ from, amount: rule.amount, unit: rule.unit }, table);
  const reminderAt =
    policy.reminderBeforeWorkdays > 0 && result.rule.unit !== 'hours'
      ? workdaysBeforeEnd(result.dueDate, policy.reminderBeforeWorkdays, table)
      : null;
  const provisional = provisionalWarning(table, result);
  return {
    clock,
    startedAt: from,
    dueAt: result.dueAt,
    reminderAt: reminderAt && Date.parse(reminderAt) > Date.parse(from) ? reminderAt : null,
    rule: {
      en: `${rule.what.en}: ${result.explanation.en} (${rule.basis}; policy ${policy.version})${provisional ? `; ${provisional.en}` : ''}`,
      zh: `${rule.what.zh}：${result.explanation.zh}（${rule.basis}；政策版本 ${policy.version}）${provisional ? `；${provisional.zh}` : ''}`,
    },
    basis: rule.basis,
    policyVersion: policy.version,
  };
}
