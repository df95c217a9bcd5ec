import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { type InboxQueryDto } from './dto/inbox-query.dto.js';
import { NotificationEntity } from './notification.entity.js';
import { notificationNotFound } from './notification.errors.js';
import { toNotificationView, type NotificationPageView, type NotificationView } from './notification.view.js';

/** A user's own inbox. Every query is bounded by the recipient, so nobody reaches another's entries. */
@Injectable()
export class InboxService {
  constructor(
    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
  ) {}

  /** `total` counts what the filters match; `unread`, all of the recipient's unread entries. */
  async list(recipientId: string, query: InboxQueryDto): Promise<NotificationPageView> {
    const unreadOnly = { recipientId, readAt: IsNull() };
    const [rows, total] = await this.notifications.findAndCount({
      where: {
        ...(query.unread ? unreadOnly : { recipientId }),
        ...(query.kind ? { kind: query.kind } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    const unread = query.unread && !query.kind ? total : await this.notifications.countBy(unreadOnly);
    return { items: rows.map(toNotificationView), total, unread };
  }

  /** Idempotent: marking again keeps the first read time. Another user's entry is not found. */
  async markRead(recipientId: string, id: string): Promise<NotificationView> {
    const result = await this.notifications
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'coalesce(read_at, now())' })
      .where('id = :id AND recipient_id = :recipientId', { id, recipientId })
      .execute();
    if (!result.affected) throw notificationNotFound(id);
    return toNotificationView(await this.notifications.findOneByOrFail({ id }));
  }

  async markAllRead(recipientId: string): Promise<{ marked: number }> {
    const result = await this.notifications.update(
      { recipientId, readAt: IsNull() },
      { readAt: () => 'now()' },
    );
    return { marked: result.affected ?? 0 };
  }
}
