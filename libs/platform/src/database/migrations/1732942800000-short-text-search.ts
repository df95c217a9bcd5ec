import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Risk items found by Chinese text of one or two characters through an index (docs/decisions/0016,
 * addendum of the evening of 2026-12-02). The trigram index answers `LIKE '%…%'` only for three
 * characters or more, and most Chinese words are two: a search for a rare one (火锅) read every row, 5 s
 * at a million items.
 *
 * A table beside the projection keeps, per item, a key for every character and every pair of
 * neighbouring characters of the business's name and description, with a GIN index. A key is an int4,
 * the code points of a pair packed, or of one character (`shortTextKey` in list-query.ts packs a search
 * the same way). Beside the projection, not in it: its rows stay as narrow as before, so a scan that
 * stops at its first matches reads no more pages, and a step's upsert of the projection never touches
 * the keys (the name and description are written once, when the item is registered). Characters
 * outside the Basic Multilingual Plane get no key. The case number and credit code are left out: they
 * hold only `[0-9A-Z-]`, which a search through these keys never has.
 */
export class ShortTextSearch1732942800000 implements MigrationInterface {
  name = 'ShortTextSearch1732942800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION duban_short_text_keys(VARIADIC parts text[]) RETURNS int4[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT (code - 2147483648)::int4), '{}')
        FROM unnest(parts) AS part
        CROSS JOIN LATERAL generate_series(1, char_length(part)) AS i
        CROSS JOIN LATERAL (SELECT ascii(substr(part, i, 1)) AS here, ascii(substr(part, i + 1, 1)) AS next) AS c
        CROSS JOIN LATERAL (VALUES
          (here::int8),
          (CASE WHEN next BETWEEN 1 AND 65535 THEN here::int8 * 65536 + next END)) AS k(code)
        WHERE here < 65536 AND code IS NOT NULL
      $$`);
    await db.query(`
      CREATE TABLE risk_item_short_text (
        id text PRIMARY KEY REFERENCES risk_item (id) ON DELETE CASCADE,
        keys int4[] NOT NULL
      )`);
    // Once per statement, so a bulk load keys its rows in one insert.
    await db.query(`
      CREATE FUNCTION duban_key_risk_items() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO risk_item_short_text (id, keys)
        SELECT id, duban_short_text_keys(business_name, description) FROM registered;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER risk_item_short_text AFTER INSERT ON risk_item
      REFERENCING NEW TABLE AS registered FOR EACH STATEMENT EXECUTE FUNCTION duban_key_risk_items()`);
    await db.query(`
      INSERT INTO risk_item_short_text (id, keys)
      SELECT id, duban_short_text_keys(business_name, description) FROM risk_item`);
    await db.query('CREATE INDEX risk_item_short_text_keys ON risk_item_short_text USING gin (keys)');
    // The list asks these statistics whether a key is common (list-query.ts, `isCommonKey`).
    await db.query('ANALYZE risk_item_short_text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER risk_item_short_text ON risk_item');
    await db.query('DROP FUNCTION duban_key_risk_items()');
    await db.query('DROP TABLE risk_item_short_text');
    await db.query('DROP FUNCTION duban_short_text_keys(text[])');
  }
}
