import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import {
  notificationWorkflowId,
  type NotificationActivities,
  type NotifyRequest,
} from '../../contracts/src/notification.contracts.js';
import { CaseSignals } from '../../platform/src/temporal/case-signals.service.js';
import { NotificationErrorCode } from './notification.errors.js';
import { OUTBOUND_CHANNELS, type OutboundChannel } from './outbound-channel.interface.js';

/** The notification activities the worker binds; every public method here becomes an activity. */
@Injectable()
export class NotificationActivitiesService implements NotificationActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOUND_CHANNELS) private readonly channels: OutboundChannel[],
    private readonly cases: CaseSignals,
  ) {}

  async dispatchNotification(request: NotifyRequest): Promise<void> {
    await this.notifyInbox(request);
    const targets = await Promise.all(this.channels.map((channel) => channel.hasTargets(request)));
    if (!targets.includes(true)) return;
    // Outbound delivery may be retried for a day: it runs in the notification's own workflow.
    await this.cases.startBeside({
      workflowType: 'notificationWorkflow',
      workflowId: notificationWorkflowId(request),
      args: [request],
    });
  }

  async notifyInbox(request: NotifyRequest): Promise<{ recipients: number }> {
    const { userIds = [], roles = [] } = request.audience;
    // One statement, so one transaction: the audience is resolved and written at once, and the unique
    // (key, recipient_id) turns a retry into a no-op.
    const [row]: Array<{ recipients: number; inserted: number }> = await this.dataSource.query(
      `WITH recipients AS (
         SELECT u.id FROM app_user u
         WHERE u.active AND (
           u.id = ANY($1::text[])
           OR EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS a(role, unit_id)
                      WHERE a.role = u.role AND (a.unit_id IS NULL OR a.unit_id = u.unit_id)))
       ), inserted AS (
         INSERT INTO notification (recipient_id, key, kind, case_type, case_id, unit_id, title, body, occurred_at)
         SELECT id, $4, $5, $6, $7, $8, $9, $10, $11 FROM recipients
         ON CONFLICT (key, recipient_id) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM recipients)::int AS recipients,
              (SELECT count(*) FROM inserted)::int AS inserted`,
      [
        userIds,
        roles.map((r) => r.role),
        roles.map((r) => r.unitId ?? null),
        request.key,
        request.kind,
        request.caseType,
        request.caseId,
        request.unitId,
        request.title,
        request.body,
        request.occurredAt,
      ],
    );
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
