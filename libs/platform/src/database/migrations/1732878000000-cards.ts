import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The colour-card board (亮牌督办). */
export class Cards1732878000000 implements MigrationInterface {
  name = 'Cards1732878000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE card (
        id            text PRIMARY KEY,
        workflow_id   text NOT NULL,
        first_run_id  text NOT NULL,
        unit_id       text NOT NULL REFERENCES unit(id),
        subject_type  text NOT NULL,
        subject_id    text NOT NULL,
        status        text NOT NULL,
        level         smallint NOT NULL,
        colour        text NOT NULL,
        raised_at     timestamptz NOT NULL,
        closed_at     timestamptz,
        state         jsonb NOT NULL,
        last_sequence integer NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX card_unit ON card (unit_id, raised_at)`);
    await db.query(`CREATE INDEX card_open ON card (status, colour)`);
    await db.query(`CREATE INDEX card_workflow ON card (workflow_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE card`);
  }
}
