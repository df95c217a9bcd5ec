import { type Actor, type ReporterActor, type SystemActor } from './identity.js';

/**
 * One state change of one case, as a workflow hands it to an activity for the ledger. `occurredAt`
 * comes from the workflow clock, so a retried activity writes exactly the same entry. A case workflow
 * sends the state after the step only (one payload per step, decision 0017): the ledger takes the state
 * before from the case's previous entry.
 */
export interface LedgerStep<State = unknown> {
  caseType: string;
  caseId: string;
  sequence: number;
  actor: Actor | SystemActor | ReporterActor;
  action: string;
  reason: string | null;
  /** Omitted by case workflows: the previous entry's state after (null for a first entry). */
  stateBefore?: State | null;
  stateAfter: State;
  occurredAt: string;
  workflowId: string;
  runId: string;
  requestId: string;
}
