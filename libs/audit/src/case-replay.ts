import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { AUDIT_REPLAY_NAME } from '../../contracts/src/audit.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import { type ChainedEntry } from '../../ledger/src/domain/ledger-chain.js';
import { compareReplayedSteps, type StepComparison } from './domain/replay-comparison.js';
import { type RecordedRun } from './domain/dossier.js';

export interface RunReplay {
  workflowId: string;
  runId: string;
  deterministic: boolean;
  /** Why replay failed: the SDK's message names the first command or event that diverged. */
  error: string | null;
}

export interface ReplayVerdict extends StepComparison {
  deterministic: boolean;
  runs: RunReplay[];
  /** True when every run replays and the replayed steps reproduce the ledger. */
  reproduced: boolean;
}

/**
 * Replays a case's recorded runs, oldest first, on the given workflow bundle and compares the ledger
 * steps the replayed code produces with the ledger (see workflows/shared/replay-capture.interceptor.ts).
 * Needs no server: the bundle and the histories are all it reads.
 */
export async function replayCase(
  bundlePath: string,
  runs: readonly RecordedRun[],
  ledger: readonly ChainedEntry[],
): Promise<ReplayVerdict> {
  const replayed: LedgerStep[] = [];
  const results: RunReplay[] = [];
  for (const run of runs) {
    results.push(await replayRun(bundlePath, run, (step) => replayed.push(step)));
  }
  const comparison = compareReplayedSteps(replayed, ledger);
  const deterministic = results.every((r) => r.deterministic);
  return {
    deterministic,
    runs: results,
    ...comparison,
    reproduced: deterministic && comparison.firstMismatch === null && comparison.finalStateMatches,
  };
}

async function replayRun(
  bundlePath: string,
  run: RecordedRun,
  onStep: (step: LedgerStep) => void,
): Promise<RunReplay> {
  try {
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: bundlePath },
        replayName: AUDIT_REPLAY_NAME,
        sinks: {
          auditReplay: {
            ledgerStep: { fn: (_info, step: LedgerStep) => onStep(step), callDuringReplay: true },
          },
        },
      },
      historyFromJSON(run.history),
      run.workflowId,
    );
    return { workflowId: run.workflowId, runId: run.runId, deterministic: true, error: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const prefix = err instanceof DeterminismViolationError ? 'nondeterministic: ' : 'replay failed: ';
    return { workflowId: run.workflowId, runId: run.runId, deterministic: false, error: prefix + message };
  }
}
