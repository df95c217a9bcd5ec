import { log, proxyActivities } from '@temporalio/workflow';
import {
  type NotificationActivities,
  type NotifyRequest,
} from '../libs/contracts/src/notification.contracts.js';

const { notifyInbox } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
// A receiver may be down for a while; after about a day of backed-off attempts the delivery log shows the failure.
const { deliverOutbound } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    maximumAttempts: 30,
  },
});

/**
 * One notification, delivered beside the case that sent it (a child with ABANDON): the case can close,
 * or its id be reused by a new case, while a slow receiver is still being retried.
 */
export async function notificationWorkflow(request: NotifyRequest): Promise<void> {
  await notifyInbox(request);
  try {
    await deliverOutbound(request);
  } catch (err) {
    log.warn('outbound delivery given up; see the webhook delivery log', {
      key: request.key,
      error: String(err),
    });
  }
}
