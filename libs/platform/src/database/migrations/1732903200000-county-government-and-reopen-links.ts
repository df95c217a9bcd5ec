import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The county government becomes a kind of its own: it directs the campaign and never bears a card. */
export class CountyGovernmentAndReopenLinks1732903200000 implements MigrationInterface {
  name = 'CountyGovernmentAndReopenLinks1732903200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE unit DROP CONSTRAINT unit_kind_check`);
    await db.query(`
      ALTER TABLE unit ADD CONSTRAINT unit_kind_check
        CHECK (kind IN ('county_government', 'county_office', 'county_department', 'township', 'external'))`);
    // The reference data's county government (seeded as an office before this kind existed).
    await db.query(`UPDATE unit SET kind = 'county_government' WHERE id = 'gov'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE unit SET kind = 'county_office' WHERE kind = 'county_government'`);
    await db.query(`ALTER TABLE unit DROP CONSTRAINT unit_kind_check`);
    await db.query(`
      ALTER TABLE unit ADD CONSTRAINT unit_kind_check
        CHECK (kind IN ('county_office', 'county_department', 'township', 'external'))`);
  }
}
