import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import {
  CARD_CASE_TYPE,
  CARD_ID_PREFIX,
  cardSubjectResolvedSignal,
  cardWorkflowId,
  CardStatus,
  joinCardUpdate,
  type CardSubject,
  type CardTrigger,
  type CardView,
} from '../../contracts/src/card.contracts.js';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import {
  CARD_COLOUR,
  CARD_SUBJECT_TYPE,
  CASE_STATUS,
  CASE_TYPE,
  CASE_UNIT,
} from '../../contracts/src/search-attributes.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import type { UnitKind } from '../../identity/src/unit.entity.js';
import { planCardLevel, startLevel, type CardLadderPolicy } from './domain/card-ladder.js';
import { checkCardUnit } from './domain/card.rules.js';
import { CARD_LADDER } from './card-ladder.provider.js';

/**
 * Raises cards from any trigger (a supervisor, an overdue risk item, later a missed report): joins the
 * open card of the same unit and subject, or opens a new one at the level the repeat rule gives.
 */
@Injectable()
export class CardRaiser {
  private readonly logger = new Logger(CardRaiser.name);

  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CARD_LADDER) private readonly ladder: CardLadderPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly numbers: CaseNumberService,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * An automatic trigger (an overdue item, a missed report, a lagging indicator, a stalled referral): a
   * unit that bears no card (the county government) gets none, and the trigger ends quietly (null).
   */
  async raise(trigger: CardTrigger): Promise<CardView | null> {
    const [unit]: Array<{ id: string; kind: UnitKind }> = await this.dataSource.query(
      `SELECT id, kind FROM unit WHERE id = $1`,
      [trigger.unitId],
    );
    if (unit && checkCardUnit(unit)) {
      this.logger.log(`no card raised on ${unit.id} (${unit.kind}) for ${trigger.subject.type}`);
      return null;
    }
    return this.open(trigger);
  }

  /** Joins the open card of the unit and subject, or opens one; the caller has checked the unit. */
  async open(trigger: CardTrigger): Promise<CardView> {
    const workflowId = cardWorkflowId(trigger.unitId, trigger.subject);
    const existing = this.temporal.workflow.getHandle(workflowId);
    try {
      return await existing.executeUpdate(joinCardUpdate, { args: [trigger] });
    } catch (err) {
      if (isClosedCard(err)) {
        // The previous card for this subject was just lifted or withdrawn and is finishing: let it end.
        await existing.result();
      } else if (!(err instanceof WorkflowNotFoundError)) {
        throw err;
      }
    }
    const previous = await this.recentCardOf(trigger.unitId);
    const from = new Date().toISOString();
    const plan = planCardLevel(
      this.ladder,
      startLevel(this.ladder, previous !== null),
      from,
      this.calendar.table,
    );
    const id = await this.numbers.next(CARD_ID_PREFIX);
    const start = new WithStartWorkflowOperation('cardWorkflow', {
      workflowId,
      // A racing trigger that started it a moment ago is joined, not duplicated.
      workflowIdConflictPolicy: 'USE_EXISTING',
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [
        {
          trigger,
          opening: { id, repeatOf: previous, plan },
        },
      ],
      typedSearchAttributes: [
        { key: CASE_TYPE, value: CARD_CASE_TYPE },
        { key: CASE_STATUS, value: CardStatus.Open },
        { key: CASE_UNIT, value: trigger.unitId },
        { key: CARD_COLOUR, value: plan.colour },
        { key: CARD_SUBJECT_TYPE, value: trigger.subject.type },
      ],
    });
    return this.temporal.workflow.executeUpdateWithStart(joinCardUpdate, {
      args: [trigger],
      startWorkflowOperation: start,
    });
  }

  /** Tells the unit's card about this subject, if one is open, that its subject is resolved. */
  async resolveSubject(unitId: string, subject: CardSubject, resolvedAt: string): Promise<void> {
    try {
      await this.temporal.workflow
        .getHandle(cardWorkflowId(unitId, subject))
        .signal(cardSubjectResolvedSignal, { resolvedAt });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  /** The unit's latest card raised within the repeat window, if any. */
  private async recentCardOf(unitId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM card WHERE unit_id = $1 AND raised_at > now() - make_interval(days => $2)
       ORDER BY raised_at DESC LIMIT 1`,
      [unitId, this.ladder.repeatWindowDays],
    );
    return rows[0]?.id ?? null;
  }
}

function isClosedCard(err: unknown): boolean {
  return (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ApplicationFailure &&
    err.cause.type === 'card.closed'
  );
}
