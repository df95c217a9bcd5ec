import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Repository } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { AuditErrorCode } from './domain/audit-error.js';
import { historyDigest, type RecordedRun } from './domain/dossier.js';
import { runEnding, type HistoryJson } from './domain/history-events.js';
import { WorkflowHistoryArchiveEntity } from './workflow-history-archive.entity.js';

/** How far back each sweep looks for closed runs; well inside Temporal's retention. */
export const ARCHIVE_SWEEP_LOOKBACK_MS = 3 * 86_400_000;

const SWEEP_BATCH_SIZE = 100;

/**
 * Keeps closed runs' histories in PostgreSQL, so replay and dossiers outlive Temporal's retention.
 * A closed run is archived when a sweep finds it or when an auditor first reads it, whichever comes
 * first; both are idempotent. A closed run is read from the archive, an open one from Temporal.
 */
@Injectable()
export class HistoryArchive {
  private readonly logger = new Logger(HistoryArchive.name);

  constructor(
    private readonly client: Client,
    @InjectRepository(WorkflowHistoryArchiveEntity)
    private readonly archive: Repository<WorkflowHistoryArchiveEntity>,
  ) {}

  async historyOf(workflowId: string, runId: string): Promise<RecordedRun> {
    const archived = await this.archive.findOneBy({ workflowId, runId });
    if (archived) {
      return { workflowId, runId, source: 'archive', sha256: archived.sha256, history: archived.history };
    }
    const history = await this.fetchFromTemporal(workflowId, runId);
    if (!history) {
      throw new DubanError(
        ErrorKind.Unavailable,
        AuditErrorCode.HistoryUnavailable,
        `the history of run ${runId} of ${workflowId} is neither in Temporal nor in the archive`,
        { workflowId, runId },
      );
    }
    await this.store(workflowId, runId, history);
    return { workflowId, runId, source: 'temporal', sha256: historyDigest(history), history };
  }

  /** Archives every run that closed within the lookback and is not archived yet; returns how many. */
  async sweep(now = Date.now()): Promise<number> {
    const since = new Date(now - ARCHIVE_SWEEP_LOOKBACK_MS).toISOString();
    let archived = 0;
    let batch: Array<{ workflowId: string; runId: string }> = [];
    const archiveBatch = async () => {
      // One lookup per batch: every sweep lists the whole lookback, most of it archived already.
      const known: Array<{ run_id: string }> = await this.archive.query(
        `SELECT run_id FROM workflow_history_archive
         WHERE (workflow_id, run_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [batch.map((run) => run.workflowId), batch.map((run) => run.runId)],
      );
      const archivedRuns = new Set(known.map((row) => row.run_id));
      for (const { workflowId, runId } of batch.filter((run) => !archivedRuns.has(run.runId))) {
        const history = await this.fetchFromTemporal(workflowId, runId);
        if (history && (await this.store(workflowId, runId, history))) archived += 1;
      }
      batch = [];
    };
    for await (const run of this.client.workflow.list({
      query: `ExecutionStatus != "Running" AND CloseTime > "${since}"`,
    })) {
      batch.push({ workflowId: run.workflowId, runId: run.runId });
      if (batch.length === SWEEP_BATCH_SIZE) await archiveBatch();
    }
    if (batch.length > 0) await archiveBatch();
    return archived;
  }

  /** Stores a closed run's history once; an open run's history can still grow and is not stored. */
  private async store(workflowId: string, runId: string, history: HistoryJson): Promise<boolean> {
    const ending = runEnding(history);
    if (!ending) return false;
    const inserted: unknown[] = await this.archive.query(
      `INSERT INTO workflow_history_archive (workflow_id, run_id, workflow_type, status, close_time, history, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING run_id`,
      [
        workflowId,
        runId,
        ending.workflowType,
        ending.status,
        ending.closeTime,
        history,
        historyDigest(history),
      ],
    );
    const stored = inserted.length > 0;
    if (stored) this.logger.log({ workflowId, runId }, 'history archived');
    return stored;
  }

  private async fetchFromTemporal(workflowId: string, runId: string): Promise<HistoryJson | null> {
    try {
      const history = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
      return JSON.parse(historyToJSON(history)) as HistoryJson;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (err as { code?: unknown }).code === 5) return null;
      throw new DubanError(
        ErrorKind.Unavailable,
        AuditErrorCode.HistoryUnavailable,
        `Temporal did not answer for run ${runId} of ${workflowId}; try again`,
        { workflowId, runId },
      );
    }
  }
}
