import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { type Response } from 'express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { csvForExcel, DOWNLOAD_HEADERS } from '../../platform/src/http/download.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import {
  ApproveAssessmentDto,
  BackfillDto,
  CycleRunDto,
  BulletinIdParam,
  CycleParam,
  ListReportRequestsQuery,
  ReportRequestIdParam,
  UnitViewQuery,
  YearParam,
} from './dto/reporting-params.dto.js';
import { ReportingPublication } from './reporting-publication.service.js';
import { SubmitReportDto } from './dto/submit-report.dto.js';
import { ReportingSchedules } from './reporting-schedules.service.js';
import { ReportingService } from './reporting.service.js';

/** Lead units' staff see and answer their own requests; county-wide roles see all. */
const REPORT_READERS = [Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];
const COUNTY_READERS = [Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];
const PROBLEM = { description: 'application/problem+json' };
/** How a bulletin's CSV table is served, beside the stored document it is, and the columns it has. */
const csvDownload = (columns: string) =>
  'The stored table (RFC 4180, CRLF), sent after a UTF-8 byte order mark so that Excel reads its Chinese; ' +
  'the mark is not part of the stored document. Offered as a file named for the quarter and the table, ' +
  `e.g. 2023年第一季度通报-指标表.csv (ASCII: TB-2023-Q1-1-indicators.csv). ${columns} ` +
  'A text cell that Excel would read as a formula (beginning with = + - @, a tab or a carriage return) is ' +
  "written after a single quote ('=…); figures are numbers. " +
  'A bulletin stored in document layout 2 is served as stored, headed by English field names (decision 0012).';
