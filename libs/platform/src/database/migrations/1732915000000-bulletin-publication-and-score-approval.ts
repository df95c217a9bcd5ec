import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A bulletin is published (who, when) before units read it; a year's score (专项得分) is frozen once
 * the county food-safety committee (食安委) approved it. Approved scores are append-only: a frozen
 * score never changes.
 */
export class BulletinPublicationAndScoreApproval1732915000000 implements MigrationInterface {
  name = 'BulletinPublicationAndScoreApproval1732915000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE bulletin ADD COLUMN published_at timestamptz, ADD COLUMN published_by text`);
    await db.query(`
      CREATE TABLE assessment_approval (
        year               integer PRIMARY KEY,
        label              text NOT NULL,
        plan_version       integer NOT NULL,
        policy_version     text NOT NULL,
        committee_decision text NOT NULL,
        approved_on        date NOT NULL,
        approved_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL DEFAULT now(),
        scores             text NOT NULL
      )`);
    await db.query(`
      CREATE FUNCTION assessment_approval_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'assessment_approval is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER assessment_approval_append_only BEFORE UPDATE OR DELETE ON assessment_approval
      FOR EACH ROW EXECUTE FUNCTION assessment_approval_refuse_change()`);
    await db.query(`
      CREATE TRIGGER assessment_approval_no_truncate BEFORE TRUNCATE ON assessment_approval
      FOR EACH STATEMENT EXECUTE FUNCTION assessment_approval_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE assessment_approval`);
    await db.query(`DROP FUNCTION assessment_approval_refuse_change`);
    await db.query(`ALTER TABLE bulletin DROP COLUMN published_at, DROP COLUMN published_by`);
  }
}
