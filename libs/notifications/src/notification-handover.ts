import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { notificationWorkflowId, type NotifyRequest } from '../../contracts/src/notification.contracts.js';
import { CaseSignals } from '../../platform/src/temporal/case-signals.service.js';
import { OUTBOUND_CHANNELS, type OutboundChannel } from './outbound-channel.interface.js';

/**
 * How a notification leaves its case: inbox entries written in a transaction (the notification
 * activity's own, or the step's record when the notice goes with it), then, when an outbound channel
 * has a target, the notification's own workflow started to deliver it (by the notification activity,
 * or after the step's answer when the notice went with the record). Not an activity class: its methods
 * run inside activities.
 */
@Injectable()
export class NotificationHandover {
  constructor(
    @Inject(OUTBOUND_CHANNELS) private readonly channels: OutboundChannel[],
    private readonly cases: CaseSignals,
  ) {}

  /**
   * One unread entry per recipient. One statement: the audience is resolved and written at once, and
   * the unique (key, recipient_id) turns a retry into a no-op.
   */
  async writeInbox(
    manager: EntityManager,
    request: NotifyRequest,
  ): Promise<{ recipients: number; inserted: number }> {
    const { userIds = [], roles = [] } = request.audience;
    const [row]: Array<{ recipients: number; inserted: number }> = await manager.query(
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
    return row;
  }

  /** Whether an outbound channel has a target for any of them (a read, nothing started). */
  async anyOutbound(requests: NotifyRequest[]): Promise<boolean> {
    for (const request of requests) if (await this.hasTargets(request)) return true;
    return false;
  }

  /**
   * Starts the delivery workflow (`notification/<key>`) of each notification an outbound channel has a
   * target for, without waiting for it (decision 0017): outbound delivery may be retried for a day.
   */
  async startDeliveries(requests: NotifyRequest[]): Promise<void> {
    for (const request of requests) {
      if (!(await this.hasTargets(request))) continue;
      await this.cases.startBeside({
        workflowType: 'notificationWorkflow',
        workflowId: notificationWorkflowId(request),
        args: [request],
      });
    }
  }

  private async hasTargets(request: NotifyRequest): Promise<boolean> {
    const targets = await Promise.all(this.channels.map((channel) => channel.hasTargets(request)));
    return targets.includes(true);
  }
}
