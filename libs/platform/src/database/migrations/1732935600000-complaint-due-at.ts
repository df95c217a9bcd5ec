import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Complaints listed due soonest first (the console's list and "my work"): the earliest running clock's
 * due time as a column with an index per scope (decision 0016), backfilled from the stored state.
 */
export class ComplaintDueAt1732935600000 implements MigrationInterface {
  name = 'ComplaintDueAt1732935600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE complaint ADD COLUMN due_at timestamptz`);
    await db.query(`
      UPDATE complaint SET due_at = (
        SELECT min((clock->>'dueAt')::timestamptz) FROM jsonb_array_elements(state->'clocks') AS clock
        WHERE clock->>'stoppedAt' IS NULL)`);
    await db.query(`CREATE INDEX complaint_due ON complaint (due_at ASC NULLS LAST, id)`);
    await db.query(`CREATE INDEX complaint_unit_due ON complaint (unit_id, due_at ASC NULLS LAST, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX complaint_unit_due`);
    await db.query(`DROP INDEX complaint_due`);
    await db.query(`ALTER TABLE complaint DROP COLUMN due_at`);
  }
}
