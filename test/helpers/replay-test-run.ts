import { type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { replayCase, type ReplayVerdict } from '../../libs/audit/src/case-replay.js';
import { type HistoryJson } from '../../libs/audit/src/domain/history-events.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { chain, recordedRun } from './audit-fixtures.js';
import { testBundlePath } from './time-skipping.js';

/**
 * The audit's replay verification of a workflow test's run (its latest): its history as the server
 * holds it now, replayed on the tests' bundle against the ledger the test's recording activities built.
 * Ask once the run has settled (completed, or answered a query), so its history holds every step.
 */
export async function replayOfTestRun(
  handle: WorkflowHandle,
  steps: readonly LedgerStep[],
): Promise<ReplayVerdict> {
  const history = JSON.parse(historyToJSON(await handle.fetchHistory())) as HistoryJson;
  return replayCase(testBundlePath(), [recordedRun(handle.workflowId, history)], chain(steps));
}

/** A verdict that every step replays to its ledger entry. */
export const REPRODUCED = {
  deterministic: true,
  firstMismatch: null,
  finalStateMatches: true,
  reproduced: true,
};
