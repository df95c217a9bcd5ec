import { type TestWorkflowEnvironment } from '@temporalio/testing';
import {
  notificationWorkflowId,
  type NotifyRequest,
} from '../../libs/contracts/src/notification.contracts.js';
import { type AppConfig } from '../../libs/platform/src/config/app-config.js';
import { CaseSignals } from '../../libs/platform/src/temporal/case-signals.service.js';

/**
 * The worker's `dispatchNotification` for a workflow test, as if every notification had an outbound
 * target: starts the notification's own workflow on the test's task queue, where the test's
 * `notifyInbox` and `deliverOutbound` deliver it.
 */
export function dispatchNotificationOn(
  env: TestWorkflowEnvironment,
  taskQueue: string,
): (request: NotifyRequest) => Promise<void> {
  const cases = new CaseSignals(env.client, { TEMPORAL_TASK_QUEUE: taskQueue } as AppConfig);
  return (request) =>
    cases.startBeside({
      workflowType: 'notificationWorkflow',
      workflowId: notificationWorkflowId(request),
      args: [request],
    });
}

/**
 * The worker's `startDeliveries` for a workflow test (notices a record wrote, runs since
 * `notices-recorded-with-the-step`): each starts its notification's own workflow, as if it had an
 * outbound target, where the test's `notifyInbox` and `deliverOutbound` deliver it.
 */
export function startDeliveriesOn(
  env: TestWorkflowEnvironment,
  taskQueue: string,
): (requests: NotifyRequest[]) => Promise<void> {
  const dispatch = dispatchNotificationOn(env, taskQueue);
  return async (requests) => {
    for (const request of requests) await dispatch(request);
  };
}
