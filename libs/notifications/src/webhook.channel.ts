import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type NotifyRequest } from '../../contracts/src/notification.contracts.js';
import { subscriptionMatches } from './domain/subscription-match.js';
import { webhookHeaders, webhookPayload } from './domain/webhook-message.js';
import { type OutboundChannel, type OutboundResult } from './outbound-channel.interface.js';
import { postWebhook, type WebhookPostOutcome } from './webhook-post.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

/** Signed JSON POSTs to the URLs of active webhook subscriptions. */
@Injectable()
export class WebhookChannel implements OutboundChannel {
  readonly name = 'webhook';

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deliver(request: NotifyRequest): Promise<OutboundResult[]> {
    const body = JSON.stringify(webhookPayload(request));
    return Promise.all(
      (await this.targetsOf(request)).map((subscription) => this.deliverTo(subscription, request, body)),
    );
  }

  async hasTargets(request: NotifyRequest): Promise<boolean> {
    return (await this.targetsOf(request)).length > 0;
  }

  private async targetsOf(request: NotifyRequest): Promise<WebhookSubscriptionEntity[]> {
    const active = await this.dataSource.getRepository(WebhookSubscriptionEntity).findBy({ active: true });
    return active.filter((subscription) => subscriptionMatches(subscription, request));
  }

  private async deliverTo(
    subscription: WebhookSubscriptionEntity,
    request: NotifyRequest,
    body: string,
  ): Promise<OutboundResult> {
    const target = { channel: this.name, targetId: subscription.id, targetName: subscription.name };
    const claim = await this.claim(request.key, subscription.id);
    if (!claim) return { ...target, outcome: 'already-delivered' };
    const started = performance.now();
    const headers = webhookHeaders(request, subscription.secret, Math.floor(Date.now() / 1000), body);
    const outcome = await postWebhook(subscription.url, headers, body);
    await this.record(claim, outcome, Math.round(performance.now() - started));
    return outcome.error === null
      ? { ...target, outcome: 'delivered', attempt: claim.attempt }
      : { ...target, outcome: 'failed', attempt: claim.attempt, error: outcome.error };
  }

  /**
   * Takes the next attempt number for (key, subscription) in one statement, or nothing when that pair
   * was already delivered: a retried activity skips the subscriptions it has reached.
   */
  private async claim(key: string, subscriptionId: string): Promise<{ id: string; attempt: number } | null> {
    const rows: Array<{ id: string; attempts: number }> = await this.dataSource.query(
      `INSERT INTO webhook_delivery (key, subscription_id, status, attempts) VALUES ($1, $2, 'pending', 1)
       ON CONFLICT (key, subscription_id) DO UPDATE
         SET attempts = webhook_delivery.attempts + 1, status = 'pending'
         WHERE webhook_delivery.status <> 'delivered'
       RETURNING id, attempts`,
      [key, subscriptionId],
    );
    return rows.length === 0 ? null : { id: rows[0].id, attempt: rows[0].attempts };
  }

  private async record(
    claim: { id: string; attempt: number },
    outcome: WebhookPostOutcome,
    durationMs: number,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO webhook_delivery_attempt (delivery_id, attempt, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5)`,
        [claim.id, claim.attempt, outcome.statusCode, outcome.error, durationMs],
      );
      await tx.query(
        `UPDATE webhook_delivery SET status = $2, last_status_code = $3, last_error = $4,
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() END
         WHERE id = $1`,
        [claim.id, outcome.error === null ? 'delivered' : 'failed', outcome.statusCode, outcome.error],
      );
    });
  }
}
