import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { InboxController } from './inbox.controller.js';
import { InboxService } from './inbox.service.js';
import { NotificationHandover } from './notification-handover.js';
import { NotificationActivitiesService } from './notification.activities.js';
import { NotificationEntity } from './notification.entity.js';
import { OUTBOUND_CHANNELS, type OutboundChannel } from './outbound-channel.interface.js';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhookChannel } from './webhook.channel.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Every outbound channel; another one (SMS, 政务微信) is a new OutboundChannel class added here. */
const CHANNELS = [WebhookChannel];

/** HTTP side of notifications (API): the inbox and the webhook administration. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      NotificationEntity,
      WebhookSubscriptionEntity,
      WebhookDeliveryEntity,
      WebhookDeliveryAttemptEntity,
    ]),
    IdentityModule,
  ],
  controllers: [InboxController, WebhooksController],
  providers: [InboxService, WebhooksService],
})
export class NotificationsModule {}

/** Worker side of notifications: the activities, with every outbound channel injected as one array. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity])],
  providers: [
    ...CHANNELS,
    {
      provide: OUTBOUND_CHANNELS,
      useFactory: (...channels: OutboundChannel[]) => channels,
      inject: CHANNELS,
    },
    NotificationActivitiesService,
    NotificationHandover,
  ],
  exports: [NotificationActivitiesService, NotificationHandover],
})
export class NotificationActivitiesModule {}
