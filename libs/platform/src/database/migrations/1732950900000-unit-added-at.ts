import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When an administrator added a unit (the API, the command line, an import). A year's assessment leaves
 * out a unit added after that year ended: it cannot have failed a year it did not exist in. Units seeded
 * with the plan, and every unit there before this column, are NULL: part of the county from the start.
 */
export class UnitAddedAt1732950900000 implements MigrationInterface {
  name = 'UnitAddedAt1732950900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit ADD COLUMN added_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit DROP COLUMN added_at`);
  }
}
