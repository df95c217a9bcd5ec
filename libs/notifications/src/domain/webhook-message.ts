import { createHmac } from 'node:crypto';
import { type NotifyRequest } from '../../../contracts/src/notification.contracts.js';

/** What a webhook receiver gets: the notification minus its audience and request id. */
export interface WebhookPayload {
  id: string;
  kind: string;
  caseType: string;
  caseId: string;
  unitId: string;
  title: string;
  body: string;
  occurredAt: string;
}

export function webhookPayload(request: NotifyRequest): WebhookPayload {
  return {
    id: request.key,
    kind: request.kind,
    caseType: request.caseType,
    caseId: request.caseId,
    unitId: request.unitId,
    title: request.title,
    body: request.body,
    occurredAt: request.occurredAt,
  };
}

/**
 * `sha256=` + hex HMAC-SHA256 over `<timestamp>.<body>`. Signing the timestamp with the body lets a
 * receiver refuse replays of an old, validly signed request.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one delivery attempt; `timestamp` is in unix seconds. */
export function webhookHeaders(
  request: NotifyRequest,
  secret: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Duban-Event': request.kind,
    'X-Duban-Delivery': request.key,
    'X-Duban-Timestamp': String(timestamp),
    'X-Duban-Signature': webhookSignature(secret, timestamp, body),
  };
}
