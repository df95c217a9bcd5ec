// The baseline of `npm run drill:burst`: the least a Temporal-backed escalation can cost on this server —
// one timer that fires at a given instant, then one activity. Run by a worker inside the drill process on
// a task queue of its own, so it never touches Duban's workflows or task queue.
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';

export interface DrillTimerActivities {
  fired(workflowId: string): Promise<void>;
}

const { fired } = proxyActivities<DrillTimerActivities>({ startToCloseTimeout: '1 minute' });

export async function drillTimerWorkflow(dueAt: string): Promise<void> {
  await sleep(Math.max(0, Date.parse(dueAt) - Date.now()));
  await fired(workflowInfo().workflowId);
}
