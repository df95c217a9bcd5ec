import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { type UpdateDefinition } from '@temporalio/common';
import { Brackets, Repository, type SelectQueryBuilder } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, Role, type Actor, type StepContext } from '../../contracts/src/identity.js';
import {
  assignRiskItemUpdate,
  cancelRiskItemUpdate,
  markCriminalThresholdUpdate,
  replanRiskItemUpdate,
  resumeRiskItemUpdate,
  RISK_ITEM_CASE_TYPE,
  RISK_ITEM_ID_PATTERN,
  RISK_ITEM_ID_PREFIX,
  riskItemRegisteredUpdate,
  RiskItemStatus,
  riskItemWorkflowId,
  startRectificationUpdate,
  submitRectificationUpdate,
  suspendRiskItemUpdate,
  verifyRectificationUpdate,
  type DeadlinePlannedAtTheEdge,
  type DeadlinePurpose,
  type RegisterRiskItemInput,
  type RiskItemView,
} from '../../contracts/src/risk-item.contracts.js';
import {
  CASE_ACTION,
  CASE_GRADE,
  CASE_OVERDUE,
  CASE_STATUS,
  CASE_TYPE,
  CASE_UNIT,
} from '../../contracts/src/search-attributes.js';
import { planAtTheEdge, type RiskItemPolicy } from './domain/risk-item-policy.js';
import { CalendarService } from '../../calendar/src/calendar.service.js';
import { RISK_ITEM_POLICY } from './risk-item-policy.provider.js';
import { canSeeUnit } from '../../identity/src/domain/access-policy.js';
import { UnitsService } from '../../identity/src/units.service.js';
import { toLedgerEntryView, type LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { cappedTotal, searchText, type ListTotal } from '../../platform/src/database/list-query.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { executeCaseUpdate } from '../../platform/src/temporal/case-update.js';
import { CASE_STAFF, viewRiskItem } from './domain/risk-item.rules.js';
import { type ListRiskItemsQuery } from './dto/list-risk-items.query.js';
import { type MyWorkQuery } from './dto/my-work.query.js';
import { type RegisterRiskItemDto } from './dto/register-risk-item.dto.js';
import {
  type AssignRiskItemDto,
  type ReplanRiskItemDto,
  type SubmitRectificationDto,
  type VerifyRectificationDto,
} from './dto/risk-item-steps.dto.js';
import { RiskItemEntity } from './risk-item.entity.js';
import { caseRunOptions } from '../../platform/src/temporal/case-run-options.js';

const notFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, 'risk-item.not-found', `No risk item ${id}`);
const invalid = (path: string, message: string, code = 'risk-item.invalid') =>
  new DubanError(ErrorKind.Validation, code, message, {}, [{ path, message }]);

export interface RiskItemPage extends ListTotal {
  items: RiskItemView[];
  limit: number;
  offset: number;
}

/** One item as GET shows it: with the items that reopened it, which its own (immutable) state cannot name. */
export interface RiskItemDetail extends RiskItemView {
  reopenedAs: string[];
}

const SORT_COLUMNS = { registeredAt: 'item.registered_at', dueAt: 'item.due_at', id: 'item.id' } as const;
/** What `q=` searches besides the case number: the business's name and credit code, the description. */
const SEARCHED_COLUMNS = ['item.business_name', 'item.business_credit_code::text', 'item.description'];
const CASE_NUMBER = { column: 'item.id', pattern: RISK_ITEM_ID_PATTERN };
/** Keys of each item's name and description, for text of one or two characters. */
const SHORT_TEXT_KEYS = { table: 'risk_item_short_text', caseId: 'item.id' };
/** Statuses in which an item waits on its responsible unit. */
const WAITING_ON_UNIT = [RiskItemStatus.Assigned, RiskItemStatus.Rectifying];

