import { workflowInfo } from '@temporalio/workflow';
import { type StepContext } from '../../libs/contracts/src/identity.js';
import { caseLedgerStep, type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { now } from './clock.js';

/**
 * The ledger entry of a case's latest step, stamped with the workflow clock so a retried activity
 * writes exactly the same content. It carries the state after the step only: the ledger takes the
 * state before from the case's previous entry, so a step's payload stays the size of one state however
 * long the case runs (decision 0017).
 */
export function ledgerStep<State extends { id: string; sequence: number }>(
  caseType: string,
  state: State,
  context: StepContext | null,
  action: string,
): LedgerStep<State> {
  const { workflowId, runId } = workflowInfo();
  return caseLedgerStep({ workflowId, runId, at: now() }, caseType, state, context, action);
}
