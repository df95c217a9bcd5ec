import { computeDeadline } from '../../../calendar/src/domain/deadline.js';
import { type HolidayTable } from '../../../calendar/src/domain/holiday-table.js';
import { workdaysBeforeEnd } from '../../../calendar/src/domain/lead-time.js';
import { provisionalWarning } from '../../../calendar/src/domain/provisional.js';
import { type ClockPolicy } from '../../../calendar/src/domain/calendar.types.js';
import { type Role } from '../../../contracts/src/identity.js';
import {
  ComplaintClock,
  type ComplaintClockRun,
  type PlannedComplaintClock,
} from '../../../contracts/src/complaint.contracts.js';
import { type RewardPolicy } from './reward.js';

/** One statutory clock as policy data (docs/regulations.md, complaints and reports). */
export interface ComplaintClockPolicy extends ClockPolicy {
  clock: ComplaintClock;
  /** The rule, cited by its code in docs/regulations.md (C art. 14). */
  basis: string;
  /** The same rule as the regulation names it in Chinese: what the case page shows. */
  basisZh: string;
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
      zh: `${rule.what.zh}：${result.explanation.zh}（${rule.basisZh}；政策版本 ${policy.version}）${provisional ? `；${provisional.zh}` : ''}`,
    },
    basis: rule.basis,
    basisZh: rule.basisZh,
    policyVersion: policy.version,
  };
}

/**
 * A clock run in Chinese. Runs planned before `basisZh` existed cite their basis by code in `basis` and
 * in the rule's Chinese text; the policy's clock of the same kind citing the same basis gives its
 * Chinese. A basis the policy no longer cites is left as stored.
 */
export function clockRunInChinese<Run extends ComplaintClockRun>(run: Run, policy: ComplaintPolicy): Run {
  if (run.basisZh) return run;
  const basisZh = policy.clocks.find((c) => c.clock === run.clock && c.basis === run.basis)?.basisZh;
  if (!basisZh) return run;
  return {
    ...run,
    basisZh,
    rule: { ...run.rule, zh: run.rule.zh.replace(`（${run.basis}；`, `（${basisZh}；`) },
  };
}
