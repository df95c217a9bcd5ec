import { type WorkerOptions } from '@temporalio/worker';
import { type AppConfig } from '../config/app-config.js';

type SlotConfig = Pick<
  AppConfig,
  'WORKER_MAX_WORKFLOW_TASKS' | 'WORKER_MAX_ACTIVITIES' | 'WORKER_MAX_LOCAL_ACTIVITIES'
>;

/**
 * Slots and pollers of every worker on Duban's Temporal server: Duban's own, and the bare workers of the
 * bench and drills, so a floor they measure is the server's, not a worker tuned differently.
 * Reasoning in decision 0015.
 */
export function workerTuning(config: SlotConfig): Partial<WorkerOptions> {
  return {
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: config.WORKER_MAX_LOCAL_ACTIVITIES,
    // Pollers follow the backlog (the server says when a queue has more): a fixed ten pollers, two of
    // them on the normal queue, drained a burst's workflow tasks far slower than the slots could run them.
    workflowTaskPollerBehavior: { type: 'autoscaling' },
    activityTaskPollerBehavior: { type: 'autoscaling' },
  };
}

/**
 * Duban's own worker: the shared tuning, and a short wait on its sticky queue. A person's step on a
 * cached case queues there behind the night's clocks of the cases cached with it; the SDK's 10 s let it
 * wait 7–10 s during a burst. The floors keep the SDK's 10 s, which suits a burst with nobody waiting
 * (decision 0015, addendum of 2026-12-02).
 */
export function caseWorkerTuning(
  config: SlotConfig & Pick<AppConfig, 'WORKER_STICKY_QUEUE_TIMEOUT_SECONDS'>,
): Partial<WorkerOptions> {
  return {
    ...workerTuning(config),
    stickyQueueScheduleToStartTimeout: config.WORKER_STICKY_QUEUE_TIMEOUT_SECONDS * 1000,
  };
}
