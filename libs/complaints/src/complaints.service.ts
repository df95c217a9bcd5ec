import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource, Repository } from 'typeorm';
import { CardSubjectType, cardWorkflowId, type CardStatus } from '../../contracts/src/card.contracts.js';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, type Actor, type StepContext } from '../../contracts/src/identity.js';
import {
  COMPLAINT_ID_PATTERN,
  ComplaintOutcomeKind,
  complaintStepUpdate,
  ComplaintStep,
  complaintWorkflowId,
  RewardGrade,
  type ComplaintCaseView,
  type ComplaintDetail,
  type ComplaintState,
  type ComplaintStepInput,
  type ComplaintView,
  type RevealStep,
} from '../../contracts/src/complaint.contracts.js';
import { LeadSource, REFERRAL_ID_PATTERN } from '../../contracts/src/referral.contracts.js';
import { RISK_ITEM_ID_PATTERN, RiskSource } from '../../contracts/src/risk-item.contracts.js';
import { canSeeUnit } from '../../identity/src/domain/access-policy.js';
import { toLedgerEntryView, type LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { cappedTotal, type ListTotal } from '../../platform/src/database/list-query.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { executeCaseUpdate } from '../../platform/src/temporal/case-update.js';
import { ReferralsService } from '../../referrals/src/referrals.service.js';
import { RiskItemsService } from '../../risk-items/src/risk-items.service.js';
import { COMPLAINT_POLICY } from './complaint-policy.loader.js';
import { ComplaintEntity } from './complaint.entity.js';
import { clockRunInChinese, type ComplaintPolicy } from './domain/complaint-policy.js';
import { checkComplaintStep, dueAtOf, viewComplaint } from './domain/complaint.rules.js';
import { computeReward, storedRewardExplanationZh } from './domain/reward.js';
import {
  type DecideComplaintDto,
  type ListComplaintsQuery,
  type ProposeRewardDto,
  type RetaliationDto,
} from './dto/complaint.dto.js';
import { type ReporterIdentity } from './sealing/identity-vault.js';
import { SealedIdentities } from './sealing/sealed-identities.service.js';

const notFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, 'complaint.not-found', `No complaint or report ${id}`);
const invalid = (path: string, message: string) =>
  new DubanError(ErrorKind.Validation, 'complaint.invalid', message, {}, [{ path, message }]);

export interface ComplaintPage extends ListTotal {
  items: ComplaintCaseView[];
  limit: number;
  offset: number;
}

/** The identity an approved reveal shows its requester, once. */
export interface RevealedIdentity {
  complaintId: string;
  revealId: number;
  identity: ReporterIdentity | null;
}

@Injectable()
export class ComplaintsService {
  constructor(
    private readonly temporal: Client,
    @InjectRepository(ComplaintEntity) private readonly complaints: Repository<ComplaintEntity>,
    @Inject(COMPLAINT_POLICY) private readonly policy: ComplaintPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly identities: SealedIdentities,
    private readonly riskItems: RiskItemsService,
    private readonly referrals: ReferralsService,
  ) {}

  async get(id: string, actor: Actor): Promise<ComplaintDetail> {
    const row = await this.complaints.findOneBy({ id });
    if (!row || !canSeeUnit(actor, row.unitId)) throw notFound(id);
    const group = await this.complaints.find({
      where: { groupKey: row.groupKey },
      order: { receivedAt: 'ASC' },
      take: 50,
    });
    return {
      ...this.view(row.state, actor),
      sameBusiness: group
        .filter((other) => other.id !== id)
        .map((other) => ({ id: other.id, status: other.status, receivedAt: other.receivedAt.toISOString() })),
      retaliationCards: await this.retaliationCards(row.state, actor),
    };
  }

  /**
   * The cards a recorded retaliation raised on the handling unit (one open at a time; a later one
   * after it closed), found by the card workflow's id for this unit and case.
   */
  private async retaliationCards(
    state: ComplaintState,
    actor: Actor,
  ): Promise<ComplaintDetail['retaliationCards']> {
    if (state.retaliation.length === 0 || !canSeeUnit(actor, state.unitId)) return [];
    const subject = { type: CardSubjectType.WhistleblowerRetaliation, id: state.id };
    const rows: Array<{ id: string; status: CardStatus; raised_at: Date }> = await this.dataSource.query(
      `SELECT id, status, raised_at FROM card WHERE workflow_id = $1 ORDER BY raised_at`,
      [cardWorkflowId(state.unitId, subject)],
    );
    return rows.map((row) => ({ id: row.id, status: row.status, raisedAt: row.raised_at.toISOString() }));
  }

  async timeline(id: string, actor: Actor): Promise<LedgerEntryView[]> {
    await this.get(id, actor);
    return (await this.ledger.entriesOf(id)).map(toLedgerEntryView);
  }

