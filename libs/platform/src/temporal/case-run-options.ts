import { type Priority } from '@temporalio/common';
import { runPathsMemo } from '../../../contracts/src/run-paths.js';

/**
 * The order in which the Temporal server hands out a task queue's backlog, by workflow type (decision
 * 0026). Lower goes first; tasks of one level go first in, first out; 3 is Temporal's default. A
 * workflow keeps the level it started with for all its tasks, and its children and activities inherit it.
 */
/** The level of a case an official starts and waits on: before a night's clocks. */
export const OFFICIAL_START_PRIORITY = 2;

export const WORKFLOW_PRIORITY = {
  // Few, each started by an official who waits for its first step: a burst of clocks must not queue them.
  directiveWorkflow: OFFICIAL_START_PRIORITY,
  referralWorkflow: OFFICIAL_START_PRIORITY,
  // Clocks that fall due by the hundred at one midnight. Complaints too: the public form is open to
  // anyone, so a flood of it must not go before the county's own work.
  riskItemWorkflow: 3,
  complaintWorkflow: 3,
  monthlyDispatchWorkflow: 3,
  quarterlyBulletinWorkflow: 3,
  // Started only as the cycles' children, so at their level by inheritance.
  reportRequestWorkflow: 3,
  // Cards the clocks raise, after the cases: the fact is on the ledger already (the late step's escalation
  // event), and a person's step on a case must not queue behind a night's cards. A card an official raises
  // through the API starts at OFFICIAL_START_PRIORITY (CardRaiser).
  cardWorkflow: 4,
  // Outbound deliveries: nobody waits on them, and a slow receiver's retries run for hours.
  notificationWorkflow: 4,
} as const;

export type StartedWorkflowType = keyof typeof WORKFLOW_PRIORITY;

/**
 * The options every start of a workflow of this type takes: its task queue, its priority (the type's,
 * unless the start says otherwise), and the stamp of the code paths it runs on (decision 0027), so a new
 * run records no patch markers.
 */
export function caseRunOptions(
  taskQueue: string,
  workflowType: StartedWorkflowType,
  priorityKey: number = WORKFLOW_PRIORITY[workflowType],
): { taskQueue: string; priority: Priority; memo: Record<string, unknown> } {
  return { taskQueue, priority: { priorityKey }, memo: runPathsMemo() };
}
