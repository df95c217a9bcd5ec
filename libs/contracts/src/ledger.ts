import {
  SYSTEM_ACTOR,
  type Actor,
  type ReporterActor,
  type StepContext,
  type SystemActor,
} from './identity.js';

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

/**
 * The run id of a step recorded outside any workflow: a person's act the API ledgers directly (a cycle
 * run by hand, a bulletin published, a plan loaded, the daily chains). Such a step has no workflow
 * history to read or to replay; its chain is verified by its hashes alone.
 */
export const NO_WORKFLOW_RUN = '-';

/** Whether a step was written by a workflow run (and so has a history), not by the API directly. */
export const isWorkflowRun = (step: { runId: string }): boolean => step.runId !== NO_WORKFLOW_RUN;

/** The run a step is taken in and the workflow clock's instant when it is taken. */
export interface StepOrigin {
  workflowId: string;
  runId: string;
  at: string;
}

/**
 * The ledger entry of a case's latest step. Steps without a human context are the engine's (timers,
 * signals); their request id is the step's place in its workflow, so a retry writes the same entry.
 */
export function caseLedgerStep<State extends { id: string; sequence: number }>(
  origin: StepOrigin,
  caseType: string,
  state: State,
  context: StepContext | null,
  action: string,
): LedgerStep<State> {
  return {
    caseType,
    caseId: state.id,
    sequence: state.sequence,
    actor: context?.actor ?? SYSTEM_ACTOR,
    action,
    reason: context?.reason ?? null,
    stateAfter: state,
    occurredAt: origin.at,
    workflowId: origin.workflowId,
    runId: origin.runId,
    requestId: context?.requestId ?? `${origin.workflowId}:${state.sequence}`,
  };
}
