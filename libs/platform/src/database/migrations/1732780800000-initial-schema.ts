import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Reference data (units, users), per-year case numbering, the append-only ledger and the directive
 * projection of the platform's proof path.
 */
export class InitialSchema1732780800000 implements MigrationInterface {
  name = 'InitialSchema1732780800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE unit (
        id          text PRIMARY KEY,
        name_zh     text NOT NULL,
        name_en     text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('county_office', 'county_department', 'township', 'external')),
        is_sample   boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE app_user (
        id            text PRIMARY KEY,
        display_name  text NOT NULL,
        role          text NOT NULL CHECK (role IN ('handler', 'unit_head', 'supervisor', 'leader', 'police_liaison', 'auditor', 'admin')),
        unit_id       text NOT NULL REFERENCES unit(id),
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE case_counter (
        prefix  text NOT NULL,
        year    integer NOT NULL,
        last    integer NOT NULL,
        PRIMARY KEY (prefix, year)
      )`);
    await db.query(`
      CREATE TABLE ledger_entry (
        id            bigserial PRIMARY KEY,
        case_type     text NOT NULL,
        case_id       text NOT NULL,
        sequence      integer NOT NULL CHECK (sequence >= 1),
        actor_id      text NOT NULL,
        actor_role    text NOT NULL,
        actor_unit    text NOT NULL,
        action        text NOT NULL,
        reason        text,
        state_before  jsonb,
        state_after   jsonb NOT NULL,
        occurred_at   timestamptz NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        workflow_id   text NOT NULL,
        run_id        text NOT NULL,
        request_id    text NOT NULL,
        prev_hash     char(64) NOT NULL,
        hash          char(64) NOT NULL,
        UNIQUE (case_id, sequence)
      )`);
    await db.query(`CREATE INDEX ledger_entry_occurred_at ON ledger_entry (occurred_at)`);
    // The ledger is the system of record for audit: the database itself refuses to rewrite history.
    await db.query(`
      CREATE FUNCTION ledger_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
      FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change()`);
    await db.query(`
      CREATE TRIGGER ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_refuse_change()`);
    await db.query(`
      CREATE TABLE directive (
        id                text PRIMARY KEY,
        title             text NOT NULL,
        body              text NOT NULL,
        assignee_unit_id  text NOT NULL REFERENCES unit(id),
        status            text NOT NULL,
        issued_by         text NOT NULL,
        issued_at         timestamptz NOT NULL,
        acknowledged_by   text,
        acknowledged_at   timestamptz,
        note              text,
        last_sequence     integer NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX directive_assignee ON directive (assignee_unit_id, status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE directive`);
    await db.query(`DROP TABLE ledger_entry`);
    await db.query(`DROP FUNCTION ledger_entry_refuse_change`);
    await db.query(`DROP TABLE case_counter`);
    await db.query(`DROP TABLE app_user`);
    await db.query(`DROP TABLE unit`);
  }
}
