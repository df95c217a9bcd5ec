import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';

export enum NotificationErrorCode {
  NotificationNotFound = 'notification.not-found',
  WebhookNotFound = 'notification.webhook-not-found',
  /** A test sent to a subscription that was shut out. */
  WebhookInactive = 'notification.webhook-inactive',
  /** The retryable activity failure while any outbound target has not been reached. */
  OutboundFailed = 'notification.outbound-failed',
}

export const notificationNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, NotificationErrorCode.NotificationNotFound, `No notification ${id}`);

export const webhookNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, NotificationErrorCode.WebhookNotFound, `No webhook subscription ${id}`);

export const webhookInactive = (id: string) =>
  new DubanError(
    ErrorKind.Conflict,
    NotificationErrorCode.WebhookInactive,
    `Webhook subscription ${id} is deactivated: nothing is sent to it, a test included`,
  );