@Injectable()
export class RiskItemsService {
  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(RiskItemEntity) private readonly items: Repository<RiskItemEntity>,
    private readonly units: UnitsService,
    private readonly numbers: CaseNumberService,
    private readonly ledger: LedgerService,
    @Inject(RISK_ITEM_POLICY) private readonly policy: RiskItemPolicy,
    private readonly calendar: CalendarService,
  ) {}

  async register(
    dto: RegisterRiskItemDto,
    context: StepContext,
    reopenOf: string | null = null,
  ): Promise<RiskItemView> {
    const township = await this.units.requireUnit(dto.business.townshipId, 'business.townshipId');
    if (township.kind !== 'township') {
      throw invalid('business.townshipId', `${township.id} is not a township`);
    }
    const id = await this.numbers.next(RISK_ITEM_ID_PREFIX);
    const registration: RegisterRiskItemInput = {
      id,
      ...dto,
      business: { ...dto.business },
      reopenOf,
      verificationDelegation: this.policy.verificationDelegation,
      context,
    };
    const start = new WithStartWorkflowOperation('riskItemWorkflow', {
      workflowId: riskItemWorkflowId(id),
      workflowIdConflictPolicy: 'FAIL',
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, 'riskItemWorkflow'),
      args: [{ registration }],
      typedSearchAttributes: [
        { key: CASE_TYPE, value: RISK_ITEM_CASE_TYPE },
        { key: CASE_STATUS, value: RiskItemStatus.Registered },
        { key: CASE_UNIT, value: context.actor.unitId },
        { key: CASE_GRADE, value: dto.grade },
        { key: CASE_ACTION, value: dto.actionNo },
        { key: CASE_OVERDUE, value: false },
      ],
    });
    return this.temporal.workflow.executeUpdateWithStart(riskItemRegisteredUpdate, {
      args: [context.actor],
      startWorkflowOperation: start,
    });
  }

  /** A closed item is never edited: reopening registers a new item linked to it. */
  async reopen(id: string, context: StepContext): Promise<RiskItemView> {
    const closed = await this.get(id, context.actor);
    if (closed.status !== RiskItemStatus.Closed) {
      throw new DubanError(
        ErrorKind.Conflict,
        'risk-item.not-closed',
        `Only a closed item can be reopened; ${id} is ${closed.status}`,
        {
          state: closed,
        },
      );
    }
    const { source, sourceDate, actionNo, business, description, grade } = closed;
    return this.register({ source, sourceDate, actionNo, business, description, grade }, context, id);
  }

  async assign(id: string, dto: AssignRiskItemDto, context: StepContext): Promise<RiskItemView> {
    await this.units.requireUnit(dto.responsibleUnitId, 'responsibleUnitId');
    if (dto.responsibleUserId) {
      const user = await this.units.findActiveUser(dto.responsibleUserId);
      // Only a handler or the unit's head can take the item's steps: anyone else would leave it stranded.
      if (!user || user.unitId !== dto.responsibleUnitId || !CASE_STAFF.includes(user.role)) {
        throw invalid(
          'responsibleUserId',
          `${dto.responsibleUserId} is not an active handler or unit head of ${dto.responsibleUnitId}`,
        );
      }
    }
    return this.step(id, context, assignRiskItemUpdate, (current) => ({
      context,
      responsibleUnitId: dto.responsibleUnitId,
      responsibleUserId: dto.responsibleUserId ?? null,
      planned: this.planned('rectification', current),
    }));
  }

  startRectification(id: string, context: StepContext): Promise<RiskItemView> {
    return this.step(id, context, startRectificationUpdate, () => ({ context }));
  }

  submitRectification(id: string, dto: SubmitRectificationDto, context: StepContext): Promise<RiskItemView> {
    return this.step(id, context, submitRectificationUpdate, (current) => ({
      context,
      measures: dto.measures,
      evidence: dto.evidence.map((e) => ({ ...e })),
      planned: this.planned('verification', current),
    }));
  }

  verify(id: string, dto: VerifyRectificationDto, context: StepContext): Promise<RiskItemView> {
    return this.step(id, { ...context, reason: dto.reason }, verifyRectificationUpdate, (current) => ({
      context: { ...context, reason: dto.reason },
      result: dto.result,
      planned: dto.result === 'rejected' ? this.planned('rectification', current) : undefined,
    }));
  }

  suspend(id: string, context: StepContext): Promise<RiskItemView> {
    return this.step(id, context, suspendRiskItemUpdate, () => ({ context }));
  }

  resume(id: string, context: StepContext): Promise<RiskItemView> {
    return this.step(id, context, resumeRiskItemUpdate, () => ({ context }));
  }

  markCriminalThreshold(id: string, context: StepContext): Promise<RiskItemView> {
    return this.step(id, context, markCriminalThresholdUpdate, () => ({ context }));
  }

  cancel(id: string, context: StepContext): Promise<RiskItemView> {
    return this.step(id, context, cancelRiskItemUpdate, () => ({ context }));
  }

  replan(id: string, dto: ReplanRiskItemDto, context: StepContext): Promise<RiskItemView> {
    if (dto.dueAt && Date.parse(dto.dueAt) <= Date.now()) {
      throw invalid('dueAt', `dueAt ${dto.dueAt} is in the past`, 'risk-item.deadline-in-past');
    }
    return this.step(id, context, replanRiskItemUpdate, (current) => ({
      context,
      dueAt: dto.dueAt ?? null,
      planned: dto.dueAt ? undefined : this.planned('rectification', current),
    }));
  }

  /** One item from the read model; an item outside the caller's units is reported as not found. */
  async get(id: string, actor: Actor): Promise<RiskItemDetail> {
    const row = await this.items.findOneBy({ id });
    if (!row || !this.visible(row, actor)) throw notFound(id);
    return { ...viewRiskItem(row.state, actor), reopenedAs: row.reopenedAs };
  }

  async timeline(id: string, actor: Actor): Promise<LedgerEntryView[]> {
    await this.get(id, actor);
    return (await this.ledger.entriesOf(id)).map(toLedgerEntryView);
  }

  async list(query: ListRiskItemsQuery, actor: Actor): Promise<RiskItemPage> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const qb = this.scoped(actor);
    if (query.status) qb.andWhere('item.status = :status', { status: query.status });
    if (query.unitId) {
      qb.andWhere('coalesce(item.responsible_unit_id, item.registering_unit_id) = :unitId', {
        unitId: query.unitId,
      });
    }
    if (query.grade) qb.andWhere('item.grade = :grade', { grade: query.grade });
    if (query.overdue !== undefined) qb.andWhere('item.overdue = :overdue', { overdue: query.overdue });
    if (query.actionNo) qb.andWhere('item.action_no = :actionNo', { actionNo: query.actionNo });
    if (query.criminalThreshold !== undefined) {
      qb.andWhere(`item.criminal_threshold_at IS ${query.criminalThreshold ? 'NOT ' : ''}NULL`);
    }
    if (query.administrativeOnly !== undefined) {
      qb.andWhere('item.administrative_only = :administrativeOnly', {
        administrativeOnly: query.administrativeOnly,
      });
    }
    if (query.source) qb.andWhere('item.source = :source', { source: query.source });
    if (query.townshipId) qb.andWhere('item.township_id = :townshipId', { townshipId: query.townshipId });
    if (query.dueBefore) qb.andWhere('item.due_at < :dueBefore', { dueBefore: query.dueBefore });
    if (query.dueAfter) qb.andWhere('item.due_at >= :dueAfter', { dueAfter: query.dueAfter });
    if (query.q) await searchText(qb, query.q, SEARCHED_COLUMNS, CASE_NUMBER, SHORT_TEXT_KEYS);
    const sort = query.sort ?? '-registeredAt';
    const column = SORT_COLUMNS[sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    // Only due_at has nulls; leaving the others' NULLS order default lets a backward index scan serve DESC.
    qb.orderBy(
      column,
      sort.startsWith('-') ? 'DESC' : 'ASC',
      column === SORT_COLUMNS.dueAt ? 'NULLS LAST' : undefined,
    );
    // Ties break by id for stable pages (TypeORM keys orders by column: never re-add the sort column).
    if (column !== SORT_COLUMNS.id) qb.addOrderBy(SORT_COLUMNS.id, 'ASC');
    const [rows, total] = await Promise.all([qb.clone().skip(offset).take(limit).getMany(), cappedTotal(qb)]);
    return { items: rows.map((row) => viewRiskItem(row.state, actor)), ...total, limit, offset };
  }

  /**
   * What waits on the caller: items assigned to them or to their unit and not yet submitted; for the
   * head of a registering unit, its items still to assign; for supervisors, items to assign and
   * submissions to verify.
   */
  async myWork(query: MyWorkQuery, actor: Actor): Promise<RiskItemPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.items.createQueryBuilder('item').where(
      new Brackets((any) => {
        any.where('item.responsible_user_id = :me AND item.status IN (:...waiting)', {
          me: actor.userId,
          waiting: WAITING_ON_UNIT,
        });
        if (actor.role === Role.Handler || actor.role === Role.UnitHead) {
          any.orWhere('item.responsible_unit_id = :unit AND item.status IN (:...waiting)', {
            unit: actor.unitId,
          });
        }
        if (actor.role === Role.UnitHead) {
          any.orWhere('item.registering_unit_id = :unit AND item.status = :registered', {
            registered: RiskItemStatus.Registered,
          });
        }
        if (actor.role === Role.Supervisor) {
          any.orWhere('item.status IN (:...supervised)', {
            supervised: [RiskItemStatus.Submitted, RiskItemStatus.Registered],
          });
        }
      }),
    );
    const [rows, total] = await qb
      .orderBy('item.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('item.id')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return {
      items: rows.map((row) => viewRiskItem(row.state, actor)),
      total,
      totalCapped: false,
      limit,
      offset,
    };
  }

  /**
   * A step's day-clock deadline, planned here under the policy and holiday table the worker also holds,
   * so the workflow takes it without a local activity of its own (DeadlinePlannedAtTheEdge).
   */
  private planned(purpose: DeadlinePurpose, current: RiskItemDetail): DeadlinePlannedAtTheEdge | undefined {
    return planAtTheEdge(this.policy, purpose, current.grade, new Date().toISOString(), this.calendar.table);
  }

  /** Sends a step to the item's workflow; its input is made from the item as the caller may see it. */
  private async step<Input>(
    id: string,
    context: StepContext,
    update: UpdateDefinition<RiskItemView, [Input]>,
    inputFor: (current: RiskItemDetail) => Input,
  ): Promise<RiskItemView> {
    const current = await this.get(id, context.actor);
    return executeCaseUpdate(
      this.temporal.workflow.getHandle(riskItemWorkflowId(id)),
      update,
      [inputFor(current)],
      () =>
        new DubanError(
          ErrorKind.Conflict,
          'risk-item.closed',
          `Risk item ${id} is ${current.status} and can no longer change`,
          {
            state: current,
          },
        ),
    );
  }

  private visible(row: RiskItemEntity, actor: Actor): boolean {
    return (
      canSeeUnit(actor, row.registeringUnitId) ||
      (row.responsibleUnitId !== null && canSeeUnit(actor, row.responsibleUnitId))
    );
  }

  private scoped(actor: Actor): SelectQueryBuilder<RiskItemEntity> {
    const qb = this.items.createQueryBuilder('item');
    if (!COUNTY_WIDE_ROLES.includes(actor.role)) {
      qb.where('(item.registering_unit_id = :own OR item.responsible_unit_id = :own)', { own: actor.unitId });
    }
    return qb;
  }
}
