import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Incidents: activity failures an admin must see. `kind` is `failed` (retrying cannot mend it; the step
 * was refused) or `retrying` (a transient failure past the retry threshold, still being retried). One
 * row per activity execution and kind, so a retried write never records it twice.
 */
export class Incidents1732899600000 implements MigrationInterface {
  name = 'Incidents1732899600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE incident (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at  timestamptz NOT NULL DEFAULT now(),
        kind         text NOT NULL CHECK (kind IN ('failed', 'retrying')),
        case_type    text NOT NULL,
        case_id      text NOT NULL,
        workflow_id  text NOT NULL,
        run_id       text NOT NULL,
        activity     text NOT NULL,
        activity_id  text NOT NULL,
        step         text,
        error_type   text NOT NULL,
        message      text NOT NULL,
        attempt      integer NOT NULL,
        resolved_at  timestamptz,
        resolved_by  text,
        resolution   text,
        UNIQUE (workflow_id, run_id, activity_id, kind)
      )`);
    await db.query(`CREATE INDEX incident_by_status ON incident ((resolved_at IS NULL), occurred_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE incident`);
  }
}
