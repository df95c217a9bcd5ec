import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { type UpdateDefinition } from '@temporalio/common';
import { Repository } from 'typeorm';
import {
  CARD_ID_PATTERN,
  CardStatus,
  CardSubjectType,
  liftCardUpdate,
  respondToCardUpdate,
  withdrawCardUpdate,
  recordSummonsUpdate,
  referAccountabilityUpdate,
  type CardView,
} from '../../contracts/src/card.contracts.js';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, type Actor, type StepContext } from '../../contracts/src/identity.js';
import { canSeeUnit } from '../../identity/src/domain/access-policy.js';
import { UnitsService } from '../../identity/src/units.service.js';
import { toLedgerEntryView, type LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { cappedTotal, searchText, type ListTotal } from '../../platform/src/database/list-query.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { executeCaseUpdate } from '../../platform/src/temporal/case-update.js';
import { CardRaiser } from './card-raiser.service.js';
import { CardEntity } from './card.entity.js';
import { checkCardUnit, viewCard } from './domain/card.rules.js';
import {
  type CardStatsQuery,
  type ListCardsQuery,
  type RaiseCardDto,
  type RecordSummonsDto,
} from './dto/card.dto.js';
import { type FileRecord } from '../../contracts/src/file-record.js';

const notFound = (id: string) => new DubanError(ErrorKind.NotFound, 'card.not-found', `No card ${id}`);
/** What `q=` searches: the card number and its subject's (e.g. the overdue risk item's case number). */
const SEARCHED_COLUMNS = ['card.subject_id'];
const CASE_NUMBER = { column: 'card.id', pattern: CARD_ID_PATTERN };

export interface CardCount {
  unitId: string;
  colour: string;
  cards: number;
}

@Injectable()
export class CardsService {
  constructor(
    private readonly temporal: Client,
    @InjectRepository(CardEntity) private readonly cards: Repository<CardEntity>,
    private readonly units: UnitsService,
    private readonly raiser: CardRaiser,
    private readonly ledger: LedgerService,
  ) {}

  /** A supervisor's own card (manual subject): always a new card, with the supervisor's reason. */
  async raiseManual(dto: RaiseCardDto, context: StepContext): Promise<CardView> {
    const refused = checkCardUnit(await this.units.requireUnit(dto.unitId, 'unitId'));
    if (refused) {
      throw new DubanError(refused.kind, refused.code, refused.message, {}, [
        { path: 'unitId', message: refused.message },
      ]);
    }
    return this.raiser.raise({
      key: `manual:${randomUUID()}`,
      unitId: dto.unitId,
      subject: { type: CardSubjectType.Manual, id: randomUUID() },
      reason: dto.reason,
      context: { ...context, reason: dto.reason },
    });
  }

  async get(id: string, actor: Actor): Promise<CardView> {
    return viewCard((await this.visibleRow(id, actor)).state, actor);
  }

  /** A card of a unit the caller may see; any other is reported as not found. */
  private async visibleRow(id: string, actor: Actor): Promise<CardEntity> {
    const row = await this.cards.findOneBy({ id });
    if (!row || !canSeeUnit(actor, row.unitId)) throw notFound(id);
    return row;
  }

  async timeline(id: string, actor: Actor): Promise<LedgerEntryView[]> {
    await this.get(id, actor);
    return (await this.ledger.entriesOf(id)).map(toLedgerEntryView);
  }

  /** The card board: open cards by default, newest first; handlers and unit heads see their unit's. */
  async list(
    query: ListCardsQuery,
    actor: Actor,
  ): Promise<{ items: CardView[]; limit: number; offset: number } & ListTotal> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.cards.createQueryBuilder('card').where('card.status = :status', {
      status: query.status ?? CardStatus.Open,
    });
    if (!COUNTY_WIDE_ROLES.includes(actor.role)) qb.andWhere('card.unit_id = :own', { own: actor.unitId });
    if (query.unitId) qb.andWhere('card.unit_id = :unitId', { unitId: query.unitId });
    if (query.colour) qb.andWhere('card.colour = :colour', { colour: query.colour });
    if (query.subjectType)
      qb.andWhere('card.subject_type = :subjectType', { subjectType: query.subjectType });
    if (query.q) await searchText(qb, query.q, SEARCHED_COLUMNS, CASE_NUMBER);
    const page = qb
      .clone()
      .orderBy('card.raised_at', 'DESC')
      .addOrderBy('card.id', 'ASC')
      .skip(offset)
      .take(limit);
    const [rows, total] = await Promise.all([page.getMany(), cappedTotal(qb)]);
    return { items: rows.map((row) => viewCard(row.state, actor)), ...total, limit, offset };
  }

  /**
   * Cards per unit and colour raised in a period: by the highest colour each card reached (what the
   * annual assessment deducts for), or by the colour each was raised at.
   */
  async stats(query: CardStatsQuery, actor: Actor): Promise<CardCount[]> {
    const colour = query.countBy === 'raised' ? `card.state->'levels'->0->>'colour'` : 'card.colour';
    const qb = this.cards
      .createQueryBuilder('card')
      .select('card.unit_id', 'unitId')
      .addSelect(colour, 'colour')
      .addSelect('count(*)::int', 'cards')
      .where('card.raised_at >= :from AND card.raised_at < :to', { from: query.from, to: query.to })
      // A withdrawn card (撤销亮牌) was taken back by the county: the bulletin and the score leave it out too.
      .andWhere('card.status <> :withdrawn', { withdrawn: CardStatus.Withdrawn })
      .groupBy('card.unit_id')
      .addGroupBy(colour)
      .orderBy('card.unit_id')
      .addOrderBy(colour);
    if (!COUNTY_WIDE_ROLES.includes(actor.role)) qb.andWhere('card.unit_id = :own', { own: actor.unitId });
    return qb.getRawMany<CardCount>();
  }

  /**
   * The caller's card queue: open cards whose current level names the caller's role as a recipient,
   * county-wide or (for unit-scoped recipients) in the caller's unit. A red card's summons is on it.
   */
  async queue(actor: Actor): Promise<CardView[]> {
    const rows = await this.cards
      .createQueryBuilder('card')
      .where('card.status = :open', { open: CardStatus.Open })
      .andWhere(
        `(card.state->'levels'->-1->'recipients' @> jsonb_build_array(jsonb_build_object('role', :role::text, 'scope', 'county'))
          OR (card.unit_id = :unit AND card.state->'levels'->-1->'recipients' @> jsonb_build_array(jsonb_build_object('role', :role::text, 'scope', 'card-unit'))))`,
        { role: actor.role, unit: actor.unitId },
      )
      .orderBy('card.level', 'DESC')
      .addOrderBy('card.raised_at', 'ASC')
      .take(200)
      .getMany();
    return rows.map((row) => viewCard(row.state, actor));
  }

  respond(id: string, text: string, context: StepContext): Promise<CardView> {
    return this.step(id, context, respondToCardUpdate, { context, text });
  }

  lift(id: string, context: StepContext): Promise<CardView> {
    return this.step(id, context, liftCardUpdate, { context });
  }

  withdraw(id: string, context: StepContext): Promise<CardView> {
    return this.step(id, context, withdrawCardUpdate, { context });
  }

  recordSummons(id: string, dto: RecordSummonsDto, context: StepContext): Promise<CardView> {
    const { heldAt, attendees, minutes } = dto;
    return this.step(id, context, recordSummonsUpdate, { context, heldAt, attendees, minutes });
  }

  referAccountability(id: string, letter: FileRecord, context: StepContext): Promise<CardView> {
    return this.step(id, context, referAccountabilityUpdate, { context, letter });
  }

  private async step<Input>(
    id: string,
    context: StepContext,
    update: UpdateDefinition<CardView, [Input]>,
    input: Input,
  ): Promise<CardView> {
    const row = await this.visibleRow(id, context.actor);
    const current = viewCard(row.state, context.actor);
    const handle = this.temporal.workflow.getHandle(row.workflowId, undefined, {
      firstExecutionRunId: row.firstRunId,
    });
    return executeCaseUpdate(
      handle,
      update,
      [input],
      () =>
        new DubanError(ErrorKind.Conflict, 'card.closed', `Card ${id} is ${current.status}`, {
          state: current,
        }),
    );
  }
}
