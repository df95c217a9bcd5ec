import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Reporting cycles (月调度、季通报): report requests' read model and the stored bulletins. */
export class ReportingCycles1732892400000 implements MigrationInterface {
  name = 'ReportingCycles1732892400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_request (
        id             text PRIMARY KEY,
        kind           text NOT NULL,
        unit_id        text NOT NULL REFERENCES unit(id),
        action_no      smallint,
        deliverable_id text,
        period_label   text NOT NULL,
        plan_version   integer NOT NULL,
        status         text NOT NULL,
        due_at         timestamptz NOT NULL,
        opened_at      timestamptz NOT NULL,
        submitted_at   timestamptz,
        state          jsonb NOT NULL,
        last_sequence  integer NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX report_request_unit ON report_request (unit_id, status, due_at)`);
    await db.query(`CREATE INDEX report_request_period ON report_request (period_label, kind)`);
    // Inputs are kept as the exact text they were rendered from (jsonb would reorder keys).
    await db.query(`
      CREATE TABLE bulletin (
        id              text PRIMARY KEY,
        run_key         text NOT NULL UNIQUE,
        quarter         text NOT NULL,
        cutoff          timestamptz NOT NULL,
        plan_version    integer NOT NULL,
        policy_version  text NOT NULL,
        inputs          text NOT NULL,
        html            text NOT NULL,
        indicators_csv  text NOT NULL,
        units_csv       text NOT NULL,
        html_sha256     char(64) NOT NULL,
        lagging_units   text[] NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX bulletin_quarter ON bulletin (quarter, cutoff)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bulletin`);
    await db.query(`DROP TABLE report_request`);
  }
}