  async list(query: ListComplaintsQuery, actor: Actor): Promise<ComplaintPage> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const qb = this.complaints.createQueryBuilder('c');
    if (!COUNTY_WIDE_ROLES.includes(actor.role)) qb.where('c.unit_id = :own', { own: actor.unitId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.category) qb.andWhere('c.category = :category', { category: query.category });
    if (query.overdue !== undefined) qb.andWhere('c.overdue = :overdue', { overdue: query.overdue });
    if (query.open !== undefined) qb.andWhere(`c.status ${query.open ? '<>' : '='} 'closed'`);
    const page = qb.clone().skip(offset).take(limit);
    if (query.sort === 'dueAt') page.orderBy('c.due_at', 'ASC', 'NULLS LAST');
    else page.orderBy('c.received_at', 'DESC');
    page.addOrderBy('c.id', 'ASC');
    const [rows, total] = await Promise.all([page.getMany(), cappedTotal(qb)]);
    return { items: rows.map((row) => this.view(row.state, actor)), ...total, limit, offset };
  }

  /**
   * The case as this caller sees it, with the steps it may take now. The rules list the steps the
   * workflow alone decides; here the edge adds what it decides: the reveal roles of the policy, the
   * approvals and reveals open to this caller, and a reward proposal (the facts the edge establishes at
   * the proposal, an earlier report and an official's duty, may still refuse it with 422). No reveal is
   * offered on an anonymous case: there is no identity. Clocks and a reward stored before their Chinese
   * texts get them from the policy where it still gives the same (the stored state is left as it is).
   */
  private view(state: ComplaintState, actor: Actor): ComplaintCaseView {
    const view = viewComplaint(state, actor);
    const { requesterRoles, approverRoles } = this.policy.reveal;
    const probe = { context: { actor, requestId: 'probe' }, requestId: 'probe' };
    const revealSteps = state.reveals.flatMap((request): RevealStep[] => {
      const input = { ...probe, revealId: request.id };
      if (
        approverRoles.includes(actor.role) &&
        !checkComplaintStep(state, ComplaintStep.ApproveReveal, input)
      )
        return [{ revealId: request.id, step: ComplaintStep.ApproveReveal }];
      if (!checkComplaintStep(state, ComplaintStep.Reveal, input))
        return [{ revealId: request.id, step: ComplaintStep.Reveal }];
      return [];
    });
    const smallest = {
      grade: RewardGrade.Third,
      basisFen: 0,
      insider: state.insider,
      reporters: 1,
      approvedAboveCap: false,
    };
    const mayProposeReward = !checkComplaintStep(state, ComplaintStep.ProposeReward, {
      ...probe,
      firstReporter: true,
      officialOnDuty: false,
      reward: {
        ...smallest,
        ...computeReward(this.policy.rewards, smallest),
        policyVersion: this.policy.version,
      },
    });
    const explanationZh = state.reward && storedRewardExplanationZh(state.reward, this.policy);
    return {
      ...view,
      clocks: view.clocks.map((run) => clockRunInChinese(run, this.policy)),
      reward: view.reward && (explanationZh ? { ...view.reward, explanationZh } : view.reward),
      allowedSteps: [
        ...view.allowedSteps.filter(
          (step) =>
            step !== ComplaintStep.RequestReveal || (state.named && requesterRoles.includes(actor.role)),
        ),
        ...(mayProposeReward ? [ComplaintStep.ProposeReward] : []),
      ],
      revealSteps,
      dueAt: dueAtOf(state),
    };
  }

  /** Any step: the workflow's validator decides whether this caller may take it now. */
  async step(
    id: string,
    step: ComplaintStep,
    input: Omit<ComplaintStepInput, 'requestId'>,
  ): Promise<ComplaintView> {
    const context = input.context!;
    const current = await this.get(id, context.actor);
    return executeCaseUpdate(
      this.temporal.workflow.getHandle(complaintWorkflowId(id)),
      complaintStepUpdate,
      [step, { ...input, requestId: context.requestId, reason: input.reason ?? context.reason }],
      () =>
        new DubanError(ErrorKind.Conflict, 'complaint.closed', `Complaint ${id} is ${current.status}`, {
          state: current,
        }),
    );
  }

