import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Stored plan versions in the current shape (decision 0018): the action key `no` (read as false by
 * YAML 1.1 parsers) becomes `number`, and comparator '=' becomes '>=' (every '=' target of the plan
 * was a level to reach: 100%, or a bare count). Only the parsed `plan` changes; `source` stays the
 * text exactly as loaded (its sha256 is the version's). The append-only trigger is lifted for this
 * one statement, in the migration's transaction.
 */
export class PlanActionNumber1732914000000 implements MigrationInterface {
  name = 'PlanActionNumber1732914000000';

  async up(db: QueryRunner): Promise<void> {
    await this.rewrite(
      db,
      `(a - 'no') || jsonb_build_object('number', a->'no') || jsonb_build_object('indicators', (
         SELECT coalesce(jsonb_agg(
           CASE WHEN i->>'comparator' = '=' THEN jsonb_set(i, '{comparator}', '">="') ELSE i END ORDER BY n),
           '[]'::jsonb)
         FROM jsonb_array_elements(a->'indicators') WITH ORDINALITY AS x(i, n)))`,
      'no',
    );
  }

  /** Back to `no`; a comparator once '=' stays '>=' (which it always meant). */
  async down(db: QueryRunner): Promise<void> {
    await this.rewrite(db, `(a - 'number') || jsonb_build_object('no', a->'number')`, 'number');
  }

  private async rewrite(db: QueryRunner, action: string, oldKey: string): Promise<void> {
    await db.query(`ALTER TABLE plan_version DISABLE TRIGGER plan_version_append_only`);
    await db.query(
      `UPDATE plan_version SET plan = jsonb_set(plan, '{actions}', (
         SELECT jsonb_agg(${action} ORDER BY k)
         FROM jsonb_array_elements(plan->'actions') WITH ORDINALITY AS y(a, k)))
       WHERE jsonb_array_length(plan->'actions') > 0 AND plan->'actions'->0 ? $1`,
      [oldKey],
    );
    await db.query(`ALTER TABLE plan_version ENABLE TRIGGER plan_version_append_only`);
  }
}
