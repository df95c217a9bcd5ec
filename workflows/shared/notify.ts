import { log, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import {
  notificationWorkflowId,
  type NotificationActivities,
  type NotificationAudience,
  type NotificationKind,
  type NotifyRequest,
} from '../../libs/contracts/src/notification.contracts.js';
import { notificationWorkflow } from '../notification.workflow.js';
import { ACTIVITY_RETRY } from './activity-options.js';
import { now } from './clock.js';

const { notifyInbox } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: ACTIVITY_RETRY,
});
// A receiver may be down for a while; after about a day of backed-off attempts the delivery log shows the failure.
const { deliverOutbound } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { ...ACTIVITY_RETRY, maximumInterval: '1 hour', maximumAttempts: 30 },
});

/** The case a notification is about, at the step that caused it. */
export interface NotifiedCase {
  caseType: string;
  caseId: string;
  unitId: string;
  sequence: number;
}

/**
 * A notification about a case's latest step. Its key (workflow, step, kind) makes a retried or
 * replayed delivery the same notification, never a second one.
 */
export function notifyRequest(
  subject: NotifiedCase,
  kind: NotificationKind,
  audience: NotificationAudience,
  title: string,
  body: string,
): NotifyRequest {
  const { workflowId } = workflowInfo();
  return {
    key: `${workflowId}:${subject.sequence}:${kind}`,
    kind,
    caseType: subject.caseType,
    caseId: subject.caseId,
    unitId: subject.unitId,
    audience,
    title,
    body,
    occurredAt: now(),
    requestId: `${workflowId}:${subject.sequence}`,
  };
}

/**
 * Notifications that run beside the case, not inside its steps: a receiver that is down delays its
 * own delivery (retried with backoff), never the step's answer or the case's clocks. `settled` waits
 * for those still under way (before the case closes or continues as new).
 */
export function backgroundNotifications(): {
  notify: (request: NotifyRequest) => void;
  settled: () => Promise<void>;
} {
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

const { dispatchNotification } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: ACTIVITY_RETRY,
});

/**
 * Notifications handed to workflows of their own (decision 0017): a step never waits for them, and
 * `settled` waits only until they are handed over (before the case closes or continues as new), never
 * for a receiver. Not children: a child's start and end would each wake the case again.
 */
export function notificationsBesideTheCase(): {
  notify: (request: NotifyRequest) => void;
  settled: () => Promise<void>;
} {
  const handing = new Set<Promise<void>>();
  return {
    notify: (request) => {
      const handover: Promise<void> = dispatchNotification(request)
        .catch((err: unknown) =>
          log.warn('notification not handed over', { key: request.key, error: String(err) }),
        )
        .finally(() => handing.delete(handover));
      handing.add(handover);
    },
    settled: async () => {
      await Promise.all(handing);
    },
  };
}
