import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import {
  BackfillDto,
  BulletinIdParam,
  CycleParam,
  ListReportRequestsQuery,
  ReportRequestIdParam,
  YearParam,
} from './dto/reporting-params.dto.js';
import { SubmitReportDto } from './dto/submit-report.dto.js';
import { ReportingSchedules } from './reporting-schedules.service.js';
import { ReportingService } from './reporting.service.js';

/** Lead units' staff see and answer their own requests; county-wide roles see all. */
const REPORT_READERS = [Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];
const COUNTY_READERS = [Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];

@ApiTags('reporting cycles (月调度、季通报、年考核)')
@ApiBearerAuth()
@Controller('report-requests')
export class ReportRequestsController {
  constructor(private readonly reporting: ReportingService) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary: "Report requests visible to the caller (own unit's, or all for county-wide roles)",
  })
  list(@Query() query: ListReportRequestsQuery, @CurrentActor() actor: Actor) {
    return this.reporting.list(query, actor);
  }

  @Get(':id')
  @AuditedRead()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary: 'One report request: period, plan version, indicators asked for, due date and its rule',
  })
  get(@Param() { id }: ReportRequestIdParam, @CurrentActor() actor: Actor) {
    return this.reporting.get(id, actor);
  }

  @Get(':id/timeline')
  @AuditedRead()
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: "The request's ledger: opened, reminded, missed, submitted" })
  @ApiOkResponse({ type: [LedgerEntryView] })
  timeline(@Param() { id }: ReportRequestIdParam, @CurrentActor() actor: Actor) {
    return this.reporting.timeline(id, actor);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles(Role.Handler, Role.UnitHead)
  @ApiOperation({
    summary:
      'Answer the request: a value per indicator (percent 0–100, counts whole ≥ 0), progress and problems. ' +
      'A late answer is accepted and resolves the missed-report card.',
  })
  submit(
    @Param() { id }: ReportRequestIdParam,
    @Body() dto: SubmitReportDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.reporting.submit(id, dto, { actor, requestId });
  }
}

@ApiTags('reporting cycles (月调度、季通报、年考核)')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly reporting: ReportingService) {}

  @Get()
  @Roles(...COUNTY_READERS)
  @ApiOperation({ summary: 'Quarterly bulletins (季通报), newest quarter first' })
  list() {
    return this.reporting.bulletins();
  }

  @Get(':id')
  @Roles(...COUNTY_READERS)
  @ApiOperation({ summary: 'A bulletin with its cut-off and the inputs snapshot it was rendered from' })
  get(@Param() { id }: BulletinIdParam) {
    return this.reporting.bulletin(id);
  }

  @Get(':id/bulletin.html')
  @Roles(...COUNTY_READERS)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The bulletin as HTML with SVG charts' })
  html(@Param() { id }: BulletinIdParam) {
    return this.reporting.bulletinDocument(id, 'html');
  }

  @Get(':id/indicators.csv')
  @Roles(...COUNTY_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Indicator progress per action and unit against the target path, as CSV' })
  indicatorsCsv(@Param() { id }: BulletinIdParam) {
    return this.reporting.bulletinDocument(id, 'indicators_csv');
  }

  @Get(':id/units.csv')
  @Roles(...COUNTY_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Ranking of units with reports, risk items, cards by colour and referral figures, as CSV',
  })
  unitsCsv(@Param() { id }: BulletinIdParam) {
    return this.reporting.bulletinDocument(id, 'units_csv');
  }

  @Post(':id/regenerate')
  @HttpCode(200)
  @Roles(...COUNTY_READERS)
  @ApiOperation({
    summary:
      'Render the bulletin again from its stored inputs and cut-off; reports whether it is byte-identical',
  })
  regenerate(@Param() { id }: BulletinIdParam) {
    return this.reporting.regenerate(id);
  }
}

@ApiTags('reporting cycles (月调度、季通报、年考核)')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly reporting: ReportingService) {}

  @Get(':year')
  @Roles(...COUNTY_READERS)
  @ApiOperation({
    summary: 'Annual assessment (年考核): a score and grade per unit, with every point explained',
  })
  get(@Param() { year }: YearParam) {
    return this.reporting.assessment(year);
  }
}

@ApiTags('reporting cycles (月调度、季通报、年考核)')
@ApiBearerAuth()
@Controller('reporting/schedules')
export class ReportingSchedulesController {
  constructor(private readonly schedules: ReportingSchedules) {}

  @Get()
  @Roles(...COUNTY_READERS)
  @ApiOperation({ summary: 'The cycle schedules: next and recent runs' })
  list() {
    return this.schedules.describe();
  }

  @Post(':cycle/trigger')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary:
      'Run a cycle now (its period follows from the current time) and answer with what it did: the requests ' +
      'it opened, or nothingOpenedBecause; the quarter’s bulletin, alreadyGenerated when an earlier run made it',
  })
  @ApiOkResponse({
    schema: {
      example: {
        cycle: 'monthly-dispatch',
        workflowId: 'reporting-cycle/monthly-dispatch-triggered-2026-12-01T01:00:00.000Z',
        result: {
          at: '2026-12-01T01:00:00.000Z',
          period: '2026-11',
          opened: [],
          alreadyOpen: [],
          nothingOpenedBecause:
            'no monthly report is due for 2026-11 (outside the campaign period of the active plan) and no plan deliverable falls due in 2026-12',
        },
      },
    },
  })
  trigger(@Param() { cycle }: CycleParam) {
    return this.schedules.trigger(cycle);
  }

  @Post(':cycle/backfill')
  @HttpCode(202)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary:
      'Run a cycle for every time its schedule would have fired in [from, to), e.g. the 2022–2024 campaign; ' +
      'each run reports on its own period. Request ids are deterministic, so overlapping backfills open nothing twice.',
  })
  backfill(@Param() { cycle }: CycleParam, @Body() dto: BackfillDto) {
    return this.schedules.backfill(cycle, dto.from, dto.to);
  }
}
