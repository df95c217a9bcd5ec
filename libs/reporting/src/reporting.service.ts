import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, type Actor, type StepContext } from '../../contracts/src/identity.js';
import {
  reportRequestWorkflowId,
  submitReportUpdate,
  type ReportRequestState,
  type ReportRequestView,
} from '../../contracts/src/reporting.contracts.js';
import { canSeeUnit } from '../../identity/src/domain/access-policy.js';
import { toLedgerEntryView, type LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { type DownloadName } from '../../platform/src/http/download.js';
import { executeCaseUpdate } from '../../platform/src/temporal/case-update.js';
import {
  rebuiltBulletin,
  REGENERATED_LAYOUTS,
  TARGET_MODEL,
  type BulletinInputs,
} from './domain/bulletin.js';
import { bulletinTables, type BulletinTable } from './domain/bulletin-tables.js';
import { viewReportRequest } from './domain/report-request.rules.js';
import { reportValueProblems } from './domain/report-values.js';
import { bulletinCsvFileName, type BulletinCsvTable } from './domain/bulletin-render.js';
import { type ListReportRequestsQuery } from './dto/reporting-params.dto.js';
import { type SubmitReportDto } from './dto/submit-report.dto.js';
import { renderBulletin } from './bulletin-document.js';

const notFound = (what: string, id: string) =>
  new DubanError(ErrorKind.NotFound, `${what}.not-found`, `No ${what.replace('-', ' ')} ${id}`);

export interface BulletinRecord {
  id: string;
  quarter: string;
  cutoff: string;
  planVersion: number;
  policyVersion: string;
  htmlSha256: string;
  laggingUnits: string[];
  createdAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

interface BulletinRow {
  id: string;
  quarter: string;
  cutoff: Date;
  plan_version: number;
  policy_version: string;
  html_sha256: string;
  lagging_units: string[];
  created_at: Date;
  published_at: Date | null;
  published_by: string | null;
}

const toRecord = (r: BulletinRow): BulletinRecord => ({
  id: r.id,
  quarter: r.quarter,
  cutoff: r.cutoff.toISOString(),
  planVersion: r.plan_version,
  policyVersion: r.policy_version,
  htmlSha256: r.html_sha256,
  laggingUnits: r.lagging_units,
  createdAt: r.created_at.toISOString(),
  publishedAt: r.published_at?.toISOString() ?? null,
  publishedBy: r.published_by,
});

const BULLETIN_COLUMNS = `id, quarter, cutoff, plan_version, policy_version, html_sha256, lagging_units, created_at,
  published_at, published_by`;

const EARLIER_TARGET_MODEL =
  'made under the earlier target model (decision 0018): its stored documents stand';

export type BulletinFormat = 'html' | 'indicators_csv' | 'units_csv';
const CSV_FORMAT: Record<BulletinCsvTable, BulletinFormat> = {
  indicators: 'indicators_csv',
  units: 'units_csv',
};

/** Report requests (scoped to the caller's unit), bulletins and scores (county-wide roles). */
@Injectable()
export class ReportingService {
  constructor(
    private readonly temporal: Client,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async list(query: ListReportRequestsQuery, actor: Actor) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (!COUNTY_WIDE_ROLES.includes(actor.role)) add('unit_id = ?', actor.unitId);
    if (query.unitId) add('unit_id = ?', query.unitId);
    if (query.status) add('status = ?', query.status);
    if (query.kind) add('kind = ?', query.kind);
    if (query.period) add('period_label = ?', query.period);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM report_request ${filter}`,
      params,
    );
    const rows: Array<{ state: ReportRequestState }> = await this.dataSource.query(
      `SELECT state FROM report_request ${filter} ORDER BY due_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { items: rows.map((r) => viewReportRequest(r.state, actor)), total, limit, offset };
  }

  /** One request; outside the caller's unit it does not exist for them. */
  async get(id: string, actor: Actor): Promise<ReportRequestView> {
    const rows: Array<{ state: ReportRequestState }> = await this.dataSource.query(
      `SELECT state FROM report_request WHERE id = $1`,
      [id],
    );
    const state = rows[0]?.state;
    if (!state || !canSeeUnit(actor, state.unitId)) throw notFound('report-request', id);
    return viewReportRequest(state, actor);
  }

  async timeline(id: string, actor: Actor): Promise<LedgerEntryView[]> {
    await this.get(id, actor);
    return (await this.ledger.entriesOf(id)).map(toLedgerEntryView);
  }

  /**
   * Values are checked against the request's indicators here, so a bad report is a 400 naming each
   * field; the workflow's validator checks the same rules again (and who may answer) before anything changes.
   */
  async submit(id: string, dto: SubmitReportDto, context: StepContext): Promise<ReportRequestView> {
    const current = await this.get(id, context.actor);
    const values = dto.values.map((v) => ({ indicatorId: v.indicatorId, value: v.value }));
    const problems = reportValueProblems(current.indicators, values);
    if (problems.length > 0) {
      throw new DubanError(
        ErrorKind.Validation,
        'report-request.invalid-values',
        'The values do not match the indicators of this request',
        {},
        problems,
      );
    }
    return executeCaseUpdate(
      this.temporal.workflow.getHandle(reportRequestWorkflowId(id)),
      submitReportUpdate,
      [{ context, values, progress: dto.progress, problems: dto.problems }],
      () =>
        new DubanError(
          ErrorKind.Conflict,
          'report-request.closed',
          `Report request ${id} was already answered`,
          {
            state: current,
          },
        ),
    );
  }

  /**
   * County-wide roles see every bulletin; units see those published to them. Each with the units that
   * reported no value of an indicator they were asked for (未报送), as its document names them: null for
   * a bulletin made under the earlier target model, whose stored document stands.
   */
  async bulletins(actor: Actor): Promise<Array<BulletinRecord & { unreportedUnits: string[] | null }>> {
    const publishedOnly = COUNTY_WIDE_ROLES.includes(actor.role) ? '' : 'WHERE published_at IS NOT NULL';
    const rows: Array<BulletinRow & { inputs: string }> = await this.dataSource.query(
      `SELECT ${BULLETIN_COLUMNS}, inputs FROM bulletin ${publishedOnly}
       ORDER BY quarter DESC, created_at DESC LIMIT 200`,
    );
    return rows.map((row) => {
      const rebuilt = rebuiltBulletin(JSON.parse(row.inputs) as BulletinInputs);
      return { ...toRecord(row), unreportedUnits: rebuilt?.unreportedUnits ?? null };
    });
  }

  async bulletin(id: string): Promise<BulletinRecord & { inputs: BulletinInputs }> {
    const rows: Array<BulletinRow & { inputs: string }> = await this.dataSource.query(
      `SELECT ${BULLETIN_COLUMNS}, inputs FROM bulletin WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound('bulletin', id);
    return { ...toRecord(rows[0]), inputs: JSON.parse(rows[0].inputs) as BulletinInputs };
  }

  async bulletinDocument(id: string, format: BulletinFormat): Promise<string> {
    return (await this.documents(id))[format];
  }

  /** One of a bulletin's stored CSV tables, with the name its file goes by. */
  async bulletinCsv(id: string, table: BulletinCsvTable): Promise<{ csv: string; name: DownloadName }> {
    const documents = await this.documents(id);
    return {
      csv: documents[CSV_FORMAT[table]],
      name: bulletinCsvFileName(id, documents.quarter, table),
    };
  }

  /**
   * The bulletin's tables as its document prints them (指标进度, 单位排名, 亮牌情况), made from its stored
   * inputs. A bulletin made under the earlier target model would come out otherwise than it was issued:
   * its tables are in its stored CSV files.
   */
  async tables(id: string): Promise<{ id: string; quarter: string; tables: BulletinTable[] }> {
    const stored = await this.bulletin(id);
    const bulletin = rebuiltBulletin(stored.inputs);
    if (!bulletin)
      throw new DubanError(
        ErrorKind.Conflict,
        'bulletin.earlier-target-model',
        `${id} was ${EARLIER_TARGET_MODEL}`,
      );
    const { indicators, units, cards } = bulletinTables(bulletin);
    return { id, quarter: stored.quarter, tables: [indicators, units, cards] };
  }

  /** Renders the bulletin again from its stored inputs and compares it with what was stored. */
  async regenerate(id: string) {
    const [stored, documents] = await Promise.all([this.bulletin(id), this.documents(id)]);
    // Its documents stand as published: today's rules or layout are not the ones it was made under.
    const notRenderedBecause =
      stored.inputs.targetModel !== TARGET_MODEL
        ? EARLIER_TARGET_MODEL
        : !REGENERATED_LAYOUTS.includes(stored.inputs.layout)
          ? 'rendered in an earlier document layout (decision 0012): its stored documents stand'
          : null;
    if (notRenderedBecause) {
      return {
        id,
        cutoff: stored.cutoff,
        htmlSha256: stored.htmlSha256,
        identical: null,
        notRenderedBecause,
      };
    }
    const again = renderBulletin(stored.inputs);
    return {
      id,
      cutoff: stored.cutoff,
      htmlSha256: again.htmlSha256,
      identical:
        again.html === documents.html &&
        again.indicatorsCsv === documents.indicators_csv &&
        again.unitsCsv === documents.units_csv,
    };
  }

  private async documents(id: string): Promise<Record<BulletinFormat | 'quarter', string>> {
    const rows: Array<Record<BulletinFormat | 'quarter', string>> = await this.dataSource.query(
      `SELECT quarter, html, indicators_csv, units_csv FROM bulletin WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound('bulletin', id);
    return rows[0];
  }
}
