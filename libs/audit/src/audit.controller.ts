import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { type Response } from 'express';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Role } from '../../contracts/src/identity.js';
import { Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { DOWNLOAD_HEADERS, offerAsFile } from '../../platform/src/http/download.js';
import { AuditService } from './audit.service.js';
import {
  CaseIdParam,
  DailyChainParam,
  DiffQuery,
  PeriodQuery,
  StateAtQuery,
  TimelineQuery,
} from './dto/audit.dto.js';
import {
  CaseChainVerdictView,
  CaseDiffView,
  CaseStateView,
  CaseTimelineView,
  DailyChainView,
  PeriodVerdictView,
  ReplayVerdictView,
} from './dto/audit.views.js';

const MOMENT_OUTSIDE_CASE =
  '`audit.before-case-existed` (a time before the first step) or `audit.no-such-step` (a sequence past the last)';

/** Read-only, county-wide, for auditors; each read is itself ledgered on the day's access chain. */
@ApiTags('audit (审计回放)')
@ApiBearerAuth()
@Roles(Role.Auditor)
@AuditedRead()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('cases/:caseId/timeline')
  @ApiOperation({
    summary:
      "One timeline of the case: its ledger steps and its workflows' events (timers fired, signals, " +
      'updates, escalations, notifications, child workflows), each with actor, role, unit, reason and time. ' +
      'A chain no workflow wrote (reporting-cycles, a bulletin’s publication: runId "-") has its ledger steps only',
  })
  @ApiOkResponse({ type: CaseTimelineView })
  timeline(@Param() { caseId }: CaseIdParam, @Query() { page, pageSize }: TimelineQuery) {
    return this.audit.timeline(caseId, page, pageSize);
  }

  @Get('cases/:caseId/state')
  @ApiOperation({
    summary: 'The case as it was at a moment (a ledger sequence or a timestamp), from the recorded state',
  })
  @ApiOkResponse({ type: CaseStateView })
  @ApiUnprocessableEntityResponse({ description: MOMENT_OUTSIDE_CASE })
  stateAt(@Param() { caseId }: CaseIdParam, @Query() { at }: StateAtQuery) {
    return this.audit.stateAt(caseId, at);
  }

  @Get('cases/:caseId/diff')
  @ApiOperation({ summary: 'What changed in the case between two moments, field by field' })
  @ApiOkResponse({ type: CaseDiffView })
  @ApiUnprocessableEntityResponse({ description: MOMENT_OUTSIDE_CASE })
  diff(@Param() { caseId }: CaseIdParam, @Query() { from, to }: DiffQuery) {
    return this.audit.diff(caseId, from, to);
  }

  @Get('cases/:caseId/verify/replay')
  @ApiOperation({
    summary:
      "Replays the case's recorded histories on the worker's current workflow code: deterministic or " +
      'not (with the divergence), and whether the replayed steps reproduce the ledger and its final state',
  })
  @ApiOkResponse({ type: ReplayVerdictView })
  @ApiUnprocessableEntityResponse({
    description:
      '`audit.no-workflow`: no workflow ran the case (every step has runId "-", e.g. reporting-cycles), ' +
      'so there is nothing to replay; verify its ledger instead. Not worth retrying',
  })
  verifyReplay(@Param() { caseId }: CaseIdParam) {
    return this.audit.verifyReplay(caseId);
  }

  @Get('cases/:caseId/verify/ledger')
  @ApiOperation({ summary: "Recomputes the case's hash chain and reports the first broken link" })
  @ApiOkResponse({ type: CaseChainVerdictView })
  verifyLedger(@Param() { caseId }: CaseIdParam) {
    return this.audit.verifyLedger(caseId);
  }

  @Get('ledger/verify')
  @ApiOperation({
    summary: 'Recomputes the hash chain of every case with a step in [from, to) and lists broken ones',
  })
  @ApiOkResponse({ type: PeriodVerdictView })
  @ApiUnprocessableEntityResponse({
    description: '`audit.invalid-period`: from is not before to, or the period is longer than 366 days',
  })
  verifyPeriod(@Query() { from, to }: PeriodQuery) {
    return this.audit.verifyPeriod(from, to);
  }

  @Get('cases/:caseId/dossier')
  @ApiProduces('application/json')
  @ApiOkResponse({
    description:
      'The case dossier: ledger entries, Temporal histories (one per workflow run on the ledger; none for a ' +
      'chain no workflow wrote, such as reporting-cycles), documents (metadata and sha256) and the ' +
      'chain head; check it offline with `duban audit verify FILE`',
    headers: DOWNLOAD_HEADERS,
  })
  @ApiOperation({ summary: 'Export the case dossier (one JSON file)' })
  dossier(@Param() { caseId }: CaseIdParam, @Res({ passthrough: true }) response: Response) {
    // The id matches CASE_ID_PATTERN: plain ASCII, the file's name as it stands.
    const name = `${caseId}.dossier.json`;
    offerAsFile(response, { name, ascii: name });
    return this.audit.dossier(caseId);
  }

  @Get('chains/:kind/:day')
  @ApiOperation({
    summary:
      "A day's chain, verified: refused privileged actions (refused), auditors' reads (access), or " +
      'changes to people, units, sessions, tokens and webhooks (identity)',
  })
  @ApiOkResponse({ type: DailyChainView })
  dailyChain(@Param() { kind, day }: DailyChainParam) {
    return this.audit.dailyChain(kind, day);
  }
}
