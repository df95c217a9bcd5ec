import { existsSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import {
  ledgerContent,
  verifyChain,
  type ChainedEntry,
  type ChainVerdict,
} from '../../ledger/src/domain/ledger-chain.js';
import { type LedgerEntryEntity } from '../../ledger/src/ledger-entry.entity.js';
import { type DailyChainKind } from '../../ledger/src/daily-chain.js';
import { toLedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { CaseDocumentSources } from './case-document-sources.js';
import { replayCase, type ReplayVerdict } from './case-replay.js';
import { AuditErrorCode, auditInvalid, unknownCase } from './domain/audit-error.js';
import { diffStates, parseMoment, stateAt, type StateChange } from './domain/case-state.js';
import { DOSSIER_FORMAT, documentsOnLedger, type Dossier, type RecordedRun } from './domain/dossier.js';
import { historyTimeline, type TimelineEntry } from './domain/history-events.js';
import { mergeTimeline, paginate, type Page } from './domain/timeline.js';
import { HistoryArchive } from './history-archive.service.js';

/** The longest period one ledger verification covers. */
export const MAX_VERIFY_PERIOD_DAYS = 366;

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

/** Auditors' read-only view of any case (domain.md §3.6): generic over case types via the ledger. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly archive: HistoryArchive,
    private readonly documentSources: CaseDocumentSources,
  ) {}

  async timeline(caseId: string, page: number, pageSize: number): Promise<CaseTimeline> {
    const entries = await this.chainOf(caseId);
    const runs = await this.runsOf(entries);
    const temporal = runs.flatMap((run) => historyTimeline(run.workflowId, run.runId, run.history));
    return {
      caseId,
      caseType: entries[0].caseType,
      ...paginate(mergeTimeline(entries, temporal), page, pageSize),
    };
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
    return { caseId, ...verifyChain(await this.chainOf(caseId)) };
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
    const rows: Array<{ case_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT case_id FROM ledger_entry WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY case_id`,
      [new Date(start), new Date(end)],
    );
    const broken: Array<{ caseId: string; brokenAt: number; reason: string }> = [];
    for (const { case_id: caseId } of rows) {
      const verdict = await this.ledger.verifyCase(caseId);
      if (!verdict.intact) broken.push({ caseId, brokenAt: verdict.brokenAt, reason: verdict.reason });
    }
    return {
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      casesChecked: rows.length,
      intact: broken.length === 0,
      broken,
    };
  }

  async verifyReplay(caseId: string): Promise<{ caseId: string } & ReplayVerdict> {
    const entries = await this.chainOf(caseId);
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
    return { chainId, verdict: verifyChain(entries.map(chained)), entries: entries.map(toLedgerEntryView) };
  }

  /** A case's chained entries as hashed (times as ISO strings); a case with none is unknown. */
  private async chainOf(caseId: string): Promise<ChainedEntry[]> {
    const entries = await this.ledger.entriesOf(caseId);
    if (entries.length === 0) throw unknownCase(caseId);
    return entries.map(chained);
  }

  /** Each run that wrote to the case's ledger, oldest first, with its recorded history. */
  private async runsOf(entries: readonly ChainedEntry[]): Promise<RecordedRun[]> {
    const runs = new Map(entries.map((e) => [`${e.workflowId} ${e.runId}`, e]));
    const histories: RecordedRun[] = [];
    for (const { workflowId, runId } of runs.values()) {
      histories.push(await this.archive.historyOf(workflowId, runId));
    }
    return histories;
  }
}

function chained(e: LedgerEntryEntity): ChainedEntry {
  return {
    ...ledgerContent({ ...e, occurredAt: e.occurredAt.toISOString() }),
    prevHash: e.prevHash,
    hash: e.hash,
  };
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
