import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Role } from '../../../libs/contracts/src/identity.js';
import { NotificationKind, type NotifyRequest } from '../../../libs/contracts/src/notification.contracts.js';
import {
  webhookHeaders,
  webhookPayload,
  webhookSignature,
} from '../../../libs/notifications/src/domain/webhook-message.js';

const SECRET = 'whsec-0123456789abcdef0123456789abcdef';

const request: NotifyRequest = {
  key: 'directive/DB-2026-000001/overdue',
  kind: NotificationKind.Overdue,
  caseType: 'directive',
  caseId: 'DB-2026-000001',
  unitId: 'amr',
  audience: { roles: [{ role: Role.UnitHead, unitId: 'amr' }] },
  title: '督办通知已逾期',
  body: '请尽快办结。',
  occurredAt: '2026-11-28T03:15:00.000Z',
  requestId: 'req-1',
};

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>" under the secret', () => {
    // Computed independently: printf '%s' '1764300000.<body>' | openssl dgst -sha256 -hmac <secret>
    expect(webhookSignature(SECRET, 1764300000, '{"id":"directive/DB-2026-000001/overdue"}')).toBe(
      'sha256=031e23eb57e805007c3f2f0ba8636f8179ec297535c73533a793b1df5470b92a',
    );
  });

  it('changes with the timestamp, the body and the secret', () => {
    const base = webhookSignature(SECRET, 1764300000, '{}');
    expect(webhookSignature(SECRET, 1764300001, '{}')).not.toBe(base);
    expect(webhookSignature(SECRET, 1764300000, '{ }')).not.toBe(base);
    expect(webhookSignature(`${SECRET}x`, 1764300000, '{}')).not.toBe(base);
  });

  it('signs the UTF-8 bytes of the body, as a receiver reading the raw request has them', () => {
    const body = JSON.stringify(webhookPayload(request));
    const raw = Buffer.concat([Buffer.from('1764300000.'), Buffer.from(body, 'utf8')]);
    expect(webhookSignature(SECRET, 1764300000, body)).toBe(
      `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
    );
  });
});

describe('webhook message', () => {
  it('carries the notification without its audience or request id, its key as id', () => {
    expect(webhookPayload(request)).toEqual({
      id: 'directive/DB-2026-000001/overdue',
      kind: 'overdue',
      caseType: 'directive',
      caseId: 'DB-2026-000001',
      unitId: 'amr',
      title: '督办通知已逾期',
      body: '请尽快办结。',
      occurredAt: '2026-11-28T03:15:00.000Z',
    });
  });

  it('names the event, the delivery, the timestamp and the signature in its headers', () => {
    const body = JSON.stringify(webhookPayload(request));
    expect(webhookHeaders(request, SECRET, 1764300000, body)).toEqual({
      'Content-Type': 'application/json',
      'X-Duban-Event': 'overdue',
      'X-Duban-Delivery': 'directive/DB-2026-000001/overdue',
      'X-Duban-Timestamp': '1764300000',
      'X-Duban-Signature': webhookSignature(SECRET, 1764300000, body),
    });
  });
});
