import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { planOrFailStep } from '../../calendar/src/calendar-step-failure.js';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import { CardSignals } from '../../cards/src/card-signals.service.js';
import { insertEscalationEvent } from '../../cards/src/escalation-event.js';
import { CardSubjectType } from '../../contracts/src/card.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import {
  LeadSource,
  POLICE_UNIT_ID,
  REFERRAL_CASE_TYPE,
  ReferralStep,
  type PlanReferralClockRequest,
  type ReferralActivities,
  type ReferralEscalation,
  type ReferralLink,
  type ReferralState,
} from '../../contracts/src/referral.contracts.js';
import { riskItemReferralSignal, riskItemWorkflowId } from '../../contracts/src/risk-item.contracts.js';
import { subjectKindOf } from '../../contracts/src/subject.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { CaseSignals } from '../../platform/src/temporal/case-signals.service.js';
import { isAddressedToPolice, latePartyUnit } from './domain/referral.rules.js';
import {
  planReferralClock,
  type PlannedReferralClock,
  type ReferralPolicy,
} from './domain/referral-policy.js';
import { REFERRAL_POLICY } from './referral-policy.provider.js';

@Injectable()
export class ReferralActivitiesService implements ReferralActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly calendar: CalendarService,
    @Inject(REFERRAL_POLICY) private readonly policy: ReferralPolicy,
    private readonly cards: CardSignals,
    private readonly signals: CaseSignals,
  ) {}

  /**
   * Ledger entry, projection row and (for an expired duty clock) the escalation event in one
   * transaction; then the outside world hears of it, without waiting for it. Every part is idempotent,
   * so a retry repeats nothing.
   */
  async recordReferralStep(
    step: LedgerStep<ReferralState>,
    escalation: ReferralEscalation | null,
  ): Promise<void> {
    const s = step.stateAfter;
    const entry = await this.dataSource.transaction(async (tx) => {
      const appended = await this.ledger.append(tx, step);
      await tx.query(
        `INSERT INTO referral (id, unit_id, action_no, source, source_ref, category, status, outcome, overdue,
           administrative_only, addressed_to_police, recorded_at, transferred_at, filed_at, closed_at, state,
           last_sequence, subject_kind, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, outcome = EXCLUDED.outcome,
           overdue = EXCLUDED.overdue, administrative_only = EXCLUDED.administrative_only,
           addressed_to_police = EXCLUDED.addressed_to_police, transferred_at = EXCLUDED.transferred_at,
           filed_at = EXCLUDED.filed_at, closed_at = EXCLUDED.closed_at, state = EXCLUDED.state,
           last_sequence = EXCLUDED.last_sequence, updated_at = now()
         WHERE referral.last_sequence < EXCLUDED.last_sequence`,
        [
          s.id,
          s.unitId,
          s.actionNo,
          s.source,
          s.sourceRef,
          s.category,
          s.status,
          s.outcome,
          s.overdue,
          s.administrativeOnly,
          isAddressedToPolice(s),
          s.recordedAt,
          s.transfer?.transferredAt ?? null,
          s.filing?.filed ? s.filing.decidedAt : null,
          s.closedAt,
          JSON.stringify(s),
          s.sequence,
          s.subject ? subjectKindOf(s.subject) : null,
        ],
      );
      if (escalation) {
        await insertEscalationEvent(tx, {
          key: escalation.key,
          caseType: REFERRAL_CASE_TYPE,
          caseId: escalation.caseId,
          unitId: escalation.unitId,
          reason: `referral-clock-expired:${escalation.clock}`,
          occurredAt: escalation.occurredAt,
        });
      }
      return appended;
    });
    // The workflow sends the state after only; the ledger knows the state before.
    const stateBefore = entry.stateBefore as ReferralState | null;
    await tellOthersOfReferralStep(
      this.cards,
      this.signals,
      { ...step, stateBefore },
      escalation,
      this.policy,
    );
  }

  planReferralClock(request: PlanReferralClockRequest): Promise<PlannedReferralClock> {
    return planOrFailStep(() =>
      planReferralClock(this.policy, request.clock, request.from, this.calendar.table),
    );
  }
}

/**
 * The late party's unit gets a card, a late step taken resolves that card, and the risk item the lead
 * came from learns of the referral. Signals only (decision 0015): nobody waits for the receivers.
 */
export async function tellOthersOfReferralStep(
  cards: CardSignals,
  signals: CaseSignals,
  step: LedgerStep<ReferralState>,
  escalation: ReferralEscalation | null,
  policy: Pick<ReferralPolicy, 'policeLateness' | 'clocks'>,
): Promise<void> {
  const s = step.stateAfter;
  const subject = { type: CardSubjectType.StalledReferral, id: s.id };
  // The office has no authority over criminal procedure: a card on the police only where policy says so.
  if (escalation && (escalation.unitId !== POLICE_UNIT_ID || policy.policeLateness.raiseCard)) {
    // The clock as the policy words it (a policy that no longer has it leaves its name).
    const clock = policy.clocks.find((c) => c.step === escalation.clock)?.what.zh ?? escalation.clock;
    await cards.raise({
      key: escalation.key,
      unitId: escalation.unitId,
      subject,
      reason: `移送案件 ${s.id} 时限已过：${clock}（期限 ${escalation.dueAt}）`,
      context: null,
    });
  }
  for (const unitId of unitsNoLongerLate(step)) await cards.resolveSubject(unitId, subject, step.occurredAt);
  // A risk item already closed no longer takes links: its workflow is gone, and that is fine.
  const link = riskItemLink(step);
  if (link) await signals.signalIfRunning(riskItemWorkflowId(s.sourceRef), riskItemReferralSignal, [link]);
}

/** Units that had an expired clock running before this step and have none after it. */
function unitsNoLongerLate(step: LedgerStep<ReferralState>): string[] {
  const lateUnits = (state: ReferralState | null) =>
    new Set(
      (state?.clocks ?? [])
        .filter((run) => run.expiredAt !== null && run.stoppedAt === null && run.onExpiry === 'escalate')
        .map((run) => latePartyUnit(state!, run)),
    );
  const after = lateUnits(step.stateAfter);
  return [...lateUnits(step.stateBefore ?? null)].filter((unitId) => !after.has(unitId));
}

function riskItemLink(step: LedgerStep<ReferralState>): ReferralLink | null {
  const s = step.stateAfter;
  if (s.source !== LeadSource.RiskItem) return null;
  if (step.action === 'record-lead') {
    return { referralId: s.id, status: 'recorded', reason: null, at: step.occurredAt };
  }
  if (step.action === (ReferralStep.Decide as string) && s.decision?.approved === false) {
    return {
      referralId: s.id,
      status: 'refused',
      reason: s.decision.reason,
      thresholdMet: s.decision.thresholdMet === true,
      at: step.occurredAt,
    };
  }
  return null;
}