/** The console's policy (decision 0021) without script at all, and with the document's own inline styles. */
const BULLETIN_DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
  constructor(
    private readonly reporting: ReportingService,
    private readonly publication: ReportingPublication,
  ) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary:
      'Quarterly bulletins (季通报), newest quarter first: all for county-wide roles, published ones for units',
    description:
      'laggingUnits: units lagging on an indicator (behind, or not reporting it where the policy counts that as ' +
      'lagging); unreportedUnits: units asked for an indicator in the quarter that reported no value for it ' +
      '(未报送), as the document names them; null for a bulletin made under the earlier target model.',
  })
  list(@CurrentActor() actor: Actor) {
    return this.reporting.bulletins(actor);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.Admin)
  @ApiOperation({
    summary: 'Publish the bulletin (通报) to the units: a step on the ledger with who and when',
  })
  @ApiOkResponse({
    schema: {
      example: { id: 'TB-2023-Q1-1', publishedAt: '2023-04-21T02:00:00.000Z', publishedBy: 'u-fso-1' },
    },
  })
  @ApiNotFoundResponse(PROBLEM)
  @ApiConflictResponse({
    description: 'Already published, or made under the earlier target model (application/problem+json)',
  })
  publish(@Param() { id }: BulletinIdParam, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.publication.publishBulletin(id, { actor, requestId });
  }

  @Get(':id/unit-view')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary:
      "A unit's reading of a published bulletin: its own indicator lines and figures in full, and the ranking of every unit",
  })
  @ApiOkResponse({
    description:
      "unitId, own, indicators, ranking, publishedAt, and (bulletins of layout 4) catchUpZh: the document's " +
      'sentence naming the units behind (指标进度滞后的单位) and those that did not report (未报送指标数值的单位); ' +
      'absent for earlier layouts. A rank is shared by units equal on attainment, missed ' +
      'reports and cards raised (1, 1, 3); a unit answering for no indicator has rank null and is listed after ' +
      'the ranked ones (bulletins of layout 4; earlier ones as issued: ranks 1, 2, 3, … by unit id among equals). ' +
      'An indicator line with actual null was not reported; lagging true on it is 未报按滞后计 (the policy).',
    schema: {
      example: {
        unitId: 'supply-coop',
        own: {
          rank: null,
          unitId: 'supply-coop',
          nameZh: '供销社',
          attainment: null,
          laggingIndicators: 0,
          reports: { requested: 0, submitted: 0, missed: 0 },
          riskItems: { opened: 1, closed: 0, overdue: 1 },
          cards: {},
          referrals: { leadsMeetingThreshold: 0, referred: 0, rate: null },
        },
        indicators: [],
        ranking: [
          { rank: 1, unitId: 'amr', nameZh: '市场监管局', attainment: 87.5, laggingIndicators: 0 },
          { rank: 1, unitId: 'agri', nameZh: '农业农村局', attainment: 87.5, laggingIndicators: 0 },
          { rank: 3, unitId: 'health', nameZh: '卫健委', attainment: 80, laggingIndicators: 1 },
          {
            rank: null,
            unitId: 'supply-coop',
            nameZh: '供销社',
            attainment: null,
            laggingIndicators: 0,
          },
        ],
        catchUpZh:
          '本季度指标进度滞后的单位：卫健委；本季度未报送指标数值的单位：教育局（未报按滞后计），请于下一调度期内整改到位。',
        publishedAt: '2023-04-21T02:00:00.000Z',
      },
    },
  })
  @ApiNotFoundResponse({
    description: 'No such bulletin, or (for unit staff) not published yet (application/problem+json)',
  })
  unitView(
    @Param() { id }: BulletinIdParam,
    @Query() { unitId }: UnitViewQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.publication.unitView(id, actor, unitId);
  }

  @Get(':id')
  @Roles(...COUNTY_READERS)
  @ApiOperation({ summary: 'A bulletin with its cut-off and the inputs snapshot it was rendered from' })
  get(@Param() { id }: BulletinIdParam) {
    return this.reporting.bulletin(id);
  }

  @Get(':id/tables')
  @Roles(...COUNTY_READERS)
  @ApiOperation({
    summary:
      "The bulletin's tables as its document prints them (指标进度, 单位排名, 亮牌情况): Chinese headers, units and indicators by name",
  })
  @ApiOkResponse({
    schema: {
      example: {
        id: 'TB-2023-Q1-1',
        quarter: '2023-Q1',
        tables: [
          {
            title: '单位排名',
            header: ['名次', '单位', '达标率（%）'],
            rows: [
              ['1（并列）', '市场监管局', 87.5],
              ['1（并列）', '农业农村局', 87.5],
              [3, '卫健委', 80],
              ['不参与排名', '供销社', null],
            ],
          },
        ],
      },
    },
  })
  @ApiConflictResponse({
    description: 'bulletin.earlier-target-model: its tables are in its stored CSV files',
  })
  tables(@Param() { id }: BulletinIdParam) {
    return this.reporting.tables(id);
  }

  @Get(':id/bulletin.html')
  @Roles(...COUNTY_READERS)
  @Header('Content-Type', 'text/html; charset=utf-8')
  // A stored, script-free document: its print CSS and ECharts' SVG carry inline styles, nothing else runs.
  @Header('Content-Security-Policy', BULLETIN_DOCUMENT_CSP)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The bulletin as an official A4 document (HTML with SVG charts)' })
  html(@Param() { id }: BulletinIdParam) {
    return this.reporting.bulletinDocument(id, 'html');
  }

  @Get(':id/indicators.csv')
  @Roles(...COUNTY_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Indicator progress per action and unit against the target path, as CSV (指标表)',
  })
  @ApiOkResponse({
    type: String,
    description: csvDownload(
      'Layout 3 heads it in Chinese, each code beside its name: 行动编号,行动名称,单位编码,单位名称,指标编码,' +
        '指标名称,计量单位 (% or 项),达标方向 (不低于/不高于),目标类型 (达到/保持),基线,基线来源 (方案/首次调度/无基线，按 0 计; layout 3 wrote 未报 for the last),' +
        '目标进度,上报值 (empty when not reported),差距,是否滞后 (是/否),目标年份推定说明.',
    ),
    headers: DOWNLOAD_HEADERS,
  })
  async indicatorsCsv(@Param() { id }: BulletinIdParam, @Res({ passthrough: true }) response: Response) {
    const { csv, name } = await this.reporting.bulletinCsv(id, 'indicators');
    return csvForExcel(response, csv, name);
  }

  @Get(':id/units.csv')
  @Roles(...COUNTY_READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Ranking of units with reports, risk items, cards by colour and referral figures, as CSV (单位表)',
  })
  @ApiOkResponse({
    type: String,
    description: csvDownload(
      'Layout 3 heads it in Chinese: 名次,单位编码,单位名称,达标率（%）,滞后指标数,应报,已报,漏报,新增隐患,销号隐患,' +
        '逾期隐患, a pair per card colour of the quarter (黄牌亮牌,黄牌摘牌, …), 达到移送标准,已移送,移送率（%）.',
    ),
    headers: DOWNLOAD_HEADERS,
  })
  async unitsCsv(@Param() { id }: BulletinIdParam, @Res({ passthrough: true }) response: Response) {
    const { csv, name } = await this.reporting.bulletinCsv(id, 'units');
    return csvForExcel(response, csv, name);
  }

  @Post(':id/regenerate')
  @HttpCode(200)
  @Roles(...COUNTY_READERS)
  @ApiOperation({
    summary:
      'Render the bulletin again from its stored inputs and cut-off; reports whether it is byte-identical',
    description:
      'Layouts 3 and 4 are rendered again, each by the rules it was issued under (decision 0012). A bulletin ' +
      'of an earlier target model or document layout (layout 2: CSV tables headed in English) is not rendered ' +
      'again: its stored documents stand, and the answer says so with identical: null and notRenderedBecause.',
  })
  regenerate(@Param() { id }: BulletinIdParam) {
    return this.reporting.regenerate(id);
  }
}

