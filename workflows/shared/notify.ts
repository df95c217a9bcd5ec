import {
  log,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  caseNotifyRequest,
  notificationWorkflowId,
  type NotificationActivities,
  type NotifyRequest,
} from '../../libs/contracts/src/notification.contracts.js';
import { notificationWorkflow } from '../notification.workflow.js';
import { ACTIVITY_RETRY } from './activity-options.js';
import { now } from './clock.js';
import { takesPatch } from './run-paths.js';

const { notifyInbox } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: ACTIVITY_RETRY,
});
// A receiver may be down for a while; after about a day of backed-off attempts the delivery log shows the failure.
const { deliverOutbound } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { ...ACTIVITY_RETRY, maximumInterval: '1 hour', maximumAttempts: 30 },
});

/** A notification about a case's latest step, stamped with this workflow and its clock. */
export function notifyRequest(
  ...about: Parameters<typeof caseNotifyRequest> extends [unknown, ...infer Rest] ? Rest : never
): NotifyRequest {
  return caseNotifyRequest({ workflowId: workflowInfo().workflowId, at: now() }, ...about);
}

/**
 * Notifications that run beside the case, not inside its steps: a receiver that is down delays its
 * own delivery (retried with backoff), never the step's answer or the case's clocks. `settled` waits
 * for those still under way (before the case closes or continues as new).
 */
export function backgroundNotifications(): CaseNotifications {
  const deliveries = new Set<Promise<void>>();
  return {
    notify: (request) => {
      const delivery: Promise<void> = (async () => {
        await notifyInbox(request);
        await deliverOutbound(request);
      })()
        .catch((err: unknown) =>
          log.warn('notification not delivered', { key: request.key, error: String(err) }),
        )
        .finally(() => deliveries.delete(delivery));
      deliveries.add(delivery);
    },
    settled: async () => {
      await Promise.all(deliveries);
    },
  };
}

/** Notifies in a child workflow that outlives the case, so a slow receiver never holds the case open. */
export async function notifyInChild(request: NotifyRequest): Promise<void> {
  await startChild(notificationWorkflow, {
    workflowId: notificationWorkflowId(request),
    args: [request],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}

const DISPATCH_OPTIONS = { startToCloseTimeout: '30 seconds', retry: ACTIVITY_RETRY } as const;
const afterTheAnswer = proxyActivities<NotificationActivities>(DISPATCH_OPTIONS);
const inTheTask = proxyLocalActivities<NotificationActivities>(DISPATCH_OPTIONS);

/**
 * Where a notification is handed over. After a human step's answer, as an activity of its own: nothing
 * but the step's record stands between the person and the answer. After a step nobody waits on (a clock,
 * a signal), in the step's own workflow task as a local activity: a burst of clocks then costs the
 * server no extra activity round trip and workflow task per step.
 */
export type Handover = 'after-the-answer' | 'in-the-task';

/** How a case notifies: `settled` waits for what is still being handed over (before it closes or continues). */
export interface CaseNotifications {
  notify: (request: NotifyRequest, handover?: Handover) => void;
  settled: () => Promise<void>;
}

/** Notifications beside the case that can also start the deliveries of notices a record wrote. */
export interface BesideTheCase extends CaseNotifications {
  /** Starts the outbound deliveries of notices already in the inbox (the record said one has a target). */
  deliver: (requests: NotifyRequest[], handover: Handover) => void;
}

/**
 * Notifications handed to workflows of their own (decision 0017): a step never waits for them, and
 * `settled` waits only until they are handed over (before the case closes or continues as new), never
 * for a receiver. Not children: a child's start and end would each wake the case again.
 */
export function notificationsBesideTheCase(): BesideTheCase {
  const handing = new Set<Promise<void>>();
  const track = (what: Promise<void>, keys: string[]) => {
    const handover: Promise<void> = what
      .catch((err: unknown) => log.warn('notification not handed over', { keys, error: String(err) }))
      .finally(() => handing.delete(handover));
    handing.add(handover);
  };
  const via = (where: Handover) => (where === 'in-the-task' ? inTheTask : afterTheAnswer);
  return {
    notify: (request, where = 'after-the-answer') =>
      track(via(where).dispatchNotification(request), [request.key]),
    deliver: (requests, where) =>
      track(
        via(where).startDeliveries(requests),
        requests.map((r) => r.key),
      ),
    settled: async () => {
      await Promise.all(handing);
    },
  };
}

/**
 * Cards and report requests hand their notifications over like the other cases since this patch, in the
 * workflow task of the step (no person waits on their steps' answers): a local activity that writes the
 * inbox and starts a delivery workflow only for an outbound target, instead of a child workflow per
 * notification (three workflow tasks and two activities each, on the one queue a burst of overdue
 * clocks fills). Runs started before keep their children, so their histories replay.
 */
export const NOTIFICATIONS_HANDED_OVER_PATCH = 'notifications-handed-over';

/**
 * This run's way to notify; `notify` resolves once the notification is on its way, never on delivery.
 * `deliver` (outbound deliveries of notices a record wrote) exists only with the handed-over path,
 * which every run that records notices with its steps takes.
 */
export function handedOverOrChildNotifications(): {
  notify: (request: NotifyRequest) => Promise<void>;
  deliver?: (requests: NotifyRequest[]) => void;
  settled: () => Promise<void>;
} {
  if (!takesPatch(NOTIFICATIONS_HANDED_OVER_PATCH)) {
    return { notify: notifyInChild, settled: () => Promise.resolve() };
  }
  const beside = notificationsBesideTheCase();
  return {
    notify: (request) => {
      beside.notify(request, 'in-the-task');
      return Promise.resolve();
    },
    deliver: (requests) => beside.deliver(requests, 'in-the-task'),
    settled: beside.settled,
  };
}

/**
 * Risk items hand over the notifications of their clock steps (reminder, overdue, verification due) in
 * the step's own workflow task since this patch; runs started before schedule an activity for them.
 */
export const CLOCK_NOTIFICATIONS_IN_THE_TASK_PATCH = 'clock-notifications-in-the-task';

/**
 * A step's notices are written to the inbox in the step's own record (one transaction) since this
 * patch: no activity and no workflow task of their own after a human step's answer, no second local
 * activity in a clock step's task. Only when the record says a notice has an outbound target does the
 * case start its delivery, after the answer (human steps) or in the task (clocks, card levels). Runs
 * started before hand them over after the record.
 */
export const NOTICES_RECORDED_WITH_THE_STEP_PATCH = 'notices-recorded-with-the-step';
