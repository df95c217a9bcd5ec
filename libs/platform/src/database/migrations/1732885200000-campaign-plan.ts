import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Versions of the campaign plan as data: append-only, like the ledger, so plan history is never rewritten. */
export class CampaignPlan1732885200000 implements MigrationInterface {
  name = 'CampaignPlan1732885200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_version (
        version      integer PRIMARY KEY CHECK (version >= 1),
        sha256       char(64) NOT NULL,
        document_no  text NOT NULL,
        loaded_at    timestamptz NOT NULL,
        loaded_by    text NOT NULL,
        reason       text NOT NULL,
        plan         jsonb NOT NULL,
        source       text NOT NULL
      )`);
    await db.query(`
      CREATE FUNCTION plan_version_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan_version is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_version_append_only BEFORE UPDATE OR DELETE ON plan_version
      FOR EACH ROW EXECUTE FUNCTION plan_version_refuse_change()`);
    await db.query(`
      CREATE TRIGGER plan_version_no_truncate BEFORE TRUNCATE ON plan_version
      FOR EACH STATEMENT EXECUTE FUNCTION plan_version_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE plan_version`);
    await db.query(`DROP FUNCTION plan_version_refuse_change`);
  }
}
