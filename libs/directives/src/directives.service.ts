import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { Repository } from 'typeorm';
import {
  acknowledgeDirectiveUpdate,
  DIRECTIVE_CASE_TYPE,
  directiveIssuedUpdate,
  DIRECTIVE_ID_PREFIX,
  directiveWorkflowId,
  DirectiveStatus,
  type DirectiveState,
  type DirectiveView,
} from '../../contracts/src/directive.contracts.js';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, type Actor, type StepContext } from '../../contracts/src/identity.js';
import { CASE_STATUS, CASE_TYPE, CASE_UNIT } from '../../contracts/src/search-attributes.js';
import { UnitsService } from '../../identity/src/units.service.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { toLedgerEntryView, type LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { cappedTotal, type ListTotal } from '../../platform/src/database/list-query.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { executeCaseUpdate } from '../../platform/src/temporal/case-update.js';
import { viewDirective } from './domain/directive.rules.js';
import { DirectiveEntity } from './directive.entity.js';
import { type AcknowledgeDirectiveDto } from './dto/acknowledge-directive.dto.js';
import { type IssueDirectiveDto } from './dto/issue-directive.dto.js';
import { type ListDirectivesQuery } from './dto/list-directives.query.js';
import { caseRunOptions } from '../../platform/src/temporal/case-run-options.js';

const notFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, 'directive.not-found', `No directive ${id}`);

@Injectable()
export class DirectivesService {
  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(DirectiveEntity) private readonly directives: Repository<DirectiveEntity>,
    private readonly units: UnitsService,
    private readonly numbers: CaseNumberService,
    private readonly ledger: LedgerService,
  ) {}

  /** Starts the directive's workflow and, in the same call, waits until its first step is on the ledger. */
  async issue(dto: IssueDirectiveDto, context: StepContext): Promise<DirectiveView> {
    await this.units.requireUnit(dto.assigneeUnitId, 'assigneeUnitId');
    const id = await this.numbers.next(DIRECTIVE_ID_PREFIX);
    const start = new WithStartWorkflowOperation('directiveWorkflow', {
      workflowId: directiveWorkflowId(id),
      workflowIdConflictPolicy: 'FAIL',
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, 'directiveWorkflow'),
      args: [{ id, title: dto.title, body: dto.body, assigneeUnitId: dto.assigneeUnitId, context }],
      typedSearchAttributes: [
        { key: CASE_TYPE, value: DIRECTIVE_CASE_TYPE },
        { key: CASE_STATUS, value: DirectiveStatus.Issued },
        { key: CASE_UNIT, value: dto.assigneeUnitId },
      ],
    });
    return this.temporal.workflow.executeUpdateWithStart(directiveIssuedUpdate, {
      args: [context.actor],
      startWorkflowOperation: start,
    });
  }

  async acknowledge(id: string, dto: AcknowledgeDirectiveDto, context: StepContext): Promise<DirectiveView> {
    const current = await this.get(id, context);
    return executeCaseUpdate(
      this.temporal.workflow.getHandle(directiveWorkflowId(id)),
      acknowledgeDirectiveUpdate,
      [{ context, note: dto.note ?? null }],
      () =>
        new DubanError(ErrorKind.Conflict, 'directive.closed', `The directive is already ${current.status}`, {
          state: current,
        }),
    );
  }

  /** From the read model; a directive of another unit is reported as not found. */
  async get(id: string, context: StepContext): Promise<DirectiveView> {
    const row = await this.directives.findOneBy({ id });
    if (!row) throw notFound(id);
    this.units.assertCanSee(context.actor, row.assigneeUnitId, () => notFound(id));
    return viewDirective(toState(row), context.actor);
  }

  /**
   * Directives newest first: county-wide roles see every unit's, the others those addressed to their
   * own unit (as `get` does one by one).
   */
  async list(
    query: ListDirectivesQuery,
    actor: Actor,
  ): Promise<{ items: DirectiveView[]; limit: number; offset: number } & ListTotal> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const qb = this.directives.createQueryBuilder('directive');
    if (!COUNTY_WIDE_ROLES.includes(actor.role))
      qb.andWhere('directive.assignee_unit_id = :own', { own: actor.unitId });
    if (query.status) qb.andWhere('directive.status = :status', { status: query.status });
    if (query.unitId) qb.andWhere('directive.assignee_unit_id = :unitId', { unitId: query.unitId });
    const page = qb
      .clone()
      .orderBy('directive.issued_at', 'DESC')
      .addOrderBy('directive.id', 'ASC')
      .skip(offset)
      .take(limit);
    const [rows, total] = await Promise.all([page.getMany(), cappedTotal(qb)]);
    return { items: rows.map((row) => viewDirective(toState(row), actor)), ...total, limit, offset };
  }

  async ledgerOf(id: string, context: StepContext): Promise<LedgerEntryView[]> {
    await this.get(id, context);
    return (await this.ledger.entriesOf(id)).map(toLedgerEntryView);
  }
}

function toState(row: DirectiveEntity): DirectiveState {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    assigneeUnitId: row.assigneeUnitId,
    status: row.status as DirectiveStatus,
    issuedBy: row.issuedBy,
    issuedAt: row.issuedAt.toISOString(),
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    note: row.note,
    sequence: row.lastSequence,
  };
}
