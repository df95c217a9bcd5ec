import { type Actor, type ReporterActor, type SystemActor } from './identity.js';

/**
 * One state change of one case, as a workflow hands it to an activity for the ledger. `occurredAt`
 * comes from the workflow clock, so a retried activity writes exactly the same entry.
 */
export interface LedgerStep<State = unknown> {
  caseType: string;
  caseId: string;
  sequence: number;
  actor: Actor | SystemActor | ReporterActor;
  action: string;
  reason: string | null;
  stateBefore: State | null;
  stateAfter: State;
  occurredAt: string;
  workflowId: string;
  runId: string;
  requestId: string;
}
