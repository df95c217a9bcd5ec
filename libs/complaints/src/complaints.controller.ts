import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { ComplaintStep } from '../../contracts/src/complaint.contracts.js';
import { COUNTY_WIDE_ROLES, Role, type Actor, type StepContext } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { ComplaintFiguresService } from './complaint-figures.service.js';
import { ComplaintsService } from './complaints.service.js';
import {
  AskQuestionDto,
  ComplaintFiguresQuery,
  ComplaintIdParam,
  ComplaintReasonDto,
  DecideComplaintDto,
  ListComplaintsQuery,
  PayoutDto,
  ProposeRewardDto,
  RetaliationDto,
  RevealIdParam,
} from './dto/complaint.dto.js';
import { SealedIdentities } from './sealing/sealed-identities.service.js';
import { AnswerNotReplayable } from '../../platform/src/idempotency/idempotency-key.js';

/** Case workers of the handling unit and the county's supervisors; the workflow checks the unit. */
const CASE_WORKERS = [Role.Handler, Role.UnitHead, Role.Supervisor];
/** Approvals (an extension, a reward, a reveal) come from heads, supervisors and leaders; policy narrows reveals. */
const APPROVERS = [Role.UnitHead, Role.Supervisor, Role.Leader];
const READERS = [Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];

const ctx = (actor: Actor, requestId: string, reason?: string): StepContext => ({ actor, requestId, reason });

@ApiTags('complaints and reports (投诉举报)')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly figures: ComplaintFiguresService,
    private readonly identities: SealedIdentities,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Complaints and reports of the caller’s unit (county roles: all), newest first' })
  list(@Query() query: ListComplaintsQuery, @CurrentActor() actor: Actor) {
    return this.complaints.list(query, actor);
  }

  @Get('figures')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Bulletin figures per unit and action: received, verified, converted, rewards paid, median days per step',
  })
  async figuresOf(@Query() query: ComplaintFiguresQuery, @CurrentActor() actor: Actor) {
    const unitId = COUNTY_WIDE_ROLES.includes(actor.role) ? undefined : actor.unitId;
    const rows = await this.figures.rows({
      from: new Date(query.from),
      to: new Date(query.to),
      unitId,
      actionNo: query.actionNo,
    });
    return { from: query.from, to: query.to, rows };
  }

  @Post('keys/rewrap')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Key rotation: re-wrap every sealed identity’s data key under the current key-encryption key',
  })
  @ApiOkResponse({ schema: { example: { rewrapped: 12 } } })
  async rewrap() {
    return { rewrapped: await this.identities.rewrapAll() };
  }

  @Get(':id')
  @AuditedRead()
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'One complaint or report: pseudonym (never the identity), clocks with basis, repeat reports, the cards recorded retaliation raised, next steps',
  })
  get(@Param() { id }: ComplaintIdParam, @CurrentActor() actor: Actor) {
    return this.complaints.get(id, actor);
  }

  @Get(':id/timeline')
  @AuditedRead()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The case’s ledger: every step with who, when and why' })
  @ApiOkResponse({ type: [LedgerEntryView] })
  timeline(@Param() { id }: ComplaintIdParam, @CurrentActor() actor: Actor) {
    return this.complaints.timeline(id, actor);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Accept a complaint (within 7 working days, C art. 14)' })
  accept(@Param() { id }: ComplaintIdParam, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.complaints.step(id, ComplaintStep.Accept, { context: ctx(actor, requestId) });
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Refuse a complaint with a reason; it closes' })
  refuse(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: ComplaintReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.step(id, ComplaintStep.Refuse, { context: ctx(actor, requestId, dto.reason) });
  }

  @Post(':id/extend-verification')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Approve 15 more working days to verify a report (A art. 18), with a reason' })
  extend(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: ComplaintReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.step(id, ComplaintStep.ExtendVerification, {
      context: ctx(actor, requestId, dto.reason),
    });
  }

  @Post(':id/questions')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Ask the reporter a question (they answer with receipt code and secret)' })
  ask(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: AskQuestionDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.step(id, ComplaintStep.Ask, {
      context: ctx(actor, requestId),
      question: dto.question,
    });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary:
      'Decide the outcome: a risk item or a criminal lead (registered and linked), merged, transferred, or closed',
  })
  decide(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: DecideComplaintDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.decide(id, dto, ctx(actor, requestId, dto.reason));
  }

  @Post(':id/inform')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: 'Record that the named reporter was told the outcome (within 5 working days, C art. 31)',
  })
  inform(@Param() { id }: ComplaintIdParam, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.complaints.step(id, ComplaintStep.InformReporter, { context: ctx(actor, requestId) });
  }

  @Post(':id/reward')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Propose the reward (举报奖励) the policy gives; eligibility is checked' })
  proposeReward(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: ProposeRewardDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.proposeReward(id, dto, ctx(actor, requestId));
  }

  @Post(':id/reward/approve')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({ summary: 'Approve the proposed reward (someone other than the proposer)' })
  approveReward(
    @Param() { id }: ComplaintIdParam,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.step(id, ComplaintStep.ApproveReward, { context: ctx(actor, requestId) });
  }

  @Post(':id/reward/payout')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Record the payout of a claimed reward (payment reference)' })
  payout(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: PayoutDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.step(id, ComplaintStep.RecordPayout, {
      context: ctx(actor, requestId),
      payoutReference: dto.payoutReference,
    });
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Close a concluded case (no reward under way), with a reason' })
  close(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: ComplaintReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.step(id, ComplaintStep.Close, { context: ctx(actor, requestId, dto.reason) });
  }

  @Post(':id/retaliation')
  @HttpCode(200)
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: 'Record an action against an insider reporter (dismissal, demotion…); raises a card on the unit',
  })
  retaliation(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: RetaliationDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.recordRetaliation(id, dto, ctx(actor, requestId));
  }

  @Post(':id/reveal-requests')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({
    summary: 'Ask to see the reporter’s identity, with a reason (designated roles, policy data)',
    description: 'An anonymous case has no identity: 409 complaint.anonymous.',
  })
  requestReveal(
    @Param() { id }: ComplaintIdParam,
    @Body() dto: ComplaintReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.requestReveal(id, ctx(actor, requestId, dto.reason));
  }

  @Post(':id/reveal-requests/:revealId/approve')
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({
    summary: 'Approve a reveal: a second person, never the requester (dual control); auditors are told',
  })
  approveReveal(
    @Param() { id, revealId }: RevealIdParam,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.complaints.approveReveal(id, revealId, ctx(actor, requestId));
  }

  @Post(':id/reveal-requests/:revealId/reveal')
  @AnswerNotReplayable()
  @HttpCode(200)
  @Roles(...APPROVERS)
  @ApiOperation({
    summary:
      'The approved requester sees the identity, once; ledgered and told to the auditors; never stored for replays',
  })
  @ApiOkResponse({
    schema: { example: { complaintId: 'TJ-2026-000001', revealId: 1, identity: { name: '…', phone: '…' } } },
  })
  reveal(
    @Param() { id, revealId }: RevealIdParam,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    response.setHeader('Cache-Control', 'no-store');
    return this.complaints.reveal(id, revealId, ctx(actor, requestId));
  }
}
