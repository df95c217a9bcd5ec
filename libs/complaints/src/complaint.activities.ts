import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { planOrFailStep } from '../../calendar/src/calendar-step-failure.js';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import { CardSignals } from '../../cards/src/card-signals.service.js';
import { insertEscalationEvent } from '../../cards/src/escalation-event.js';
import { CardSubjectType } from '../../contracts/src/card.contracts.js';
import {
  COMPLAINT_CASE_TYPE,
  ComplaintStep,
  type ComplaintClock,
  type ComplaintActivities,
  type ComplaintEscalation,
  type ComplaintState,
  type PlanComplaintClockRequest,
  type PlannedComplaintClock,
} from '../../contracts/src/complaint.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { COMPLAINT_POLICY } from './complaint-policy.loader.js';
import { planComplaintClock, type ComplaintPolicy } from './domain/complaint-policy.js';
import { dueAtOf, isLate } from './domain/complaint.rules.js';

@Injectable()
export class ComplaintActivitiesService implements ComplaintActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly calendar: CalendarService,
    @Inject(COMPLAINT_POLICY) private readonly policy: ComplaintPolicy,
    private readonly cards: CardSignals,
  ) {}

  /**
   * Ledger entry, projection row and escalation event in one transaction, then the card hears of it
   * by signal (decision 0015). Idempotent: a retry finds its own ledger entry and a newer projection.
   */
  async recordComplaintStep(
    step: LedgerStep<ComplaintState>,
    escalation: ComplaintEscalation | null,
  ): Promise<void> {
    const s = step.stateAfter;
    const entry = await this.dataSource.transaction(async (tx) => {
      const appended = await this.ledger.append(tx, step);
      await tx.query(
        `INSERT INTO complaint (id, category, status, unit_id, action_no, group_key, business_name,
           business_credit_code, insider, named, overdue, outcome_kind, outcome_ref, substantiated, received_at,
           accepted_at, decided_at, informed_at, closed_at, reward_status, reward_fen, reward_paid_at, state,
           last_sequence, due_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
           $22, $23, $24, $25, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, overdue = EXCLUDED.overdue,
           outcome_kind = EXCLUDED.outcome_kind, outcome_ref = EXCLUDED.outcome_ref,
           substantiated = EXCLUDED.substantiated, accepted_at = EXCLUDED.accepted_at,
           decided_at = EXCLUDED.decided_at, informed_at = EXCLUDED.informed_at, closed_at = EXCLUDED.closed_at,
           reward_status = EXCLUDED.reward_status, reward_fen = EXCLUDED.reward_fen,
           reward_paid_at = EXCLUDED.reward_paid_at, state = EXCLUDED.state,
           last_sequence = EXCLUDED.last_sequence, due_at = EXCLUDED.due_at, updated_at = now()
         WHERE complaint.last_sequence < EXCLUDED.last_sequence`,
        [
          s.id,
          s.category,
          s.status,
          s.unitId,
          s.actionNo,
          s.groupKey,
          s.business.name,
          s.business.creditCode,
          s.insider,
          s.named,
          s.overdue,
          s.outcome?.kind ?? null,
          s.outcome?.ref ?? null,
          s.outcome?.substantiated ?? null,
          s.receivedAt,
          s.acceptance?.accepted ? s.acceptance.at : null,
          s.outcome?.decidedAt ?? null,
          s.informedAt,
          s.closedAt,
          s.reward?.status ?? null,
          s.reward?.amountFen ?? null,
          s.reward?.payout?.paidAt ?? null,
          JSON.stringify(s),
          s.sequence,
          dueAtOf(s),
        ],
      );
      if (escalation) {
        await insertEscalationEvent(tx, { ...escalation, caseType: COMPLAINT_CASE_TYPE });
      }
      return appended;
    });
    // The workflow sends the state after only; the ledger knows the state before.
    await this.tellCards({ ...step, stateBefore: entry.stateBefore as ComplaintState | null }, escalation);
  }

  planComplaintClock(request: PlanComplaintClockRequest): Promise<PlannedComplaintClock> {
    return planOrFailStep(() =>
      planComplaintClock(this.policy, request.clock, request.from, this.calendar.table),
    );
  }

  /** A late clock raises the handling unit's card; the step that ends the lateness resolves it. */
  private async tellCards(
    step: LedgerStep<ComplaintState>,
    escalation: ComplaintEscalation | null,
  ): Promise<void> {
    const s = step.stateAfter;
    const retaliation = step.action === (ComplaintStep.RecordRetaliation as string);
    const subject = {
      type: retaliation ? CardSubjectType.WhistleblowerRetaliation : CardSubjectType.OverdueComplaint,
      id: s.id,
    };
    if (escalation) {
      await this.cards.raise({
        key: escalation.key,
        unitId: escalation.unitId,
        subject,
        reason: retaliation
          ? `举报 ${s.id} 记录了对内部举报人的不利行为`
          : `投诉举报 ${s.id} 时限已过：${this.expiredClockZh(step.action)}`,
        context: null,
      });
    }
    if (step.stateBefore && isLate(step.stateBefore) && !isLate(s)) {
      await this.cards.resolveSubject(
        s.unitId,
        { type: CardSubjectType.OverdueComplaint, id: s.id },
        step.occurredAt,
      );
    }
  }

  /** The clock a `clock-expired:<clock>` step ran out, as the policy words it (else its name). */
  private expiredClockZh(action: string): string {
    const clock = action.slice(action.indexOf(':') + 1) as ComplaintClock;
    return this.policy.clocks.find((c) => c.clock === clock)?.what.zh ?? clock;
  }
}
