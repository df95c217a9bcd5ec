import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import {
  CARD_ID_PREFIX,
  type CardActivities,
  type CardOpened,
  type CardOpening,
  type CardOpeningRequest,
  type CardState,
  CardStatus,
  type PlannedCardLevel,
} from '../../contracts/src/card.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import { type NoticesRecorded, type NotifyRequest } from '../../contracts/src/notification.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { NotificationHandover } from '../../notifications/src/notification-handover.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { planCardLevel, startLevel, type CardLadderPolicy } from './domain/card-ladder.js';
import { cardLevelNotice, cardOpened } from './domain/card.rules.js';
import { CARD_LADDER } from './card-ladder.provider.js';

@Injectable()
export class CardActivitiesService implements CardActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly calendar: CalendarService,
    @Inject(CARD_LADDER) private readonly ladder: CardLadderPolicy,
    private readonly numbers: CaseNumberService,
    private readonly notifications: NotificationHandover,
  ) {}

  /**
   * Its number, the unit's latest card within the repeat window (a repeat starts one level higher) and
   * its first level's plan. A retry after a crash may skip a number, as a failed start does in the API.
   */
  openCard({ unitId, from }: { unitId: string; from: string }): Promise<CardOpening> {
    return this.opening(this.dataSource.manager, unitId, from);
  }

  /**
   * Opens a card in its first task's one local activity: number, first level, raise and its notice in
   * one transaction, so a rolled-back opening gives its number back. The run's lock and the look for
   * its card make a retry (even one overlapping a timed-out attempt) return the card already opened.
   */
  async openCardWithItsRecord({ origin, trigger }: CardOpeningRequest): Promise<CardOpened> {
    const state = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `card-opening/${origin.runId}`,
      ]);
      const [opened]: Array<{ state: CardState }> = await tx.query(
        `SELECT card.state FROM card JOIN ledger_entry raise ON raise.case_id = card.id AND raise.sequence = 1
         WHERE card.workflow_id = $1 AND raise.run_id = $2`,
        [origin.workflowId, origin.runId],
      );
      if (opened) return opened.state;
      const card = cardOpened(origin, trigger, await this.opening(tx, trigger.unitId, origin.at));
      await this.writeStep(tx, card.step, card.notices);
      return card.state;
    });
    return { state, outbound: await this.notifications.anyOutbound([cardLevelNotice(origin, state)]) };
  }

  private async opening(manager: EntityManager, unitId: string, from: string): Promise<CardOpening> {
    // A withdrawn card (撤销亮牌) was taken back by the county: it is no earlier card to repeat.
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM card WHERE unit_id = $1 AND raised_at > $2::timestamptz - make_interval(days => $3)
         AND status <> $4
       ORDER BY raised_at DESC LIMIT 1`,
      [unitId, from, this.ladder.repeatWindowDays, CardStatus.Withdrawn],
    );
    const repeatOf = rows[0]?.id ?? null;
    const plan = planCardLevel(
      this.ladder,
      startLevel(this.ladder, repeatOf !== null),
      from,
      this.calendar.table,
    );
    return { id: await this.numbers.next(CARD_ID_PREFIX, new Date(from), manager), repeatOf, plan };
  }

  /**
   * Ledger entry, card-board row and the step's notices in the inbox, in one transaction; safe to
   * retry. Tells the card whether a notice has an outbound target.
   */
  async recordCardStep(step: LedgerStep<CardState>, notices: NotifyRequest[] = []): Promise<NoticesRecorded> {
    await this.dataSource.transaction((tx) => this.writeStep(tx, step, notices));
    return { outbound: await this.notifications.anyOutbound(notices) };
  }

  private async writeStep(
    tx: EntityManager,
    step: LedgerStep<CardState>,
    notices: NotifyRequest[],
  ): Promise<void> {
    const s = step.stateAfter;
    const current = s.levels[s.levels.length - 1];
    await this.ledger.append(tx, step);
    await tx.query(
      `INSERT INTO card (id, workflow_id, first_run_id, unit_id, subject_type, subject_id, status, level, colour,
                           raised_at, closed_at, state, last_sequence, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, level = EXCLUDED.level, colour = EXCLUDED.colour,
           closed_at = EXCLUDED.closed_at, state = EXCLUDED.state, last_sequence = EXCLUDED.last_sequence,
           updated_at = now()
         WHERE card.last_sequence < EXCLUDED.last_sequence`,
      [
        s.id,
        step.workflowId,
        s.chainRunId ?? step.runId,
        s.unitId,
        s.subject.type,
        s.subject.id,
        s.status,
        s.level,
        current.colour,
        s.levels[0].reachedAt,
        s.closedAt,
        JSON.stringify(s),
        s.sequence,
      ],
    );
    for (const notice of notices) await this.notifications.writeInbox(tx, notice);
  }

  planCardLevel(request: { level: number; from: string }): Promise<PlannedCardLevel> {
    return Promise.resolve(planCardLevel(this.ladder, request.level, request.from, this.calendar.table));
  }
}
