import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { DataSource, Repository, type SelectQueryBuilder } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, Role, type Actor, type StepContext } from '../../contracts/src/identity.js';
import {
  LeadSource,
  REFERRAL_CASE_TYPE,
  REFERRAL_ID_PATTERN,
  REFERRAL_ID_PREFIX,
  referralRecordedUpdate,
  referralStepUpdate,
  ReferralStatus,
  ReferralStep,
  referralWorkflowId,
  type RecordLeadInput,
  type ReferralStepInput,
  type ReferralView,
} from '../../contracts/src/referral.contracts.js';
import { RISK_ITEM_ID_PATTERN } from '../../contracts/src/risk-item.contracts.js';
import {
  CASE_ACTION,
  CASE_OVERDUE,
  CASE_STATUS,
  CASE_TYPE,
  CASE_UNIT,
} from '../../contracts/src/search-attributes.js';
import { canSeeUnit } from '../../identity/src/domain/access-policy.js';
import { UnitsService } from '../../identity/src/units.service.js';
import { toLedgerEntryView, type LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { cappedTotal, searchText, type ListTotal } from '../../platform/src/database/list-query.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { executeCaseUpdate } from '../../platform/src/temporal/case-update.js';
import { checkReferralStep, viewReferral } from './domain/referral.rules.js';
import { type ReferralPolicy } from './domain/referral-policy.js';
import {
  type ListReferralsQuery,
  type RecordLeadDto,
  type ReferralMetricsQuery,
} from './dto/referral.dto.js';
import {
  ReferralFiguresService,
  type ReferralMetricsRow,
  type ReferralStepTimes,
} from './referral-figures.service.js';
import { REFERRAL_POLICY } from './referral-policy.provider.js';
import { ReferralEntity } from './referral.entity.js';
import { caseRunOptions } from '../../platform/src/temporal/case-run-options.js';

const notFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, 'referral.not-found', `No referral ${id}`);
/** What `q=` searches: the referral number and its source (a risk item's case number, an inspection record). */
const SEARCHED_COLUMNS = ['r.source_ref'];
const CASE_NUMBER = { column: 'r.id', pattern: REFERRAL_ID_PATTERN };
const invalid = (path: string, message: string, code = 'referral.invalid') =>
  new DubanError(ErrorKind.Validation, code, message, {}, [{ path, message }]);

export interface ReferralPage extends ListTotal {
  items: ReferralView[];
  limit: number;
  offset: number;
}

export interface ReferralMetrics {
  from: string;
  to: string;
  rows: ReferralMetricsRow[];
  steps: ReferralStepTimes[];
}

