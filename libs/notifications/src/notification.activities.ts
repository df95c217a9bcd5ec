import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import {
  type NotificationActivities,
  type NotifyRequest,
} from '../../contracts/src/notification.contracts.js';
import { NotificationHandover } from './notification-handover.js';
import { NotificationErrorCode } from './notification.errors.js';
import { OUTBOUND_CHANNELS, type OutboundChannel } from './outbound-channel.interface.js';

/** The notification activities the worker binds; every public method here becomes an activity. */
@Injectable()
export class NotificationActivitiesService implements NotificationActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOUND_CHANNELS) private readonly channels: OutboundChannel[],
    private readonly handover: NotificationHandover,
  ) {}

  async dispatchNotification(request: NotifyRequest): Promise<void> {
    await this.notifyInbox(request);
    await this.handover.startDeliveries([request]);
  }

  startDeliveries(requests: NotifyRequest[]): Promise<void> {
    return this.handover.startDeliveries(requests);
  }

  async notifyInbox(request: NotifyRequest): Promise<{ recipients: number }> {
    const row = await this.handover.writeInbox(this.dataSource.manager, request);
    const context = Context.current();
    context.log.info('inbox notified', {
      requestId: request.requestId,
      key: request.key,
      kind: request.kind,
      recipients: row.recipients,
      inserted: row.inserted,
      activityAttempt: context.info.attempt,
    });
    return { recipients: row.recipients };
  }

  /**
   * Reaches every matching target of every channel. Returns how many targets now have the notification
   * (earlier attempts included), so a retry that completes answers as a first success would.
   */
  async deliverOutbound(request: NotifyRequest): Promise<{ delivered: number }> {
    const results = (await Promise.all(this.channels.map((channel) => channel.deliver(request)))).flat();
    const context = Context.current();
    for (const r of results) {
      if (r.outcome === 'already-delivered') continue;
      context.log[r.outcome === 'failed' ? 'warn' : 'info']('outbound delivery', {
        requestId: request.requestId,
        key: request.key,
        channel: r.channel,
        targetId: r.targetId,
        outcome: r.outcome,
        attempt: r.attempt,
        error: r.error,
        activityAttempt: context.info.attempt,
      });
    }
    const failed = results.filter((r) => r.outcome === 'failed');
    if (failed.length > 0) {
      // Retryable: Temporal retries with backoff, and the next attempt skips the targets reached now.
      throw ApplicationFailure.retryable(
        `Outbound delivery failed for ${failed.length} of ${results.length} targets: ` +
          failed.map((f) => `${f.channel} "${f.targetName}" (${f.targetId}): ${f.error}`).join('; '),
        NotificationErrorCode.OutboundFailed,
        { failed },
      );
    }
    return { delivered: results.length };
  }
}