@ApiTags('reporting cycles (月调度、季通报、年考核)')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly publication: ReportingPublication) {}

  @Get(':year')
  @Roles(...REPORT_READERS)
  @ApiOperation({
    summary:
      'Annual assessment (年考核), labelled 专项得分: a score and grade per unit on what applies to it, every point ' +
      'explained; a draft computed now, or the frozen score once 食安委 approved it',
    description:
      'County-wide roles read every unit. Unit staff (handler, unit head) read their own unit only: `units` holds ' +
      'at most their unit, with its lines (empty when the unit is not in the year’s assessment); no other ' +
      'unit’s score or breakdown.',
  })
  @ApiOkResponse({
    description:
      'Each breakdown line keeps its stable `item` code, `points` (two decimals; a unit’s lines sum to its score ' +
      'to the cent) and English `detail`, and says the same for people and scripts: `component`, `itemZh` ' +
      '(项目, e.g. 指标完成：<指标名称>), `detailZh` (说明, with the counts that make the points), `applicable`, ' +
      '`maxPoints`, `counts` {met, of}, `indicator` {id, nameZh, actionNo, reported, path, baseline, ' +
      'baselineSource, attainmentPercent}, `card` {colour, nameZh, count, each}, `roundingAdjustment` (±0.01). ' +
      'A year approved before 2026-12-03 answers its lines as frozen: item, points and detail only.',
    schema: {
      example: {
        year: 2023,
        label: { zh: '专项得分', en: 'Campaign score' },
        status: 'draft',
        planVersion: 1,
        policyVersion: '2026-12-01.1',
        approval: null,
        units: [
          {
            unitId: 'health',
            nameZh: '卫健委',
            score: 78,
            grade: 'pass',
            gradeZh: '合格',
            breakdown: [
              {
                item: 'indicators',
                component: 'indicators',
                points: 0,
                applicable: false,
                itemZh: '指标完成',
                detailZh: '本单位不承担方案量化指标：不适用（0 分）',
                detail: 'answers for no indicator of the plan 无量化指标: not applicable',
              },
              {
                item: 'monthly-reports',
                component: 'monthlyReports',
                points: 80,
                applicable: true,
                maxPoints: 100,
                counts: { met: 10, of: 12 },
                itemZh: '月调度报送',
                detailZh: '应报送 12 次，按时报送 10 次；本项满分 100 分（权重 20/20 折算），得 80 分',
                detail: '10 of 12 monthly reports 月调度报送 on time',
              },
              {
                item: 'cards:yellow',
                component: 'cards',
                points: -2,
                applicable: true,
                card: { colour: 'yellow', nameZh: '黄牌警示', count: 1, each: 2 },
                itemZh: '亮牌扣分：黄牌警示',
                detailZh: '黄牌警示 1 张 × −2 分，扣 2 分',
                detail: '1 yellow cards 亮牌 × −2',
              },
            ],
          },
        ],
      },
    },
  })
  get(@Param() { year }: YearParam, @CurrentActor() actor: Actor) {
    return this.publication.assessment(year, actor);
  }

  @Post(':year/approve')
  @HttpCode(200)
  @Roles(Role.Leader, Role.Supervisor, Role.Admin)
  @ApiOperation({
    summary:
      "Record the county food-safety committee's (食安委) approval of the year's score: it is frozen as it stands, " +
      'with the decision, the day, and who recorded it on the ledger',
  })
  @ApiOkResponse({
    description: 'The frozen score: status approved, with the decision, the day and who recorded it',
  })
  @ApiBadRequestResponse(PROBLEM)
  @ApiConflictResponse({
    description:
      'Already approved, the year is not over, it ends before the campaign starts ' +
      '(`assessment.before-campaign`) or begins after it ends (`assessment.after-campaign`) (application/problem+json)',
  })
  approve(
    @Param() { year }: YearParam,
    @Body() dto: ApproveAssessmentDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.publication.approve(year, dto, { actor, requestId });
  }
}