  /**
   * The outcome. A risk item or criminal lead is registered first, through the same path as its own
   * route (so its rules and case number apply), and the decision links it; a step the case cannot take
   * now is refused before anything is registered.
   */
  async decide(id: string, dto: DecideComplaintDto, context: StepContext): Promise<ComplaintView> {
    const current = await this.get(id, context.actor);
    let ref: string | null = dto.ref ?? null;
    if (current.allowedSteps.includes(ComplaintStep.Decide)) {
      if (dto.outcome === ComplaintOutcomeKind.RiskItem && dto.riskItem) {
        const item = await this.riskItems.register(
          {
            source: current.insider ? RiskSource.Whistleblower : RiskSource.Complaint,
            sourceDate: shanghaiDay(current.receivedAt),
            actionNo: current.actionNo,
            business: { ...dto.riskItem.business },
            description: `${dto.riskItem.description}（来源：投诉举报 ${id}）`,
            grade: dto.riskItem.grade,
          },
          context,
        );
        ref = item.id;
      } else if (dto.outcome === ComplaintOutcomeKind.Referral && dto.referral) {
        const lead = await this.referrals.recordLead(
          { source: LeadSource.Report, sourceRef: id, actionNo: current.actionNo, ...dto.referral },
          context,
        );
        ref = lead.id;
      } else if (dto.outcome === ComplaintOutcomeKind.Merged) {
        await this.requireCase(ref ?? '', context.actor);
      }
    }
    return this.step(id, ComplaintStep.Decide, {
      context,
      reason: dto.reason,
      outcome: { kind: dto.outcome, ref, substantiated: dto.substantiated },
    });
  }

  /** Proposes the reward the policy gives; the workflow checks eligibility and needs a second approver. */
  async proposeReward(id: string, dto: ProposeRewardDto, context: StepContext): Promise<ComplaintView> {
    const current = await this.get(id, context.actor);
    const earlier: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM complaint WHERE group_key = $1 AND id <> $2 AND received_at < $3 AND category = 'report'
         AND substantiated`,
      [current.groupKey, id, current.receivedAt],
    );
    const request = {
      grade: dto.grade,
      basisFen: dto.basisFen,
      insider: current.insider,
      reporters: dto.reporters,
      approvedAboveCap: dto.approvedAboveCap,
    };
    const amount = computeReward(this.policy.rewards, request);
    return this.step(id, ComplaintStep.ProposeReward, {
      context,
      firstReporter: earlier.length === 0,
      officialOnDuty: dto.officialOnDuty,
      reward: { ...request, ...amount, policyVersion: this.policy.version },
    });
  }

  /** A designated role asks, with a reason; an anonymous case has no identity, so nothing to ask for. */
  async requestReveal(id: string, context: StepContext): Promise<ComplaintView> {
    this.requireRole(this.policy.reveal.requesterRoles, context.actor, 'ask to see a reporter’s identity');
    const current = await this.get(id, context.actor);
    if (!current.named) {
      throw new DubanError(
        ErrorKind.Conflict,
        'complaint.anonymous',
        `${id} was filed anonymously: there is no identity to reveal`,
      );
    }
    return this.step(id, ComplaintStep.RequestReveal, { context });
  }

  approveReveal(id: string, revealId: number, context: StepContext): Promise<ComplaintView> {
    this.requireRole(this.policy.reveal.approverRoles, context.actor, 'approve a reveal');
    return this.step(id, ComplaintStep.ApproveReveal, { context, revealId });
  }

  /** The approved requester sees the identity once; the step is on the ledger before it is opened. */
  async reveal(id: string, revealId: number, context: StepContext): Promise<RevealedIdentity> {
    await this.step(id, ComplaintStep.Reveal, { context, revealId });
    return { complaintId: id, revealId, identity: await this.identities.open(id) };
  }

  recordRetaliation(id: string, dto: RetaliationDto, context: StepContext): Promise<ComplaintView> {
    return this.step(id, ComplaintStep.RecordRetaliation, { context, retaliation: { ...dto } });
  }

  private requireRole(roles: readonly string[], actor: Actor, what: string): void {
    if (!roles.includes(actor.role)) {
      throw new DubanError(ErrorKind.Forbidden, 'complaint.forbidden', `Role ${actor.role} may not ${what}`);
    }
  }

  /** A merge names a complaint, risk item or referral the caller can see. */
  private async requireCase(ref: string, actor: Actor): Promise<void> {
    const table = COMPLAINT_ID_PATTERN.test(ref)
      ? 'complaint'
      : RISK_ITEM_ID_PATTERN.test(ref)
        ? 'risk_item'
        : REFERRAL_ID_PATTERN.test(ref)
          ? 'referral'
          : null;
    const unitColumn = table === 'risk_item' ? 'registering_unit_id' : 'unit_id';
    const rows: Array<{ unit: string }> = table
      ? await this.dataSource.query(`SELECT ${unitColumn} AS unit FROM ${table} WHERE id = $1`, [ref])
      : [];
    if (!rows[0] || !canSeeUnit(actor, rows[0].unit)) {
      throw invalid('ref', `${ref} is not a complaint, risk item or referral you can see`);
    }
  }
}

/** The day (Asia/Shanghai, UTC+8) of an instant, as YYYY-MM-DD. */
function shanghaiDay(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}
