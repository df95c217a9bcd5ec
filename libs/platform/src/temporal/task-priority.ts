import { type Priority } from '@temporalio/common';

/**
 * The order in which the Temporal server hands out a task queue's backlog, by workflow type (decision
 * 0026). Lower goes first; tasks of one level go first in, first out; 3 is Temporal's default. A
 * workflow keeps the level it started with for all its tasks, and its children and activities inherit it.
 */
export const WORKFLOW_PRIORITY = {
  // Few, each started by an official who waits for its first step: a burst of clocks must not queue them.
  directiveWorkflow: 2,
  referralWorkflow: 2,
  // Clocks that fall due by the hundred at one midnight, and the cards they raise. Complaints too: the
  // public form is open to anyone, so a flood of it must not go before the county's own work.
  riskItemWorkflow: 3,
  cardWorkflow: 3,
  complaintWorkflow: 3,
  monthlyDispatchWorkflow: 3,
  quarterlyBulletinWorkflow: 3,
  // Started only as the cycles' children, so at their level by inheritance.
  reportRequestWorkflow: 3,
  // Outbound deliveries: nobody waits on them, and a slow receiver's retries run for hours.
  notificationWorkflow: 4,
} as const;

export type StartedWorkflowType = keyof typeof WORKFLOW_PRIORITY;

/** The task queue and priority every start of a workflow of this type uses. */
export function casePlacement(
  taskQueue: string,
  workflowType: StartedWorkflowType,
): { taskQueue: string; priority: Priority } {
  return { taskQueue, priority: { priorityKey: WORKFLOW_PRIORITY[workflowType] } };
}