@ApiTags('reporting cycles (月调度、季通报、年考核)')
@ApiBearerAuth()
@Controller('reporting/schedules')
export class ReportingSchedulesController {
  constructor(private readonly schedules: ReportingSchedules) {}

  @Get()
  @Roles(...COUNTY_READERS)
  @ApiOperation({
    summary:
      'The cycle schedules: next and recent runs, and the runs people started by hand (立即运行, backfill) ' +
      'with who, when and why, from the ledger (case reporting-cycles)',
  })
  list() {
    return this.schedules.describe();
  }

  @Post(':cycle/trigger')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary:
      'Run a cycle now (its period follows from the current time) and answer with what it did: the requests ' +
      'it opened, or nothingOpenedBecause; the quarter’s bulletin, alreadyGenerated when an earlier run made it. ' +
      'Who asked and why is on the ledger (case reporting-cycles) before the run starts. Every trigger starts ' +
      'its own run (the workflow id ends in a fresh uuid), also several at once: they open no request twice ' +
      'and make one bulletin per quarter',
  })
  @ApiOkResponse({
    schema: {
      example: {
        cycle: 'monthly-dispatch',
        workflowId:
          'reporting-cycle/monthly-dispatch-triggered-2026-12-01T01:00:00.000Z-3f1c2a9e-8d4b-4c1e-9a7f-0b5e6d2c1a48',
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
  @ApiConflictResponse({
    description:
      '`reporting.period-before-campaign`: a quarterly bulletin run now would report on a quarter that ends ' +
      'before the campaign starts (`quarter`, `campaignFrom`); nothing is ledgered or run (application/problem+json)',
  })
  trigger(
    @Param() { cycle }: CycleParam,
    @Body() { reason }: CycleRunDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.schedules.trigger(cycle, { actor, requestId, reason });
  }

  @Post(':cycle/backfill')
  @HttpCode(202)
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({
    summary:
      'Run a cycle for every time its schedule would have fired in [from, to), e.g. the 2022–2024 campaign; ' +
      'each run reports on its own period. Request ids are deterministic, so overlapping backfills open nothing twice. ' +
      'Who asked and why is on the ledger (case reporting-cycles). Only times already past and within the ' +
      'campaign: a refused window is neither ledgered nor run.',
  })
  @ApiAcceptedResponse({
    schema: {
      example: {
        cycle: 'monthly-dispatch',
        from: '2022-06-30T16:00:00.000Z',
        to: '2024-12-31T15:59:59.000Z',
      },
    },
  })
  @ApiBadRequestResponse({
    description:
      'application/problem+json: `reporting.backfill-future` (`to` after now: run it now with trigger), ' +
      '`reporting.backfill-before-campaign` (`from` before the cycle’s first run that reports on the active ' +
      "plan's campaign: for the dispatch 00:00 Beijing time on the first of the month the campaign starts in, " +
      'for the bulletin the start of the quarter after the one it starts in), `reporting.backfill-range` ' +
      '(longer than 1830 days), `reporting.backfill-empty` (no run of the schedule in [from, to): the ' +
      'problem gives the window as `from` and `to`, and `firstRun`, the first run at or after `from`), ' +
      '`request.invalid` (`to` not after `from`, a malformed instant); each naming its field in `errors`',
  })
  @ApiNotFoundResponse({
    description: '`plan.not-loaded`: no plan gives the campaign yet (application/problem+json)',
  })
  backfill(
    @Param() { cycle }: CycleParam,
    @Body() dto: BackfillDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.schedules.backfill(cycle, dto.from, dto.to, { actor, requestId, reason: dto.reason });
  }
}
