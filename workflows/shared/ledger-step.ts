import { workflowInfo } from '@temporalio/workflow';
import { SYSTEM_ACTOR, type StepContext } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';

/**
 * The ledger entry of a case's latest step, stamped with the workflow clock so a retried activity
 * writes exactly the same content. Steps without a human context are the engine's (timers). It carries
 * the state after the step only: the ledger takes the state before from the case's previous entry, so
 * a step's payload stays the size of one state however long the case runs (decision 0017).
 */
export function ledgerStep<State extends { id: string; sequence: number }>(
  caseType: string,
  state: State,
  context: StepContext | null,
  action: string,
): LedgerStep<State> {
  const { workflowId, runId } = workflowInfo();
  return {
    caseType,
    caseId: state.id,
    sequence: state.sequence,
    actor: context?.actor ?? SYSTEM_ACTOR,
    action,
    reason: context?.reason ?? null,
    stateAfter: state,
    occurredAt: new Date().toISOString(),
    workflowId,
    runId,
    requestId: context?.requestId ?? `${workflowId}:${state.sequence}`,
  };
}
