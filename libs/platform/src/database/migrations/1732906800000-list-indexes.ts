import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes that keep every filter and sort of the risk-item, card and referral lists fast at a million
 * rows (docs/decisions/0016-lists-at-scale.md): one per sort order, one per filter selective enough that
 * scanning in sort order would read too far, and trigram (pg_trgm) indexes for the `q=` substring search.
 */
export class ListIndexes1732906800000 implements MigrationInterface {
  name = 'ListIndexes1732906800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const statement of INDEXES) await db.query(`CREATE INDEX ${statement}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of [...INDEXES].reverse()) await db.query(`DROP INDEX ${statement.split(' ')[0]}`);
    // The extension stays: another schema object may have come to use it.
  }
}

const INDEXES = [
  // Sorts (id is the primary key). A backward scan of (due_at) gives DESC NULLS FIRST, not NULLS LAST.
  `risk_item_registered_at ON risk_item (registered_at)`,
  `risk_item_due_at ON risk_item (due_at)`,
  `risk_item_due_at_desc ON risk_item (due_at DESC NULLS LAST)`,
  // Filters. Status (with the sort column) because open items are the recent ones: walking the whole
  // registered_at index from the oldest end to find 20 assigned items reads most of the table.
  `risk_item_status_registered ON risk_item (status, registered_at)`,
  `risk_item_current_unit ON risk_item ((coalesce(responsible_unit_id, registering_unit_id)), registered_at)`,
  `risk_item_township ON risk_item (township_id, registered_at)`,
  `risk_item_grade ON risk_item (grade, registered_at)`,
  `risk_item_action ON risk_item (action_no, registered_at)`,
  `risk_item_source ON risk_item (source, registered_at)`,
  `risk_item_overdue ON risk_item (registered_at) WHERE overdue`,
  `risk_item_administrative_only ON risk_item (registered_at) WHERE administrative_only`,
  `risk_item_search ON risk_item USING gin (id gin_trgm_ops, business_name gin_trgm_ops,
     (business_credit_code::text) gin_trgm_ops, description gin_trgm_ops)`,
  `card_status_raised ON card (status, raised_at)`,
  `card_search ON card USING gin (id gin_trgm_ops, subject_id gin_trgm_ops)`,
  `referral_recorded ON referral (recorded_at)`,
  `referral_search ON referral USING gin (id gin_trgm_ops, source_ref gin_trgm_ops)`,
];
