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
 * A test message an administrator sends to check a receiver's address and secret: signed like any
 * delivery, of kind `test`, about no case, and not a notification (the delivery log never holds it).
 */
export function testPayload(id: string, unitId: string | null, occurredAt: string): WebhookPayload {
  return {
    id,
    kind: 'test',
    caseType: '',
    caseId: '',
    unitId: unitId ?? '',
    title: 'Duban 测试消息',
    body: '这是一条测试消息，用于确认接收地址和签名密钥配置正确，无需处理。',
    occurredAt,
  };
}

/**
 * `sha256=` + hex HMAC-SHA256 over `<timestamp>.<body>`. Signing the timestamp with the body lets a
 * receiver refuse replays of an old, validly signed request.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one delivery attempt (a notification's, or a test's); `timestamp` is in unix seconds. */
export function webhookHeaders(
  message: { kind: string; key: string },
  secret: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Duban-Event': message.kind,
    'X-Duban-Delivery': message.key,
    'X-Duban-Timestamp': String(timestamp),
    'X-Duban-Signature': webhookSignature(secret, timestamp, body),
  };
}
