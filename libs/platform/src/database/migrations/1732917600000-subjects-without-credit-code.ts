import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Hazards and leads about subjects without a 统一社会信用代码 (street stalls, unlicensed workshops,
 * farmers, fields, water bodies; decision 0019): the credit code becomes optional on risk items and both
 * read models keep the subject's kind. Existing rows are registered businesses and stay valid as they are.
 */
export class SubjectsWithoutCreditCode1732917600000 implements MigrationInterface {
  name = 'SubjectsWithoutCreditCode1732917600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE risk_item ALTER COLUMN business_credit_code DROP NOT NULL`);
    await db.query(
      `ALTER TABLE risk_item ADD COLUMN subject_kind text NOT NULL DEFAULT 'registered-business'`,
    );
    // Null on leads recorded before subjects were kept, and on leads that name none.
    await db.query(`ALTER TABLE referral ADD COLUMN subject_kind text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE referral DROP COLUMN subject_kind`);
    await db.query(`ALTER TABLE risk_item DROP COLUMN subject_kind`);
    // Items without a code cannot go back to a schema that requires one.
    await db.query(`DELETE FROM risk_item WHERE business_credit_code IS NULL`);
    await db.query(`ALTER TABLE risk_item ALTER COLUMN business_credit_code SET NOT NULL`);
  }
}
