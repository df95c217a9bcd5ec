import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The in-app inbox (one row per notification and recipient) and signed webhooks: subscriptions, one
 * delivery row per notification key and subscription, and the log of every attempt.
 */
export class Notifications1732867200000 implements MigrationInterface {
  name = 'Notifications1732867200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id  text NOT NULL REFERENCES app_user(id),
        key           text NOT NULL,
        kind          text NOT NULL,
        case_type     text NOT NULL,
        case_id       text NOT NULL,
        unit_id       text NOT NULL,
        title         text NOT NULL,
        body          text NOT NULL,
        occurred_at   timestamptz NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        read_at       timestamptz,
        UNIQUE (key, recipient_id)
      )`);
    await db.query(
      `CREATE INDEX notification_inbox ON notification (recipient_id, created_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE TABLE webhook_subscription (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        url         text NOT NULL,
        secret      text NOT NULL,
        kinds       text[] NOT NULL DEFAULT '{}',
        unit_id     text REFERENCES unit(id),
        active      boolean NOT NULL DEFAULT true,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE webhook_delivery (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key               text NOT NULL,
        subscription_id   uuid NOT NULL REFERENCES webhook_subscription(id),
        status            text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts          integer NOT NULL DEFAULT 0,
        last_status_code  integer,
        last_error        text,
        first_attempt_at  timestamptz NOT NULL DEFAULT now(),
        delivered_at      timestamptz,
        UNIQUE (key, subscription_id)
      )`);
    await db.query(
      `CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, first_attempt_at DESC)`,
    );
    await db.query(`
      CREATE TABLE webhook_delivery_attempt (
        id           bigserial PRIMARY KEY,
        delivery_id  uuid NOT NULL REFERENCES webhook_delivery(id),
        attempt      integer NOT NULL CHECK (attempt >= 1),
        at           timestamptz NOT NULL DEFAULT now(),
        status_code  integer,
        error        text,
        duration_ms  integer NOT NULL,
        UNIQUE (delivery_id, attempt)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_delivery_attempt`);
    await db.query(`DROP TABLE webhook_delivery`);
    await db.query(`DROP TABLE webhook_subscription`);
    await db.query(`DROP TABLE notification`);
  }
}
