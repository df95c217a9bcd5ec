import { ApiProperty } from '@nestjs/swagger';
import { NotificationKind } from '../../contracts/src/notification.contracts.js';
import { type NotificationEntity } from './notification.entity.js';

/** An inbox entry as its recipient sees it. */
export class NotificationView {
  @ApiProperty({ example: '5b0d7c0e-8a4f-4b59-9a53-4f7f3f0e2c11' }) id: string;
  @ApiProperty({ enum: NotificationKind, example: NotificationKind.Overdue }) kind: string;
  @ApiProperty({ example: 'directive' }) caseType: string;
  @ApiProperty({ example: 'DB-2026-000001' }) caseId: string;
  @ApiProperty({ example: 'amr' }) unitId: string;
  @ApiProperty({ example: '督办通知已逾期' }) title: string;
  @ApiProperty({ example: '督办通知 DB-2026-000001 已超过办理期限，请尽快办结。' }) body: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) occurredAt: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.120Z' }) createdAt: string;
  @ApiProperty({ example: null, nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ example: 42, description: 'How many match the filter, over all pages' }) total: number;
  @ApiProperty({ example: 3, description: "How many of the caller's notifications are unread" })
  unread: number;
}

export function toNotificationView(n: NotificationEntity): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    caseType: n.caseType,
    caseId: n.caseId,
    unitId: n.unitId,
    title: n.title,
    body: n.body,
    occurredAt: n.occurredAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
