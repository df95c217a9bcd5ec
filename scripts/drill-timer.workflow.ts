// The floors of `npm run drill:burst`, run by a worker inside the drill process on a task queue of its
// own, so they never touch Duban's workflows or task queue:
// - the least a Temporal-backed escalation can cost on this server: one timer that fires at a given
//   instant, then one activity;
// - the least an escalation like Duban's can cost: the timer, then a record committed in a local
//   activity that also opens a second workflow by signal-with-start (the card), which commits a record
//   of its own in its first task. No validation, no hash chain, no search attributes, no notices.
import {
  condition,
  defineSignal,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';

export interface DrillTimerActivities {
  fired(workflowId: string): Promise<void>;
}

export interface DrillEscalationActivities {
  /** Commits the overdue record, then signal-with-starts the escalation's card. */
  recordOverdue(workflowId: string): Promise<void>;
  /** Commits the card's opening record. */
  recordCardOpened(workflowId: string): Promise<void>;
}

/** What the overdue record sends to the card it opens. */
export const escalatedSignal = defineSignal<[string]>('drillEscalated');

const { fired } = proxyActivities<DrillTimerActivities>({ startToCloseTimeout: '1 minute' });
const { recordOverdue, recordCardOpened } = proxyLocalActivities<DrillEscalationActivities>({
  startToCloseTimeout: '1 minute',
});

function sleepUntil(dueAt: string): Promise<void> {
  return sleep(Math.max(0, Date.parse(dueAt) - Date.now()));
}

export async function drillTimerWorkflow(dueAt: string): Promise<void> {
  await sleepUntil(dueAt);
  await fired(workflowInfo().workflowId);
}

export async function drillEscalationWorkflow(dueAt: string): Promise<void> {
  await sleepUntil(dueAt);
  await recordOverdue(workflowInfo().workflowId);
}

export async function drillCardWorkflow(): Promise<void> {
  let escalatedBy: string | undefined;
  setHandler(escalatedSignal, (workflowId) => {
    escalatedBy ??= workflowId;
  });
  await condition(() => escalatedBy !== undefined);
  await recordCardOpened(workflowInfo().workflowId);
}
