import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { type Actor } from '../../contracts/src/identity.js';
import { UnitsService } from '../../identity/src/units.service.js';
import { type CreateWebhookDto } from './dto/create-webhook.dto.js';
import { type PageQueryDto } from './dto/page-query.dto.js';
import { webhookNotFound } from './notification.errors.js';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import {
  toDeliveryView,
  toSubscriptionView,
  type WebhookDeliveryPageView,
  type WebhookSubscriptionView,
} from './webhook.view.js';

/** Administration of webhook subscriptions and their delivery log. Secrets go in and never come out. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookSubscriptionEntity)
    private readonly subscriptions: Repository<WebhookSubscriptionEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectRepository(WebhookDeliveryAttemptEntity)
    private readonly attempts: Repository<WebhookDeliveryAttemptEntity>,
    private readonly units: UnitsService,
  ) {}

  async create(dto: CreateWebhookDto, actor: Actor): Promise<WebhookSubscriptionView> {
    if (dto.unitId !== undefined) await this.units.requireUnit(dto.unitId, 'unitId');
    const { identifiers } = await this.subscriptions.insert({
      name: dto.name,
      url: dto.url,
      secret: dto.secret,
      kinds: dto.kinds ?? [],
      unitId: dto.unitId ?? null,
      active: true,
      createdBy: actor.userId,
    });
    return toSubscriptionView(await this.subscriptions.findOneByOrFail({ id: identifiers[0].id as string }));
  }

  async list(): Promise<WebhookSubscriptionView[]> {
    return (await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(
      toSubscriptionView,
    );
  }

  async get(id: string): Promise<WebhookSubscriptionView> {
    return toSubscriptionView(await this.require(id));
  }

  /** Deactivates rather than deletes: the delivery log keeps pointing at the subscription. */
  async deactivate(id: string): Promise<WebhookSubscriptionView> {
    const subscription = await this.require(id);
    if (subscription.active) await this.subscriptions.update({ id }, { active: false });
    return toSubscriptionView({ ...subscription, active: false });
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
