import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The moment each retired unit was last retired, read from the identity chain: the latest entry on a
 * `unit/<id>` subject that turned it from in use to not (`unit.deactivated`, or an import's
 * `unit.changed` with active false, or `unit.created` already inactive). Retiring has always been
 * ledgered with the unit's fields, so every unit retired through Duban gets its day; one retired some
 * other way (by hand in the database) keeps NULL and is treated as before, as existing every year.
 * Exported for the test that runs it against a chain of its own.
 */
export const RETIRED_AT_FROM_IDENTITY_CHAIN = `
  UPDATE unit SET retired_at = retired.occurred_at
  FROM (
    SELECT DISTINCT ON (state_after->>'subject') substr(state_after->>'subject', 6) AS unit_id, occurred_at
    FROM ledger_entry
    WHERE case_type = 'identity' AND state_after->>'subject' LIKE 'unit/%'
      AND state_after->>'active' = 'false'
      AND (state_before IS NULL OR state_before->>'active' = 'true')
    ORDER BY state_after->>'subject', occurred_at DESC, id DESC
  ) retired
  WHERE unit.id = retired.unit_id AND NOT unit.active`;

export class UnitRetiredAt1732954600000 implements MigrationInterface {
  name = 'UnitRetiredAt1732954600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit ADD COLUMN retired_at timestamptz`);
    await db.query(RETIRED_AT_FROM_IDENTITY_CHAIN);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit DROP COLUMN retired_at`);
  }
}
