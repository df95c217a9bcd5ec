import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { ListRiskItemsQuery } from './dto/list-risk-items.query.js';
import { MyWorkQuery } from './dto/my-work.query.js';
import { RegisterRiskItemDto } from './dto/register-risk-item.dto.js';
import { RiskItemIdParam } from './dto/risk-item-id.param.js';
import {
  AssignRiskItemDto,
  OptionalReasonDto,
  ReasonDto,
  ReplanRiskItemDto,
  SubmitRectificationDto,
  VerifyRectificationDto,
} from './dto/risk-item-steps.dto.js';
import { RiskItemsService } from './risk-items.service.js';
import { CASE_STAFF } from './domain/risk-item.rules.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';

/** Everyone who works cases; police liaisons see referrals only. */
const CASE_WORKERS = [Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];

@ApiTags('risk items (挂账督办)')
@ApiBearerAuth()
@Controller('risk-items')
export class RiskItemsController {
  constructor(private readonly riskItems: RiskItemsService) {}

  @Post()
  @CreatesResourceAt('/risk-items/:id')
  @Roles(Role.Handler, Role.UnitHead, Role.Supervisor)
  @ApiOperation({
    summary: 'Register a hazard on the ledger; its workflow starts and its id (FX-yyyy-nnnnnn) is returned',
  })
  register(@Body() dto: RegisterRiskItemDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.riskItems.register(dto, { actor, requestId });
  }

  @Get()
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'List risk items visible to the caller, with filters, sorting and pagination' })
  list(@Query() query: ListRiskItemsQuery, @CurrentActor() actor: Actor) {
    return this.riskItems.list(query, actor);
  }

  @AuditedRead()
  @Get(':id')
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary:
      'One risk item, with its deadline rule and the steps the caller may take now; ' +
      'reopenedAs lists the items registered as reopenings of a closed one',
  })
  get(@Param() { id }: RiskItemIdParam, @CurrentActor() actor: Actor) {
    return this.riskItems.get(id, actor);
  }

  @AuditedRead()
  @Get(':id/timeline')
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: "The item's ledger: every step with who, when, what and why, hash-chained" })
  @ApiOkResponse({ type: [LedgerEntryView] })
  timeline(@Param() { id }: RiskItemIdParam, @CurrentActor() actor: Actor) {
    return this.riskItems.timeline(id, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.UnitHead)
  @ApiOperation({
    summary: 'Assign to a responsible unit (and person); the deadline follows from the grade policy',
  })
  assign(
    @Param() { id }: RiskItemIdParam,
    @Body() dto: AssignRiskItemDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.assign(id, dto, { actor, requestId });
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...CASE_STAFF)
  @ApiOperation({ summary: 'The responsible unit starts rectifying' })
  start(@Param() { id }: RiskItemIdParam, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.riskItems.startRectification(id, { actor, requestId });
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles(...CASE_STAFF)
  @ApiOperation({
    summary: 'Submit the rectification: measures and evidence metadata (file name, type, size, sha256)',
  })
  submit(
    @Param() { id }: RiskItemIdParam,
    @Body() dto: SubmitRectificationDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.submitRectification(id, dto, { actor, requestId });
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.UnitHead)
  @ApiOperation({
    summary:
      'Accept (closes the item: 销号) or reject with a reason (back to rectifying, new deadline); a county supervisor, or the responsible unit’s head for the grades the policy delegates (never major or critical)',
  })
  verify(
    @Param() { id }: RiskItemIdParam,
    @Body() dto: VerifyRectificationDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.verify(id, dto, { actor, requestId });
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({
    summary: 'Suspend (e.g. waiting for a lab): the clock stops and the remaining time is kept',
  })
  suspend(
    @Param() { id }: RiskItemIdParam,
    @Body() { reason }: ReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.suspend(id, { actor, requestId, reason });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({ summary: 'Resume a suspended item; the deadline moves by the time it was suspended' })
  resume(
    @Param() { id }: RiskItemIdParam,
    @Body() { reason }: OptionalReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.resume(id, { actor, requestId, reason });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({ summary: 'Cancel with a reason' })
  cancel(
    @Param() { id }: RiskItemIdParam,
    @Body() { reason }: ReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.cancel(id, { actor, requestId, reason });
  }

  @Post(':id/criminal-threshold')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.UnitHead, Role.Handler)
  @ApiOperation({
    summary:
      'Mark the item as meeting the criminal threshold (涉嫌犯罪), with a reason: it then closes only once a referral exists (以罚代刑 guard)',
  })
  markCriminalThreshold(
    @Param() { id }: RiskItemIdParam,
    @Body() { reason }: ReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.markCriminalThreshold(id, { actor, requestId, reason });
  }

  @Post(':id/replan')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({
    summary: 'Re-plan the deadline with a reason: an explicit instant, or the current policy from now',
  })
  replan(
    @Param() { id }: RiskItemIdParam,
    @Body() dto: ReplanRiskItemDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.replan(id, dto, { actor, requestId, reason: dto.reason });
  }

  @Post(':id/reopen')
  @CreatesResourceAt('/risk-items/:id')
  @Roles(Role.Supervisor, Role.UnitHead, Role.Handler)
  @ApiOperation({ summary: 'Reopen a closed item: a new item linked to it (the closed one never changes)' })
  reopen(
    @Param() { id }: RiskItemIdParam,
    @Body() { reason }: ReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.riskItems.reopen(id, { actor, requestId, reason });
  }
}

@ApiTags('risk items (挂账督办)')
@ApiBearerAuth()
@Controller('me')
export class MyWorkController {
  constructor(private readonly riskItems: RiskItemsService) {}

  @Get('work')
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: 'Risk items waiting on me or my unit (to assign, rectify or verify), soonest due first, paged',
  })
  myWork(@Query() query: MyWorkQuery, @CurrentActor() actor: Actor) {
    return this.riskItems.myWork(query, actor);
  }
}
