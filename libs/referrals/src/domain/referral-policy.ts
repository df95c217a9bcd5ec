import { computeDeadline } from '../../../calendar/src/domain/deadline.js';
import { type HolidayTable } from '../../../calendar/src/domain/holiday-table.js';
import { provisionalWarning } from '../../../calendar/src/domain/provisional.js';
import { type ClockPolicy } from '../../../calendar/src/domain/calendar.types.js';
import {
  ReferralClock,
  type ReferralClockRun,
  type ReferralDocumentKind,
  type ReferralParty,
} from '../../../contracts/src/referral.contracts.js';

/** One statutory clock as policy data (docs/regulations.md, criminal referral table). */
export interface ReferralClockPolicy extends ClockPolicy {
  step: ReferralClock;
  party: ReferralParty;
  onExpiry: ReferralClockRun['onExpiry'];
  basis: string;
  sure: 'V' | 'S';
  /** Present where the figure or its start is this county's reading rather than the rule's text. */
  interpretation?: { en: string; zh: string };
  what: { en: string; zh: string };
}

export interface ReferralPolicy {
  version: string;
  description?: string;
  requiredDossier: ReferralDocumentKind[];
  /** Checklist kinds a transfer may leave out with a reason (a test report where no test was needed). */
  mayBeNotApplicable: ReferralDocumentKind[];
  /**
   * What a police clock running out brings: always a record for the procuratorate's liaison and word to
   * the county leader; a card on the police only where the county chose it.
   */
  policeLateness: { raiseCard: boolean; why: { en: string; zh: string } };
  clocks: ReferralClockPolicy[];
}

export type PlannedReferralClock = Omit<ReferralClockRun, 'stoppedAt' | 'expiredAt'>;

export function clockPolicy(policy: ReferralPolicy, clock: ReferralClock): ReferralClockPolicy {
  const found = policy.clocks.find((c) => c.step === clock);
  if (!found) throw new Error(`referral policy ${policy.version} has no clock ${clock}`);
  return found;
}

/**
 * Plans one clock from its start under the policy and the calendar. The second extension of the
 * filing period counts from acceptance too: the major-case period plus the extension.
 */
export function planReferralClock(
  policy: ReferralPolicy,
  clock: ReferralClock,
  from: string,
  table: HolidayTable,
): PlannedReferralClock {
  const rule = clockPolicy(policy, clock);
  const major = clockPolicy(policy, ReferralClock.FilingDecisionMajor);
  const extended = clock === ReferralClock.FilingDecisionExtension;
  if (extended && rule.unit !== major.unit) {
    throw new Error('the filing extension must use the unit of the major-case period');
  }
  const amount = extended ? major.amount + rule.amount : rule.amount;
  const result = computeDeadline({ from, amount, unit: rule.unit }, table);
  const provisional = provisionalWarning(table, result);
  const sum = extended ? ` (${major.amount} + ${rule.amount})` : '';
  const reading = rule.interpretation;
  return {
    clock,
    party: rule.party,
    onExpiry: rule.onExpiry,
    startedAt: from,
    dueAt: result.dueAt,
    rule: {
      en: `${rule.what.en}${sum}: ${result.explanation.en} (${rule.basis}; policy ${policy.version})${reading ? `; interpretation: ${reading.en}` : ''}${provisional ? `; ${provisional.en}` : ''}`,
      zh: `${rule.what.zh}${sum}：${result.explanation.zh}（${rule.basis}；政策版本 ${policy.version}）${reading ? `；本县理解：${reading.zh}` : ''}${provisional ? `；${provisional.zh}` : ''}`,
    },
    basis: rule.basis,
    sure: rule.sure,
    interpretation: reading ?? null,
    policyVersion: policy.version,
  };
}
