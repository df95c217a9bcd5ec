import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Closed workflows' histories, kept in PostgreSQL so replay verification and dossiers outlive
 * Temporal's retention (docs/domain.md §3.6). One row per run, written once.
 */
export class Audit1732888800000 implements MigrationInterface {
  name = 'Audit1732888800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE workflow_history_archive (
        workflow_id   text NOT NULL,
        run_id        text NOT NULL,
        workflow_type text NOT NULL,
        status        text NOT NULL,
        close_time    timestamptz NOT NULL,
        history       jsonb NOT NULL,
        sha256        char(64) NOT NULL,
        archived_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, run_id)
      )`);
    await db.query(
      `CREATE INDEX workflow_history_archive_close_time ON workflow_history_archive (close_time)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE workflow_history_archive`);
  }
}
