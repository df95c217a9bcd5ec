import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for `GET /directives` (newest first, by status and by unit), in the manner of the other lists
 * (docs/decisions/0016-lists-at-scale.md): one for the sort, one per filter with the sort column.
 */
export class DirectiveListIndexes1732932000000 implements MigrationInterface {
  name = 'DirectiveListIndexes1732932000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of INDEXES) await db.query(`CREATE INDEX ${statement}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of [...INDEXES].reverse()) await db.query(`DROP INDEX ${statement.split(' ')[0]}`);
  }
}

const INDEXES = [
  `directive_issued_at ON directive (issued_at)`,
  `directive_status_issued ON directive (status, issued_at)`,
  `directive_unit_issued ON directive (assignee_unit_id, issued_at)`,
];
