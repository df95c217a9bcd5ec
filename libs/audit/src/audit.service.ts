import { existsSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { isWorkflowRun, NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';
import { verifyChain, type ChainedEntry, type ChainVerdict } from '../../ledger/src/domain/ledger-chain.js';
import { LedgerEntryEntity } from '../../ledger/src/ledger-entry.entity.js';
import { type DailyChainKind } from '../../ledger/src/daily-chain.js';
import { toLedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService, toChainedEntry } from '../../ledger/src/ledger.service.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { CaseDocumentSources } from './case-document-sources.js';
import { replayCase, type ReplayVerdict } from './case-replay.js';
import { AuditErrorCode, auditInvalid, noWorkflow, unknownCase } from './domain/audit-error.js';
import { diffStates, parseMoment, stateAt, type StateChange } from './domain/case-state.js';
import { DOSSIER_FORMAT, documentsOnLedger, type Dossier, type RecordedRun } from './domain/dossier.js';
import { historyTimeline, type TimelineEntry } from './domain/history-events.js';
import {
  inboxTimelineEntry,
  ledgerWindow,
  splitNotificationKey,
  timelinePage,
  type InboxNotification,
  type LedgerStepSummary,
  type Page,
} from './domain/timeline.js';
import { HistoryArchive } from './history-archive.service.js';

/** The longest period one ledger verification covers. */
export const MAX_VERIFY_PERIOD_DAYS = 366;

/** How many case ids a period verification reads from its cursor at a time. */
export const VERIFY_CASE_BATCH_SIZE = 100;

interface RunRef {
  workflowId: string;
  runId: string;
}

export interface CaseTimeline extends Page<TimelineEntry> {
  caseId: string;
  caseType: string;
}

export interface CaseStateAt {
  caseId: string;
  caseType: string;
  sequence: number;
  action: string;
  occurredAt: string;
  state: unknown;
}

/** Auditors' read-only view of any case (docs/domain.md §3.6): generic over case types via the ledger. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly archive: HistoryArchive,
    private readonly documentSources: CaseDocumentSources,
  ) {}

  /**
   * One page of the case's timeline. The ledger is paged in SQL (only the steps the page can hold, and
   * without their states); the workflow events come from the runs' histories, which continue-as-new
   * keeps short.
   */
  async timeline(caseId: string, page: number, pageSize: number): Promise<CaseTimeline> {
    const [summary]: Array<{ steps: number; caseType: string | null }> = await this.dataSource.query(
      `SELECT count(*)::int AS steps, min(case_type) AS "caseType" FROM ledger_entry WHERE case_id = $1`,
      [caseId],
    );
    if (summary.steps === 0) throw unknownCase(caseId);
    // Steps the API recorded outside any workflow (a run by hand, a publication) have no history to read.
    const runs: RunRef[] = await this.dataSource.query(
      `SELECT workflow_id AS "workflowId", run_id AS "runId" FROM ledger_entry
       WHERE case_id = $1 AND run_id <> $2
       GROUP BY workflow_id, run_id ORDER BY min(sequence)`,
      [caseId, NO_WORKFLOW_RUN],
    );
    const temporal = [
      ...(await this.historiesOf(runs)).flatMap((run) =>
        historyTimeline(run.workflowId, run.runId, run.history),
      ),
      ...(await this.inboxEntries(caseId)),
    ];
    const { offset, limit } = ledgerWindow(page, pageSize, temporal.length);
    const steps = await this.dataSource.getRepository(LedgerEntryEntity).find({
      select: {
        sequence: true,
        action: true,
        actorId: true,
        actorRole: true,
        actorUnit: true,
        reason: true,
        occurredAt: true,
        workflowId: true,
        runId: true,
      },
      where: { caseId },
      order: { occurredAt: 'ASC', sequence: 'ASC' },
      skip: offset,
      take: limit,
    });
    const window = {
      offset,
      steps: steps.map((s): LedgerStepSummary => ({ ...s, occurredAt: s.occurredAt.toISOString() })),
    };
    return {
      caseId,
      caseType: summary.caseType!,
      ...timelinePage(temporal, window, summary.steps, page, pageSize),
    };
  }

  /** The case's notifications as its recipients' inboxes hold them, with the run of the step that caused each. */
  private async inboxEntries(caseId: string): Promise<TimelineEntry[]> {
    const notifications: InboxNotification[] = await this.dataSource.query(
      `SELECT key, min(kind) AS kind, min(occurred_at) AS at, count(*)::int AS recipients
       FROM notification WHERE case_id = $1 GROUP BY key ORDER BY min(occurred_at), key`,
      [caseId],
    );
    if (notifications.length === 0) return [];
    const sequences = notifications.map((n) => splitNotificationKey(n.key)[1]);
    const runs: Array<{ sequence: number; runId: string }> = await this.dataSource.query(
      `SELECT sequence, run_id AS "runId" FROM ledger_entry WHERE case_id = $1 AND sequence = ANY($2::int[])`,
      [caseId, sequences],
    );
    const runOf = new Map(runs.map((r) => [r.sequence, r.runId]));
    return notifications.map((n) =>
      inboxTimelineEntry({ ...n, at: new Date(n.at).toISOString() }, (sequence) => runOf.get(sequence) ?? ''),
    );
  }

  async stateAt(caseId: string, at: string): Promise<CaseStateAt> {
    const entries = await this.chainOf(caseId);
    return view(entries, stateAt(entries, parseMoment('at', at)));
  }

  async diff(
    caseId: string,
    from: string,
    to: string,
  ): Promise<{ caseId: string; from: CaseStateAt; to: CaseStateAt; changes: StateChange[] }> {
    const entries = await this.chainOf(caseId);
    const [before, after] = [
      stateAt(entries, parseMoment('from', from)),
      stateAt(entries, parseMoment('to', to)),
    ];
    return {
      caseId,
      from: view(entries, before),
      to: view(entries, after),
      changes: diffStates(before.stateAfter, after.stateAfter),
    };
  }

  async verifyLedger(caseId: string): Promise<{ caseId: string } & ChainVerdict> {
    const verdict = await this.ledger.verifyCase(caseId);
    if (verdict.entries === 0) throw unknownCase(caseId);
    return { caseId, ...verdict };
  }

  /** Recomputes the chain of every case with a step in [from, to). */
  async verifyPeriod(from: string, to: string) {
    const [start, end] = [Date.parse(from), Date.parse(to)];
    if (!(start < end) || end - start > MAX_VERIFY_PERIOD_DAYS * 86_400_000) {
      throw auditInvalid(
        AuditErrorCode.InvalidPeriod,
        `from must be before to and the period at most ${MAX_VERIFY_PERIOD_DAYS} days`,
      );
    }
    const broken: Array<{ caseId: string; brokenAt: number; reason: string }> = [];
    let casesChecked = 0;
    // A cursor over the period's cases and each chain read in batches: memory stays flat over a year of
    // steps, and one snapshot (REPEATABLE READ) means every chain is checked as of the same moment.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query(
        `DECLARE period_cases NO SCROLL CURSOR FOR
         SELECT DISTINCT case_id FROM ledger_entry WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY case_id`,
        [new Date(start), new Date(end)],
      );
      for (;;) {
        const batch = await runner.manager.query<Array<{ case_id: string }>>(
          `FETCH ${VERIFY_CASE_BATCH_SIZE} FROM period_cases`,
        );
        for (const { case_id: caseId } of batch) {
          const verdict = await this.ledger.verifyCase(caseId, runner.manager);
          if (!verdict.intact) broken.push({ caseId, brokenAt: verdict.brokenAt, reason: verdict.reason });
        }
        casesChecked += batch.length;
        if (batch.length < VERIFY_CASE_BATCH_SIZE) break;
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    return {
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      casesChecked,
      intact: broken.length === 0,
      broken,
    };
  }

  async verifyReplay(caseId: string): Promise<{ caseId: string } & ReplayVerdict> {
    const entries = await this.chainOf(caseId);
    if (!entries.some(isWorkflowRun)) throw noWorkflow(caseId);
    const bundle = this.config.WORKFLOW_BUNDLE_PATH;
    if (!existsSync(bundle)) {
      throw new DubanError(
        ErrorKind.Unavailable,
        AuditErrorCode.ReplayUnavailable,
        `the workflow bundle ${bundle} is missing: build it (npm run build) to verify replays`,
      );
    }
    return { caseId, ...(await replayCase(bundle, await this.runsOf(entries), entries)) };
  }

  async dossier(caseId: string): Promise<Dossier> {
    const entries = await this.chainOf(caseId);
    const last = entries[entries.length - 1];
    const caseType = entries[0].caseType;
    return {
      format: DOSSIER_FORMAT,
      caseId,
      caseType,
      exportedAt: new Date().toISOString(),
      chainHead: { sequence: last.sequence, hash: last.hash },
      ledger: entries,
      histories: await this.runsOf(entries),
      documents: [
        ...documentsOnLedger(entries),
        ...(await this.documentSources.documentsOf(caseType, caseId)),
      ],
    };
  }

  /** A day's chain of refused actions or of auditors' reads, verified. */
  async dailyChain(kind: DailyChainKind, day: string) {
    const chainId = `${kind}/${day}`;
    const entries = await this.ledger.entriesOf(chainId);
    return {
      chainId,
      verdict: verifyChain(entries.map(toChainedEntry)),
      entries: entries.map(toLedgerEntryView),
    };
  }

  /** A case's chained entries as hashed (times as ISO strings); a case with none is unknown. */
  private async chainOf(caseId: string): Promise<ChainedEntry[]> {
    const entries = await this.ledger.entriesOf(caseId);
    if (entries.length === 0) throw unknownCase(caseId);
    return entries.map(toChainedEntry);
  }

  /**
   * Each workflow run that wrote to the case's ledger, oldest first, with its recorded history; none for
   * a chain the API wrote alone (reporting-cycles, a bulletin's publication).
   */
  private runsOf(entries: readonly ChainedEntry[]): Promise<RecordedRun[]> {
    const runs = entries.filter(isWorkflowRun).map((e) => [`${e.workflowId} ${e.runId}`, e] as const);
    return this.historiesOf(new Map(runs).values());
  }

  private async historiesOf(runs: Iterable<RunRef>): Promise<RecordedRun[]> {
    const histories: RecordedRun[] = [];
    for (const { workflowId, runId } of runs) histories.push(await this.archive.historyOf(workflowId, runId));
    return histories;
  }
}

function view(entries: readonly ChainedEntry[], entry: ChainedEntry): CaseStateAt {
  return {
    caseId: entry.caseId,
    caseType: entries[0].caseType,
    sequence: entry.sequence,
    action: entry.action,
    occurredAt: entry.occurredAt,
    state: entry.stateAfter,
  };
}