@Injectable()
export class ReferralsService {
  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(ReferralEntity) private readonly referrals: Repository<ReferralEntity>,
    @Inject(REFERRAL_POLICY) private readonly policy: ReferralPolicy,
    private readonly units: UnitsService,
    private readonly numbers: CaseNumberService,
    private readonly ledger: LedgerService,
    private readonly figures: ReferralFiguresService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Records a lead of the caller's unit; its workflow starts and the checklist in force goes with it. */
  async recordLead(dto: RecordLeadDto, context: StepContext): Promise<ReferralView> {
    if (dto.source === LeadSource.RiskItem) await this.requireOwnRiskItem(dto.sourceRef, context.actor);
    const id = await this.numbers.next(REFERRAL_ID_PREFIX);
    const lead: RecordLeadInput = {
      id,
      ...dto,
      requiredDossier: [...this.policy.requiredDossier],
      mayBeNotApplicable: [...this.policy.mayBeNotApplicable],
      context,
    };
    const start = new WithStartWorkflowOperation('referralWorkflow', {
      workflowId: referralWorkflowId(id),
      workflowIdConflictPolicy: 'FAIL',
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, 'referralWorkflow'),
      args: [{ lead }],
      typedSearchAttributes: [
        { key: CASE_TYPE, value: REFERRAL_CASE_TYPE },
        { key: CASE_STATUS, value: ReferralStatus.LeadRecorded },
        { key: CASE_UNIT, value: context.actor.unitId },
        { key: CASE_ACTION, value: dto.actionNo },
        { key: CASE_OVERDUE, value: false },
      ],
    });
    return this.temporal.workflow.executeUpdateWithStart(referralRecordedUpdate, {
      args: [context.actor],
      startWorkflowOperation: start,
    });
  }

  /** Forms the case team: every officer must be an active user of the referring unit. */
  async formTeam(id: string, officers: string[], context: StepContext): Promise<ReferralView> {
    const current = await this.get(id, context.actor);
    for (const [index, officer] of officers.entries()) {
      const user = await this.units.findActiveUser(officer);
      if (!user || user.unitId !== current.unitId) {
        throw invalid(`officers[${index}]`, `${officer} is not an active officer of ${current.unitId}`);
      }
    }
    return this.step(id, ReferralStep.FormTeam, { context, officers });
  }

  /** Any other step: the workflow's validator decides whether it may be taken now, by this caller. */
  async step(id: string, step: ReferralStep, input: ReferralStepInput): Promise<ReferralView> {
    const current = await this.get(id, input.context.actor);
    return executeCaseUpdate(
      this.temporal.workflow.getHandle(referralWorkflowId(id)),
      referralStepUpdate,
      [step, input],
      () =>
        new DubanError(ErrorKind.Conflict, 'referral.closed', `Referral ${id} is ${current.status}`, {
          state: current,
        }),
    );
  }

  /**
   * A finding that a refusal was unfounded. The refused referral's workflow has ended, so the finding
   * starts a new run of it from the refused state (update-with-start); the rule is checked here first so
   * that a finding the workflow would refuse starts nothing.
   */
  async recordRefusalFinding(id: string, input: ReferralStepInput): Promise<ReferralView> {
    const row = await this.referrals.findOneBy({ id });
    if (!row || !this.visible(row, input.context.actor)) throw notFound(id);
    const violation = checkReferralStep(
      row.state,
      ReferralStep.RecordRefusalFinding,
      input,
      new Date().toISOString(),
    );
    if (violation) {
      throw new DubanError(violation.kind, violation.code, violation.message, {
        state: viewReferral(row.state, input.context.actor),
      });
    }
    const start = new WithStartWorkflowOperation('referralWorkflow', {
      workflowId: referralWorkflowId(id),
      // A run still open (a finding racing another) takes the step itself, and refuses it.
      workflowIdConflictPolicy: 'USE_EXISTING',
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, 'referralWorkflow'),
      args: [{ reopened: row.state }],
      typedSearchAttributes: [
        { key: CASE_TYPE, value: REFERRAL_CASE_TYPE },
        { key: CASE_STATUS, value: row.state.status },
        { key: CASE_UNIT, value: row.unitId },
        { key: CASE_ACTION, value: row.actionNo },
        { key: CASE_OVERDUE, value: row.state.overdue },
      ],
    });
    return this.temporal.workflow.executeUpdateWithStart(referralStepUpdate, {
      args: [ReferralStep.RecordRefusalFinding, input],
      startWorkflowOperation: start,
    });
  }

  async get(id: string, actor: Actor): Promise<ReferralView> {
    const row = await this.referrals.findOneBy({ id });
    if (!row || !this.visible(row, actor)) throw notFound(id);
    return viewReferral(row.state, actor);
  }

  /** The ledger of a referral, for the regulator's side and the county (it holds internal records). */
  async timeline(id: string, actor: Actor): Promise<LedgerEntryView[]> {
    await this.get(id, actor);
    return (await this.ledger.entriesOf(id)).map(toLedgerEntryView);
  }

  async list(query: ListReferralsQuery, actor: Actor): Promise<ReferralPage> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const qb = this.scoped(actor);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.unitId) qb.andWhere('r.unit_id = :unitId', { unitId: query.unitId });
    if (query.actionNo) qb.andWhere('r.action_no = :actionNo', { actionNo: query.actionNo });
    if (query.overdue !== undefined) qb.andWhere('r.overdue = :overdue', { overdue: query.overdue });
    if (query.administrativeOnly !== undefined) {
      qb.andWhere('r.administrative_only = :flag', { flag: query.administrativeOnly });
    }
    if (query.q) await searchText(qb, query.q, SEARCHED_COLUMNS, CASE_NUMBER);
    const page = qb
      .clone()
      .orderBy('r.recorded_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip(offset)
      .take(limit);
    const [rows, total] = await Promise.all([page.getMany(), cappedTotal(qb)]);
    return { items: rows.map((row) => viewReferral(row.state, actor)), ...total, limit, offset };
  }

  /** Figures per unit and action; a unit's own staff see their unit only. */
  async metrics(query: ReferralMetricsQuery, actor: Actor): Promise<ReferralMetrics> {
    const unitId = COUNTY_WIDE_ROLES.includes(actor.role) ? query.unitId : actor.unitId;
    if (query.unitId && unitId !== query.unitId) throw notFound(`figures of ${query.unitId}`);
    const scope = { from: new Date(query.from), to: new Date(query.to), unitId, actionNo: query.actionNo };
    const [rows, steps] = await Promise.all([this.figures.rows(scope), this.figures.stepTimes(scope)]);
    return { from: query.from, to: query.to, rows, steps };
  }

  /** A lead from a risk item names an item of the caller's unit (registering or responsible). */
  private async requireOwnRiskItem(riskItemId: string, actor: Actor): Promise<void> {
    const rows: unknown[] = RISK_ITEM_ID_PATTERN.test(riskItemId)
      ? await this.dataSource.query(
          `SELECT 1 FROM risk_item WHERE id = $1 AND (registering_unit_id = $2 OR responsible_unit_id = $2)`,
          [riskItemId, actor.unitId],
        )
      : [];
    if (rows.length === 0) {
      throw invalid(
        'sourceRef',
        `${riskItemId} is not a risk item of ${actor.unitId}`,
        'referral.unknown-risk-item',
      );
    }
  }

  /** Police liaisons see referrals addressed to the police; others as their unit or the county allows. */
  private visible(row: ReferralEntity, actor: Actor): boolean {
    if (actor.role === Role.PoliceLiaison) return row.addressedToPolice;
    return canSeeUnit(actor, row.unitId);
  }

  private scoped(actor: Actor): SelectQueryBuilder<ReferralEntity> {
    const qb = this.referrals.createQueryBuilder('r');
    if (actor.role === Role.PoliceLiaison) qb.where('r.addressed_to_police');
    else if (!COUNTY_WIDE_ROLES.includes(actor.role)) qb.where('r.unit_id = :own', { own: actor.unitId });
    return qb;
  }
}
