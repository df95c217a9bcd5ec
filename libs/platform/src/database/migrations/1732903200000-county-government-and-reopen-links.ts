import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The county government becomes a kind of its own (it directs the campaign and never bears a card), and a
 * closed risk item's projection lists the items that reopened it (the closed case itself never changes).
 */
export class CountyGovernmentAndReopenLinks1732903200000 implements MigrationInterface {
  name = 'CountyGovernmentAndReopenLinks1732903200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit DROP CONSTRAINT unit_kind_check`);
    await db.query(`
      ALTER TABLE unit ADD CONSTRAINT unit_kind_check
        CHECK (kind IN ('county_government', 'county_office', 'county_department', 'township', 'external'))`);
    // The reference data's county government (seeded as an office before this kind existed).
    await db.query(`UPDATE unit SET kind = 'county_government' WHERE id = 'gov'`);
    await db.query(`ALTER TABLE risk_item ADD COLUMN reopened_as text[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      UPDATE risk_item closed SET reopened_as = links.ids
      FROM (SELECT reopen_of, array_agg(id ORDER BY registered_at, id) AS ids
            FROM risk_item WHERE reopen_of IS NOT NULL GROUP BY reopen_of) links
      WHERE closed.id = links.reopen_of`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE risk_item DROP COLUMN reopened_as`);
    await db.query(`UPDATE unit SET kind = 'county_office' WHERE kind = 'county_government'`);
    await db.query(`ALTER TABLE unit DROP CONSTRAINT unit_kind_check`);
    await db.query(`
      ALTER TABLE unit ADD CONSTRAINT unit_kind_check
        CHECK (kind IN ('county_office', 'county_department', 'township', 'external'))`);
  }
}
