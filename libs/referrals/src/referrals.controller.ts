import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor, type StepContext } from '../../contracts/src/identity.js';
import { ReferralStep } from '../../contracts/src/referral.contracts.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import {
  DecideTransferDto,
  DocumentsStepDto,
  DocumentStepDto,
  PenaltyDecisionDto,
  RefusalFindingDto,
  TransferDto,
  ExtendFilingPeriodDto,
  FilingDecisionDto,
  FormTeamDto,
  ListReferralsQuery,
  NotifyIncompleteDto,
  OptionalDocumentStepDto,
  ProcuratorateEventDto,
  ReferralReasonDto,
  ReconsiderationDecisionDto,
  RecordLeadDto,
  ReferralIdParam,
  ReferralMetricsQuery,
} from './dto/referral.dto.js';
import { ReferralsService } from './referrals.service.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';

/** The referring unit's staff; the workflow further limits decisions to its head. */
const REGULATOR = [Role.Handler, Role.UnitHead];
const READERS = [Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];
const WITH_POLICE = [...READERS, Role.PoliceLiaison];

const ctx = (actor: Actor, requestId: string, reason?: string): StepContext => ({ actor, requestId, reason });

@ApiTags('referrals (行刑衔接)')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @CreatesResourceAt('/referrals/:id')
  @Roles(...REGULATOR)
  @ApiOperation({
    summary: 'Record a criminal lead of the caller’s unit; its referral (YS-yyyy-nnnnnn) starts',
  })
  record(@Body() dto: RecordLeadDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.referrals.recordLead(dto, ctx(actor, requestId));
  }

  @Get()
  @Roles(...WITH_POLICE)
  @ApiOperation({
    summary: 'Referrals visible to the caller (police: those addressed to the police), filtered',
  })
  list(@Query() query: ListReferralsQuery, @CurrentActor() actor: Actor) {
    return this.referrals.list(query, actor);
  }

  @Get('metrics')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Referral rate, filing rate, overdue clocks, 以罚代刑 flags per unit and action, and average/worst time per step',
  })
  metrics(@Query() query: ReferralMetricsQuery, @CurrentActor() actor: Actor) {
    return this.referrals.metrics(query, actor);
  }

  @Get(':id')
  @AuditedRead()
  @Roles(...WITH_POLICE)
  @ApiOperation({
    summary:
      'One referral with its clocks (due time, rule, legal basis) and the caller’s next steps (allowedSteps: not those the state rules out, e.g. a third extension or supervision while the filing period runs)',
  })
  get(@Param() { id }: ReferralIdParam, @CurrentActor() actor: Actor) {
    return this.referrals.get(id, actor);
  }

  @Get(':id/timeline')
  @AuditedRead()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The referral’s ledger (regulator side and county only: it holds internal records)',
  })
  @ApiOkResponse({ type: [LedgerEntryView] })
  timeline(@Param() { id }: ReferralIdParam, @CurrentActor() actor: Actor) {
    return this.referrals.timeline(id, actor);
  }

  @Post(':id/team')
  @HttpCode(200)
  @Roles(...REGULATOR)
  @ApiOperation({ summary: 'Form the case team of at least two officers of the unit (R art. 5)' })
  formTeam(
    @Param() { id }: ReferralIdParam,
    @Body() dto: FormTeamDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.formTeam(id, dto.officers, ctx(actor, requestId));
  }

  @Post(':id/report')
  @HttpCode(200)
  @Roles(...REGULATOR)
  @ApiOperation({ summary: 'Submit the written report (kind written-report); the head’s 3-day clock starts' })
  report(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.SubmitReport, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head approves the transfer, or refuses it with a reason and the threshold assessment (flagged 以罚代刑 only when the threshold was met)',
  })
  decide(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DecideTransferDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.Decide, {
      context: ctx(actor, requestId, dto.reason),
      approved: dto.approved,
      thresholdMet: dto.thresholdMet,
      penalty: dto.penalty,
    });
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles(...REGULATOR)
  @ApiOperation({
    summary:
      'Transfer to the police with the dossier checklist (a test report may be not applicable, with a reason; the penalty decision where one was made) and the procuratorate’s copy (R art. 6, F)',
  })
  transfer(
    @Param() { id }: ReferralIdParam,
    @Body() dto: TransferDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.Transfer, {
      context: ctx(actor, requestId, dto.reason),
      documents: dto.documents,
      notApplicable: dto.notApplicable,
      penaltyMade: dto.penaltyMade,
    });
  }

  @Post(':id/receipt')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({
    summary: 'The police sign the receipt; the filing clock and the 24 h incomplete-file window start',
  })
  receive(
    @Param() { id }: ReferralIdParam,
    @Body() dto: OptionalDocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.Receive, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/incomplete')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({
    summary: 'The police call the file incomplete within 24 h; the unit has 3 days (P art. 180)',
  })
  incomplete(
    @Param() { id }: ReferralIdParam,
    @Body() dto: NotifyIncompleteDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.NotifyIncomplete, {
      context: ctx(actor, requestId),
      missing: dto.missing,
    });
  }

  @Post(':id/completion')
  @HttpCode(200)
  @Roles(...REGULATOR)
  @ApiOperation({ summary: 'The unit completes the file; the filing clock restarts from the completion' })
  complete(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentsStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.CompleteFile, {
      context: ctx(actor, requestId, dto.reason),
      documents: dto.documents,
    });
  }

  @Post(':id/extension')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({ summary: 'Extend the filing period to 30 d, then +30 d, each with a recorded approval' })
  extend(
    @Param() { id }: ReferralIdParam,
    @Body() dto: ExtendFilingPeriodDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.ExtendFilingPeriod, {
      context: ctx(actor, requestId, dto.reason),
      approval: { level: dto.level, approver: dto.approver, document: dto.document },
    });
  }

  @Post(':id/filing-decision')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({
    summary: 'The police file (立案) or not (with a reason); the 3-day written notice clock starts',
  })
  decideFiling(
    @Param() { id }: ReferralIdParam,
    @Body() dto: FilingDecisionDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.DecideFiling, {
      context: ctx(actor, requestId, dto.reason),
      filed: dto.filed,
    });
  }

  @Post(':id/notice')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({ summary: 'The written notice of the decision to the unit (kind notice)' })
  notice(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.SendNotice, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/reconsideration-request')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head requests reconsideration (复议) of a refusal within 3 days; the letter (kind request-letter) is kept as reconsideration.document',
  })
  requestReconsideration(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.RequestReconsideration, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/reconsideration-decision')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({ summary: 'The police decide the reconsideration: file, or maintain the refusal' })
  decideReconsideration(
    @Param() { id }: ReferralIdParam,
    @Body() dto: ReconsiderationDecisionDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.DecideReconsideration, {
      context: ctx(actor, requestId, dto.reason),
      reconsideration: dto.decision,
    });
  }

  @Post(':id/supervision-request')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head asks the procuratorate for filing supervision (立案监督): after the refusal notice or the reconsideration (R art. 9), or once the police let the filing period run out; the letter (kind request-letter) is kept as supervision.document',
  })
  requestSupervision(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.RequestSupervision, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/procuratorate')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head records the procuratorate’s written act: explanation requested (police 7 d), filing ordered (police 15 d) or reasons accepted',
  })
  procuratorate(
    @Param() { id }: ReferralIdParam,
    @Body() dto: ProcuratorateEventDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.RecordProcuratorate, {
      context: ctx(actor, requestId, dto.reason),
      event: dto.event,
      document: dto.document,
    });
  }

  @Post(':id/explanation')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({
    summary:
      'The police explain to the procuratorate why no case was filed; the explanation (kind explanation) is kept as supervision.explanation',
  })
  explain(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.Explain, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary: 'The head accepts the police decision not to file, with a reason; the referral closes',
  })
  accept(
    @Param() { id }: ReferralIdParam,
    @Body() dto: ReferralReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.AcceptNonFiling, {
      context: ctx(actor, requestId, dto.reason),
    });
  }

  @Post(':id/handover')
  @HttpCode(200)
  @Roles(...REGULATOR)
  @ApiOperation({
    summary:
      'After filing, hand over seized items and materials within 3 days; the referral follows the criminal case',
  })
  handOver(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentsStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.HandOver, {
      context: ctx(actor, requestId, dto.reason),
      documents: dto.documents,
    });
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(Role.PoliceLiaison)
  @ApiOperation({
    summary:
      'The police withdraw the filed case (撤案) with its notice (kind notice) and reason; the case returns to the unit for an administrative penalty',
  })
  withdraw(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.WithdrawCase, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/non-prosecution')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head records the procuratorate’s decision not to prosecute (不起诉, kind procuratorate-document); the case returns for an administrative penalty',
  })
  nonProsecution(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.RecordNonProsecution, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/criminal-conclusion')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head records how the criminal case ended (prosecuted, judged; kind procuratorate-document); the referral closes',
  })
  concludeCriminalCase(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.ConcludeCriminalCase, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/penalty-decision')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'On a withdrawn or not-prosecuted case: the head records the administrative penalty decision, or why none; the referral closes',
  })
  decidePenalty(
    @Param() { id }: ReferralIdParam,
    @Body() dto: PenaltyDecisionDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.DecidePenalty, {
      context: ctx(actor, requestId, dto.reason),
      penalty: dto.penalty,
    });
  }

  @Post(':id/duty-crime-clues')
  @HttpCode(200)
  @Roles(Role.UnitHead)
  @ApiOperation({
    summary:
      'The head transfers clues of a public official’s duty crime to the supervisory commission (监察机关), with the letter (kind supervisory-transfer-letter) and reason',
  })
  transferDutyCrimeClue(
    @Param() { id }: ReferralIdParam,
    @Body() dto: DocumentStepDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.step(id, ReferralStep.TransferDutyCrimeClue, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
    });
  }

  @Post(':id/refusal-findings')
  @HttpCode(200)
  @Roles(Role.Auditor, Role.Supervisor)
  @ApiOperation({
    summary:
      'A refusal found unfounded: an auditor’s finding, or the procuratorate’s recorded by a supervisor (kind finding, reason); the referral is flagged 以罚代刑 and goes back to the head',
  })
  recordRefusalFinding(
    @Param() { id }: ReferralIdParam,
    @Body() dto: RefusalFindingDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.referrals.recordRefusalFinding(id, {
      context: ctx(actor, requestId, dto.reason),
      document: dto.document,
      foundBy: dto.foundBy,
    });
  }
}
