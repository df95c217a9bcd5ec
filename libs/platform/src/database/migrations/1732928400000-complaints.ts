import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Complaints and reports (投诉举报): the read model (no identity in it), the reporter's receipt (a hash
 * of the follow-up secret only) and the sealed identity (envelope-encrypted, decision 0022).
 */
export class Complaints1732928400000 implements MigrationInterface {
  name = 'Complaints1732928400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE complaint (
        id                   text PRIMARY KEY,
        category             text NOT NULL,
        status               text NOT NULL,
        unit_id              text NOT NULL REFERENCES unit(id),
        action_no            smallint NOT NULL CHECK (action_no BETWEEN 1 AND 12),
        group_key            text NOT NULL,
        business_name        text NOT NULL,
        business_credit_code text,
        insider              boolean NOT NULL,
        named                boolean NOT NULL,
        overdue              boolean NOT NULL DEFAULT false,
        outcome_kind         text,
        outcome_ref          text,
        substantiated        boolean,
        received_at          timestamptz NOT NULL,
        accepted_at          timestamptz,
        decided_at           timestamptz,
        informed_at          timestamptz,
        closed_at            timestamptz,
        reward_status        text,
        reward_fen           bigint,
        reward_paid_at       timestamptz,
        state                jsonb NOT NULL,
        last_sequence        integer NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX complaint_unit ON complaint (unit_id, received_at)`);
    await db.query(`CREATE INDEX complaint_group ON complaint (group_key, received_at)`);
    await db.query(`
      CREATE TABLE complaint_receipt (
        complaint_id  text PRIMARY KEY,
        receipt_code  text NOT NULL UNIQUE,
        secret_hash   bytea NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE complaint_identity (
        complaint_id  text PRIMARY KEY,
        key_id        text NOT NULL,
        wrapped_key   bytea NOT NULL,
        ciphertext    bytea NOT NULL,
        sealed_at     timestamptz NOT NULL DEFAULT now(),
        rewrapped_at  timestamptz
      )`);
    await db.query(`CREATE INDEX complaint_identity_key ON complaint_identity (key_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE complaint_identity`);
    await db.query(`DROP TABLE complaint_receipt`);
    await db.query(`DROP TABLE complaint`);
  }
}
