import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The inbox filtered by kind (`GET /me/notifications?kind=escalation`, the console's 升级到我), in the
 * manner of the other lists (decision 0016): the filter with the sort, so a page and its total read
 * only the recipient's entries of that kind.
 */
export class InboxByKind1732947300000 implements MigrationInterface {
  name = 'InboxByKind1732947300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX notification_inbox_kind ON notification (recipient_id, kind, created_at DESC, id DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_inbox_kind`);
  }
}
