import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { planOrFailStep } from '../../calendar/src/calendar-step-failure.js';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import {
  type EscalationEvent,
  type NotifyRequest,
  type PlanDeadlineRequest,
  type PlannedDeadline,
  type RiskItemActivities,
  type RiskItemState,
} from '../../contracts/src/risk-item.contracts.js';
import { type NoticesRecorded } from '../../contracts/src/notification.contracts.js';
import { CardSignals } from '../../cards/src/card-signals.service.js';
import { insertEscalationEvent } from '../../cards/src/escalation-event.js';
import { CardSubjectType } from '../../contracts/src/card.contracts.js';
import { subjectKindOf } from '../../contracts/src/subject.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { NotificationHandover } from '../../notifications/src/notification-handover.js';
import { TERMINAL_STATUSES } from './domain/risk-item.rules.js';
import { planRiskItemDeadline, type RiskItemPolicy } from './domain/risk-item-policy.js';
import { RISK_ITEM_POLICY } from './risk-item-policy.provider.js';

@Injectable()
export class RiskItemActivitiesService implements RiskItemActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly calendar: CalendarService,
    @Inject(RISK_ITEM_POLICY) private readonly policy: RiskItemPolicy,
    private readonly cards: CardSignals,
    private readonly notifications: NotificationHandover,
  ) {}

  /**
   * Ledger entry, projection row, (for an overdue mark) the escalation event and the step's notices in
   * the inbox, in one transaction; then the colour card hears of it, without waiting for it. Tells the
   * case whether a notice has an outbound target: its delivery starts after the answer. Every part is
   * idempotent, so a retry repeats nothing.
   */
  async recordRiskItemStep(
    step: LedgerStep<RiskItemState>,
    escalation: EscalationEvent | null,
    notices: NotifyRequest[] = [],
  ): Promise<NoticesRecorded> {
    const s = step.stateAfter;
    await this.dataSource.transaction(async (tx) => {
      await this.ledger.append(tx, step);
      await tx.query(
        `INSERT INTO risk_item (id, source, source_date, action_no, business_name, business_credit_code,
           business_address, township_id, description, grade, status, overdue, registering_unit_id, registered_by,
           registered_at, responsible_unit_id, responsible_user_id, due_at, closed_at, reopen_of, state,
           last_sequence, criminal_threshold_at, referral_id, administrative_only, subject_kind, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
           $23, $24, $25, $26, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, overdue = EXCLUDED.overdue,
           responsible_unit_id = EXCLUDED.responsible_unit_id, responsible_user_id = EXCLUDED.responsible_user_id,
           due_at = EXCLUDED.due_at, closed_at = EXCLUDED.closed_at, state = EXCLUDED.state,
           last_sequence = EXCLUDED.last_sequence, criminal_threshold_at = EXCLUDED.criminal_threshold_at,
           referral_id = EXCLUDED.referral_id, administrative_only = EXCLUDED.administrative_only, updated_at = now()
         WHERE risk_item.last_sequence < EXCLUDED.last_sequence`,
        [
          s.id,
          s.source,
          s.sourceDate,
          s.actionNo,
          s.business.name,
          s.business.creditCode ?? null,
          s.business.address,
          s.business.townshipId,
          s.description,
          s.grade,
          s.status,
          s.overdue,
          s.registeringUnitId,
          s.registeredBy,
          s.registeredAt,
          s.responsibleUnitId,
          s.responsibleUserId,
          s.deadline?.dueAt ?? null,
          s.closedAt,
          s.reopenOf,
          JSON.stringify(s),
          s.sequence,
          s.criminalThreshold?.markedAt ?? null,
          s.referral?.referralId ?? null,
          s.administrativeOnly ?? false,
          subjectKindOf(s.business),
        ],
      );
      if (escalation) await insertEscalationEvent(tx, escalation);
      for (const notice of notices) await this.notifications.writeInbox(tx, notice);
      // The closed item's case and ledger never change; its projection points to its reopening, whose
      // own first ledger entry records the link (reopenOf).
      if (s.reopenOf && step.sequence === 1) {
        await tx.query(
          `UPDATE risk_item SET reopened_as = array_append(reopened_as, $1)
           WHERE id = $2 AND NOT ($1 = ANY (reopened_as))`,
          [s.id, s.reopenOf],
        );
      }
    });
    await tellCardOfRiskItemStep(this.cards, step, escalation);
    return { outbound: await this.notifications.anyOutbound(notices) };
  }

  planRiskItemDeadline(request: PlanDeadlineRequest): Promise<PlannedDeadline> {
    return planOrFailStep(() =>
      planRiskItemDeadline(this.policy, request.purpose, request.grade, request.from, this.calendar.table),
    );
  }
}

/**
 * An overdue item raises (or joins) its unit's card; a closed or cancelled overdue item resolves the
 * card's subject. Signals only (decision 0015): the card records them in its own time.
 */
export async function tellCardOfRiskItemStep(
  cards: CardSignals,
  step: LedgerStep<RiskItemState>,
  escalation: EscalationEvent | null,
): Promise<void> {
  const s = step.stateAfter;
  const subject = { type: CardSubjectType.OverdueRiskItem, id: s.id };
  if (escalation) {
    await cards.raise({
      key: escalation.key,
      unitId: escalation.unitId,
      subject,
      reason: `隐患 ${s.id} 逾期未整改${s.deadline ? `（整改期限 ${s.deadline.dueAt}）` : ''}`,
      context: null,
    });
  } else if (s.overdue && s.responsibleUnitId && TERMINAL_STATUSES.includes(s.status)) {
    await cards.resolveSubject(s.responsibleUnitId, subject, step.occurredAt);
  }
}
