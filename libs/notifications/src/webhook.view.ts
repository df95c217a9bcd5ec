import { ApiProperty } from '@nestjs/swagger';
import { NotificationKind } from '../../contracts/src/notification.contracts.js';
import { type WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity.js';
import { type WebhookDeliveryEntity, type WebhookDeliveryStatus } from './webhook-delivery.entity.js';
import { type WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

/** A subscription as administrators see it: everything but the secret. */
export class WebhookSubscriptionView {
  @ApiProperty({ example: '0f5e0c52-3c1e-4a7b-9d7e-2b8f1f6a9c33' }) id: string;
  @ApiProperty({ example: '县政务平台对接' }) name: string;
  @ApiProperty({ example: 'https://hooks.county.example/duban' }) url: string;
  @ApiProperty({ enum: NotificationKind, isArray: true, example: [NotificationKind.Overdue] })
  kinds: string[];
  @ApiProperty({ example: 'amr', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: 'admin.fso' }) createdBy: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) createdAt: string;
}

export class WebhookAttemptView {
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ example: '2026-11-28T03:15:00.300Z' }) at: string;
  @ApiProperty({ example: 500, nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty({ example: 'HTTP 500', nullable: true, type: String }) error: string | null;
  @ApiProperty({ example: 42 }) durationMs: number;
}

export class WebhookDeliveryView {
  @ApiProperty({ example: '9e3c2a10-5d4b-4c8e-8f1a-7b6d5c4e3f21' }) id: string;
  @ApiProperty({ example: 'directive/DB-2026-000001/overdue', description: 'The notification key' })
  key: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'], example: 'delivered' })
  status: WebhookDeliveryStatus;
  @ApiProperty({ example: 2 }) attempts: number;
  @ApiProperty({ example: 200, nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ example: null, nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ example: '2026-11-28T03:15:00.300Z' }) firstAttemptAt: string;
  @ApiProperty({ example: '2026-11-28T03:15:02.410Z', nullable: true, type: String })
  deliveredAt: string | null;
  @ApiProperty({ type: [WebhookAttemptView], description: 'Every attempt, oldest first' })
  history: WebhookAttemptView[];
}

/** What a test message to a receiver came to. */
export class WebhookTestView {
  @ApiProperty({ example: 'test/5b0e8f0c-2d47-4a55-9a53-0b6f0f7d2e11', description: 'its X-Duban-Delivery' })
  delivery: string;
  @ApiProperty({ example: true, description: 'the receiver answered 2xx' }) delivered: boolean;
  @ApiProperty({ example: 204, nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: '`HTTP 500`, `connection failed (ECONNREFUSED)`, `no answer within 5000 ms`…',
  })
  error: string | null;
  @ApiProperty({ example: 38 }) durationMs: number;
}

export class WebhookDeliveryPageView {
  @ApiProperty({ type: [WebhookDeliveryView] }) items: WebhookDeliveryView[];
  @ApiProperty({ example: 1 }) total: number;
}

export function toSubscriptionView(s: WebhookSubscriptionEntity): WebhookSubscriptionView {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    kinds: s.kinds,
    unitId: s.unitId,
    active: s.active,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
  };
}

/**
 * What the identity chain keeps of a subscription: where notifications go and which ones. The receiver
 * is the URL's origin only, since a path or query may carry the receiver's token; never the secret.
 */
export function subscriptionFacts(s: WebhookSubscriptionEntity): Record<string, unknown> {
  return {
    name: s.name,
    receiver: new URL(s.url).origin,
    kinds: s.kinds,
    unitId: s.unitId,
    active: s.active,
  };
}

export function toDeliveryView(
  d: WebhookDeliveryEntity,
  attempts: WebhookDeliveryAttemptEntity[],
): WebhookDeliveryView {
  return {
    id: d.id,
    key: d.key,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    firstAttemptAt: d.firstAttemptAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    history: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}
