import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The risk-item list's sort indexes carry the filters that follow the sort order (docs/decisions/0016,
 * addendum of 2026-12-02). A page walks its sort index until it has 20 matches; the planner expects
 * matches spread evenly along it, but in a county's caseload they are not (open, overdue and soon-due
 * items are the recent ones). With the filter columns in the index, the walk rejects a row from the
 * index entry instead of fetching it from the table: at a million items, `dueAfter` sorted by oldest
 * registration went from 4 s to 13 ms, and `status&overdue&grade` from 0.2–0.7 s to under 15 ms.
 */
export class RiskItemSortIndexesCarryFilters1732939200000 implements MigrationInterface {
  name = 'RiskItemSortIndexesCarryFilters1732939200000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of REPLACED) {
      await db.query(`DROP INDEX ${name}`);
      await db.query(`CREATE INDEX ${name} ON risk_item ${definition.after}`);
    }
    await db.query(`CREATE INDEX ${ID_WITH_FILTERS} ON risk_item ${ID_WITH_FILTERS_COLUMNS}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ${ID_WITH_FILTERS}`);
    for (const [name, definition] of [...REPLACED].reverse()) {
      await db.query(`DROP INDEX ${name}`);
      await db.query(`CREATE INDEX ${name} ON risk_item ${definition.before}`);
    }
  }
}

/** Status, overdue and grade: the filters a supervisor combines, each of a few values. */
const FILTERS = 'status, overdue, grade';

const REPLACED = new Map([
  // due_at too, so a deadline range sorted by registration is checked in the index.
  ['risk_item_registered_at', { before: '(registered_at)', after: `(registered_at, due_at, ${FILTERS})` }],
  ['risk_item_due_at', { before: '(due_at)', after: `(due_at, ${FILTERS})` }],
  [
    'risk_item_due_at_desc',
    { before: '(due_at DESC NULLS LAST)', after: `(due_at DESC NULLS LAST, ${FILTERS})` },
  ],
  [
    'risk_item_status_registered',
    { before: '(status, registered_at)', after: '(status, registered_at, overdue, grade)' },
  ],
]);

/** The primary key cannot carry columns; sorting by case number gets an index of its own that does. */
const ID_WITH_FILTERS = 'risk_item_id_filters';
const ID_WITH_FILTERS_COLUMNS = `(id, ${FILTERS})`;
