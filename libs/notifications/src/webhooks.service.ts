import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { type StepContext } from '../../contracts/src/identity.js';
import { IdentityAction, IdentityLedger } from '../../identity/src/identity-ledger.js';
import { UnitsService } from '../../identity/src/units.service.js';
import { type CreateWebhookDto } from './dto/create-webhook.dto.js';
import { type PageQueryDto } from './dto/page-query.dto.js';
import { testPayload, webhookHeaders } from './domain/webhook-message.js';
import { webhookInactive, webhookNotFound } from './notification.errors.js';
import { postWebhook } from './webhook-post.js';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import {
  subscriptionFacts,
  toDeliveryView,
  toSubscriptionView,
  type WebhookDeliveryPageView,
  type WebhookSubscriptionView,
  type WebhookTestView,
} from './webhook.view.js';

/** Administration of webhook subscriptions and their delivery log. Secrets go in and never come out. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(WebhookSubscriptionEntity)
    private readonly subscriptions: Repository<WebhookSubscriptionEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectRepository(WebhookDeliveryAttemptEntity)
    private readonly attempts: Repository<WebhookDeliveryAttemptEntity>,
    private readonly units: UnitsService,
    private readonly ledger: IdentityLedger,
  ) {}

  /** Adds a subscription, on the identity chain in the same transaction: who let which receiver in. */
  async create(dto: CreateWebhookDto, ctx: StepContext): Promise<WebhookSubscriptionView> {
    // Null, like an omitted unit, means every unit (the optional field lets both through).
    if (dto.unitId) await this.units.requireUnit(dto.unitId, 'unitId');
    return this.dataSource.transaction(async (tx) => {
      const { identifiers } = await tx.insert(WebhookSubscriptionEntity, {
        name: dto.name,
        url: dto.url,
        secret: dto.secret,
        kinds: dto.kinds ?? [],
        unitId: dto.unitId ?? null,
        active: true,
        createdBy: ctx.actor.userId,
      });
      const created = await tx.findOneByOrFail(WebhookSubscriptionEntity, {
        id: identifiers[0].id as string,
      });
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.WebhookCreated,
        subject: `webhook/${created.id}`,
        reason: ctx.reason ?? null,
        before: null,
        after: subscriptionFacts(created),
        requestId: ctx.requestId,
      });
      return toSubscriptionView(created);
    });
  }

  async list(): Promise<WebhookSubscriptionView[]> {
    return (await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(
      toSubscriptionView,
    );
  }

  async get(id: string): Promise<WebhookSubscriptionView> {
    return toSubscriptionView(await this.require(id));
  }

  /**
   * Deactivates rather than deletes: the delivery log keeps pointing at the subscription. The change and
   * its reason go on the identity chain; an inactive one is answered as it is, with nothing recorded.
   */
  async deactivate(id: string, ctx: StepContext): Promise<WebhookSubscriptionView> {
    return this.dataSource.transaction(async (tx) => {
      const subscription = await tx.findOne(WebhookSubscriptionEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!subscription) throw webhookNotFound(id);
      if (!subscription.active) return toSubscriptionView(subscription);
      await tx.update(WebhookSubscriptionEntity, { id }, { active: false });
      const deactivated = { ...subscription, active: false };
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.WebhookDeactivated,
        subject: `webhook/${id}`,
        reason: ctx.reason ?? null,
        before: subscriptionFacts(subscription),
        after: subscriptionFacts(deactivated),
        requestId: ctx.requestId,
      });
      return toSubscriptionView(deactivated);
    });
  }

  /**
   * Sends a signed test message now and says what the receiver answered. Not a notification and not a
   * change: nothing is recorded, and the answer is the whole result.
   */
  async test(id: string): Promise<WebhookTestView> {
    const subscription = await this.require(id);
    if (!subscription.active) throw webhookInactive(id);
    const delivery = `test/${randomUUID()}`;
    const now = new Date();
    const body = JSON.stringify(testPayload(delivery, subscription.unitId, now.toISOString()));
    const headers = webhookHeaders(
      { kind: 'test', key: delivery },
      subscription.secret,
      Math.floor(now.getTime() / 1000),
      body,
    );
    const started = performance.now();
    const outcome = await postWebhook(subscription.url, headers, body);
    return {
      delivery,
      delivered: outcome.error === null,
      ...outcome,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** Newest deliveries first, each with its attempts oldest first. */
  async deliveriesOf(id: string, page: PageQueryDto): Promise<WebhookDeliveryPageView> {
    await this.require(id);
    const [rows, total] = await this.deliveries.findAndCount({
      where: { subscriptionId: id },
      order: { firstAttemptAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    const attempts =
      rows.length === 0
        ? []
        : await this.attempts.find({
            where: { deliveryId: In(rows.map((r) => r.id)) },
            order: { attempt: 'ASC' },
          });
    return {
      items: rows.map((r) =>
        toDeliveryView(
          r,
          attempts.filter((a) => a.deliveryId === r.id),
        ),
      ),
      total,
    };
  }

  private async require(id: string): Promise<WebhookSubscriptionEntity> {
    const subscription = await this.subscriptions.findOneBy({ id });
    if (!subscription) throw webhookNotFound(id);
    return subscription;
  }
}
