import { type Role } from './identity.js';

/** What a notification is about; recipients and webhook subscribers filter on it. */
export enum NotificationKind {
  Assigned = 'assigned',
  Reminder = 'reminder',
  Overdue = 'overdue',
  VerificationDue = 'verification-due',
  Returned = 'returned',
  Closed = 'closed',
  Escalation = 'escalation',
}

/**
 * Who should hear of it: named users, and/or every active user holding a role (in one unit, or in any
 * unit when `unitId` is omitted — e.g. all county supervisors).
 */
export interface NotificationAudience {
  userIds?: string[];
  roles?: Array<{ role: Role; unitId?: string }>;
}

/**
 * One notification, as a workflow hands it to the notification activities. `key` makes delivery
 * idempotent (a retried activity never notifies twice): build it from the workflow id and the step.
 * Title and body must carry no personal data beyond what every recipient may see.
 */
export interface NotifyRequest {
  key: string;
  kind: NotificationKind;
  caseType: string;
  caseId: string;
  /** The unit the case concerns; webhook subscriptions may be limited to one unit. */
  unitId: string;
  audience: NotificationAudience;
  title: string;
  body: string;
  occurredAt: string;
  requestId: string;
}

/** The case a notification is about, at the step that caused it. */
export interface NotifiedCase {
  caseType: string;
  caseId: string;
  unitId: string;
  sequence: number;
}

/**
 * A notification about a case's latest step, sent from the workflow `workflowId` at `at` (its clock).
 * Its key (workflow, step, kind) makes a retried or replayed delivery the same notification, never a
 * second one.
 */
export function caseNotifyRequest(
  origin: { workflowId: string; at: string },
  subject: NotifiedCase,
  kind: NotificationKind,
  audience: NotificationAudience,
  title: string,
  body: string,
): NotifyRequest {
  return {
    key: `${origin.workflowId}:${subject.sequence}:${kind}`,
    kind,
    caseType: subject.caseType,
    caseId: subject.caseId,
    unitId: subject.unitId,
    audience,
    title,
    body,
    occurredAt: origin.at,
    requestId: `${origin.workflowId}:${subject.sequence}`,
  };
}

/** What a record that took its step's notices tells the case: whether any has an outbound target. */
export interface NoticesRecorded {
  outbound: boolean;
}

export interface NotificationActivities {
  /** Writes one unread inbox entry per recipient; returns how many recipients there were. */
  notifyInbox(request: NotifyRequest): Promise<{ recipients: number }>;
  /** Delivers to every matching outbound channel subscription; throws (and is retried) while any fails. */
  deliverOutbound(request: NotifyRequest): Promise<{ delivered: number }>;
  /**
   * Writes the inbox entries and, when an outbound channel has a target for it, starts the
   * notification's own workflow (`notification/<key>`) to deliver it, without waiting for it: a case
   * hands its notifications over without waiting for any receiver (decision 0017).
   */
  dispatchNotification(request: NotifyRequest): Promise<void>;
  /**
   * Starts the delivery workflow of each notification an outbound channel has a target for, without
   * waiting for it: the notices a step's record already wrote to the inbox.
   */
  startDeliveries(requests: NotifyRequest[]): Promise<void>;
}

/** The workflow id of one notification's delivery. */
export const notificationWorkflowId = (request: Pick<NotifyRequest, 'key'>): string =>
  `notification/${request.key}`;
