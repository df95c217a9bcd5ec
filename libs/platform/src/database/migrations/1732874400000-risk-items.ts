import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The risk-item read model (挂账督办 ledger view) and the escalation events the colour cards consume. */
export class RiskItems1732874400000 implements MigrationInterface {
  name = 'RiskItems1732874400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE risk_item (
        id                    text PRIMARY KEY,
        source                text NOT NULL,
        source_date           date NOT NULL,
        action_no             smallint NOT NULL CHECK (action_no BETWEEN 1 AND 12),
        business_name         text NOT NULL,
        business_credit_code  char(18) NOT NULL,
        business_address      text NOT NULL,
        township_id           text NOT NULL REFERENCES unit(id),
        description           text NOT NULL,
        grade                 text NOT NULL,
        status                text NOT NULL,
        overdue               boolean NOT NULL DEFAULT false,
        registering_unit_id   text NOT NULL REFERENCES unit(id),
        registered_by         text NOT NULL,
        registered_at         timestamptz NOT NULL,
        responsible_unit_id   text REFERENCES unit(id),
        responsible_user_id   text REFERENCES app_user(id),
        due_at                timestamptz,
        closed_at             timestamptz,
        reopen_of             text REFERENCES risk_item(id),
        state                 jsonb NOT NULL,
        last_sequence         integer NOT NULL,
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX risk_item_status ON risk_item (status, due_at)`);
    await db.query(`CREATE INDEX risk_item_responsible ON risk_item (responsible_unit_id, status)`);
    await db.query(`CREATE INDEX risk_item_registering ON risk_item (registering_unit_id, status)`);
    await db.query(`CREATE INDEX risk_item_reopen_of ON risk_item (reopen_of)`);
    await db.query(`
      CREATE TABLE escalation_event (
        key           text PRIMARY KEY,
        case_type     text NOT NULL,
        case_id       text NOT NULL,
        unit_id       text NOT NULL REFERENCES unit(id),
        reason        text NOT NULL,
        occurred_at   timestamptz NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX escalation_event_unit ON escalation_event (unit_id, occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE escalation_event`);
    await db.query(`DROP TABLE risk_item`);
  }
}
