import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asLedgerStep } from '../../libs/contracts/src/audit.contracts.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import {
  decodePayload,
  type HistoryJson,
  type PayloadJson,
} from '../../libs/audit/src/domain/history-events.js';
import { historyDigest, type RecordedRun } from '../../libs/audit/src/domain/dossier.js';
import {
  entryHash,
  GENESIS_HASH,
  stepContent,
  type ChainedEntry,
} from '../../libs/ledger/src/domain/ledger-chain.js';
import { HISTORY_FIXTURES_DIR, type HistoryFixture } from './history-fixtures.js';

/** A committed replay fixture as one recorded run. */
export function recordedRunOf(fixtureFile: string): RecordedRun {
  const { workflowId, history } = JSON.parse(
    readFileSync(join(HISTORY_FIXTURES_DIR, fixtureFile), 'utf8'),
  ) as HistoryFixture & { history: HistoryJson };
  return recordedRun(workflowId, history);
}

/** A run's history as the audit reads it: one recorded run. */
export function recordedRun(workflowId: string, history: HistoryJson): RecordedRun {
  const started = history.events[0] as {
    workflowExecutionStartedEventAttributes?: { originalExecutionRunId?: string };
  };
  const runId = started.workflowExecutionStartedEventAttributes?.originalExecutionRunId ?? 'run';
  return { workflowId, runId, source: 'temporal', sha256: historyDigest(history), history };
}

/** The steps a recorded run's record*Step activities were handed. */
export function stepsWrittenBy(run: RecordedRun): LedgerStep[] {
  return run.history.events
    .filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')
    .map((e) => {
      const input = (e.activityTaskScheduledEventAttributes as { input?: { payloads?: PayloadJson[] } })
        .input;
      return asLedgerStep(decodePayload(input?.payloads?.[0]));
    })
    .filter((step): step is LedgerStep => step !== null);
}

/** The ledger a recorded run wrote. */
export const ledgerWrittenBy = (run: RecordedRun): ChainedEntry[] => chain(stepsWrittenBy(run));

/** Steps chained as the ledger appends them: a step sent without its state before takes its predecessor's. */
export function chain(steps: readonly LedgerStep[]): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (const step of steps) {
    const previous = entries.at(-1);
    const stateBefore = step.stateBefore !== undefined ? step.stateBefore : (previous?.stateAfter ?? null);
    const content = stepContent({ ...step, stateBefore });
    const prevHash = previous?.hash ?? GENESIS_HASH;
    entries.push({ ...content, prevHash, hash: entryHash(prevHash, content) });
  }
  return entries;
}
