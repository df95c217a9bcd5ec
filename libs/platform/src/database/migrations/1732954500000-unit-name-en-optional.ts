import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A unit's English name is optional: a county office's own list (kept in Excel) has none, and nothing
 * but the unit pages shows it. None is stored as NULL, never as an empty text.
 */
export class UnitNameEnOptional1732954500000 implements MigrationInterface {
  name = 'UnitNameEnOptional1732954500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit ALTER COLUMN name_en DROP NOT NULL`);
  }

  /** A unit without one gets its Chinese name, so the column can be required again. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE unit SET name_en = name_zh WHERE name_en IS NULL`);
    await db.query(`ALTER TABLE unit ALTER COLUMN name_en SET NOT NULL`);
  }
}
