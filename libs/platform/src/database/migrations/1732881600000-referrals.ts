import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The criminal-referral read model (行刑衔接) and the risk-item columns of the 以罚代刑 guard. */
export class Referrals1732881600000 implements MigrationInterface {
  name = 'Referrals1732881600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE referral (
        id                   text PRIMARY KEY,
        unit_id              text NOT NULL REFERENCES unit(id),
        action_no            smallint NOT NULL CHECK (action_no BETWEEN 1 AND 12),
        source               text NOT NULL,
        source_ref           text NOT NULL,
        category             text NOT NULL,
        status               text NOT NULL,
        outcome              text,
        overdue              boolean NOT NULL DEFAULT false,
        administrative_only  boolean NOT NULL DEFAULT false,
        addressed_to_police  boolean NOT NULL DEFAULT false,
        recorded_at          timestamptz NOT NULL,
        transferred_at       timestamptz,
        filed_at             timestamptz,
        closed_at            timestamptz,
        state                jsonb NOT NULL,
        last_sequence        integer NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX referral_unit ON referral (unit_id, recorded_at)`);
    await db.query(`CREATE INDEX referral_police ON referral (addressed_to_police, status)`);
    await db.query(`CREATE INDEX referral_source ON referral (source, source_ref)`);
    // Written by the risk-item activities from the state they already carry (criminalThreshold, referral link).
    await db.query(`ALTER TABLE risk_item ADD COLUMN criminal_threshold_at timestamptz`);
    await db.query(`ALTER TABLE risk_item ADD COLUMN referral_id text`);
    await db.query(`ALTER TABLE risk_item ADD COLUMN administrative_only boolean NOT NULL DEFAULT false`);
    await db.query(
      `CREATE INDEX risk_item_criminal ON risk_item (criminal_threshold_at) WHERE criminal_threshold_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX risk_item_criminal`);
    await db.query(`ALTER TABLE risk_item DROP COLUMN administrative_only`);
    await db.query(`ALTER TABLE risk_item DROP COLUMN referral_id`);
    await db.query(`ALTER TABLE risk_item DROP COLUMN criminal_threshold_at`);
    await db.query(`DROP TABLE referral`);
  }
}
