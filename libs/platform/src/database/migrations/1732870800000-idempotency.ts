import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Responses remembered per caller and `Idempotency-Key`, so that a repeated state-changing request is
 * answered without running twice. Expired rows are overwritten when their key comes back.
 */
export class Idempotency1732870800000 implements MigrationInterface {
  name = 'Idempotency1732870800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_record (
        user_id        text NOT NULL,
        key            text NOT NULL CHECK (key ~ '^[A-Za-z0-9_.:-]{1,128}$'),
        method         text NOT NULL,
        path           text NOT NULL,
        fingerprint    char(64) NOT NULL,
        state          text NOT NULL CHECK (state IN ('in_progress', 'completed')),
        status_code    integer,
        response_body  jsonb,
        created_at     timestamptz NOT NULL DEFAULT now(),
        expires_at     timestamptz NOT NULL,
        PRIMARY KEY (user_id, key),
        CHECK ((state = 'completed') = (status_code IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_record`);
  }
}
