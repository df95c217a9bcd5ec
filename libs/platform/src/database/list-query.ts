import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/**
 * Lists count their matches up to this many and no further: an exact count over a million rows costs
 * more than the page itself (docs/decisions/0016-lists-at-scale.md).
 */
export const LIST_TOTAL_CAP = 1_000;

/** How many rows a list filter matches: exact up to the cap; beyond it, the cap and `totalCapped`. */
export interface ListTotal {
  total: number;
  totalCapped: boolean;
}

/** `counted` is a count of at most cap + 1 rows: one more than the cap means "more than the cap". */
export function capTotal(counted: number, cap = LIST_TOTAL_CAP): ListTotal {
  return { total: Math.min(counted, cap), totalCapped: counted > cap };
}

/** Counts the rows the query's filters match, reading at most cap + 1 of them. */
export async function cappedTotal<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  cap = LIST_TOTAL_CAP,
): Promise<ListTotal> {
  const [sql, parameters] = qb
    .clone()
    .select('1')
    .orderBy()
    .skip(undefined)
    .take(undefined)
    .limit(cap + 1)
    .getQueryAndParameters();
  const rows: Array<{ counted: number }> = await qb.connection.query(
    `SELECT count(*)::int AS counted FROM (${sql}) AS matches`,
    parameters,
  );
  return capTotal(rows[0].counted, cap);
}

/** A LIKE pattern that finds `text` anywhere, its own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The id column of a list and the shape of a whole case number in it (FX-2026-000123). */
export interface CaseNumberColumn {
  column: string;
  pattern: RegExp;
}

/**
 * Whether any character of `text` has an upper or lower case. Without one (Chinese, digits, most
 * punctuation) a case-insensitive match is a plain one, and PostgreSQL's LIKE is about a third cheaper
 * than ILIKE, which lowers every row's text first (docs/decisions/0016, addendum of 2026-12-02).
 */
export function hasLetterCase(text: string): boolean {
  return text.toLowerCase() !== text.toUpperCase();
}

/** The trigram index needs three characters to cut a piece from; keys find text shorter than that. */
const SHORT_TEXT_MAX_CHARACTERS = 2;
/** Code points below this (the Basic Multilingual Plane) fit two to an int4 key. */
const KEYED_CODE_POINTS = 0x10000;
const INT4_OFFSET = 2 ** 31;

/**
 * The key that finds a search of one or two characters among a row's short-text keys, packed as
 * `duban_short_text_keys` (migration ShortTextSearch1732942800000) packs a row's characters and pairs.
 * Null where no key can find it: longer text; a letter with a case (ILIKE folds case, the keys do
 * not); only digits and hyphens (a case number or credit code could hold them, and those have no
 * keys); a character outside the Basic Multilingual Plane.
 */
export function shortTextKey(text: string): number | null {
  const codes = [...text].map((character) => character.codePointAt(0)!);
  if (codes.length === 0 || codes.length > SHORT_TEXT_MAX_CHARACTERS) return null;
  if (hasLetterCase(text) || /^[0-9-]*$/.test(text)) return null;
  if (codes.some((code) => code >= KEYED_CODE_POINTS)) return null;
  const packed = codes.length === 1 ? codes[0] : codes[0] * KEYED_CODE_POINTS + codes[1];
  return packed - INT4_OFFSET;
}

/**
 * A key in at least this share of the rows is left to the LIKE conditions: a scan that stops at the
 * count's cap then reads about 20 rows per match, while the index would hand over every match first
 * (at a million items, 83,000 of them took 24 ms before the first row).
 */
const COMMON_KEY_SHARE = 0.05;

/** A table of short-text keys beside a list's rows, and the column of the list it is keyed by. */
export interface ShortTextKeys {
  /** Its rows: the case's id, and `keys int4[]` (migration ShortTextSearch1732942800000). */
  table: string;
  caseId: string;
}

/**
 * Whether PostgreSQL's statistics find `key` in at least COMMON_KEY_SHARE of the rows (the keys'
 * most common elements and their shares, from the table's last ANALYZE). A key they do not list is
 * rarer than all they do; without statistics every key counts as rare, which costs at most reading its
 * matches.
 */
async function isCommonKey<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  table: string,
  key: number,
): Promise<boolean> {
  const rows: Array<{ share: number }> = await qb.connection.query(
    `SELECT e.share FROM pg_stats s
     CROSS JOIN LATERAL unnest(s.most_common_elems::text::int4[], s.most_common_elem_freqs) AS e(key, share)
     WHERE s.schemaname = current_schema() AND s.tablename = $1 AND s.attname = 'keys' AND e.key = $2`,
    [table, key],
  );
  return rows.length > 0 && rows[0].share >= COMMON_KEY_SHARE;
}

/**
 * Narrows a list to rows where any of the columns contains `q`, case-insensitively (answered by the
 * columns' trigram indexes). A whole case number is looked up by equality instead: its trigrams
 * (`FX-`, `-20`, `202`…) are shared by every case and would make the trigram index read them all. Text
 * of one or two characters, too short for a trigram, is found through the list's short-text keys where
 * it has them, `shortTextKey` gives one and the key is not common; the LIKE conditions still decide
 * each row.
 */
export async function searchText<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  q: string,
  columns: readonly string[],
  caseNumber: CaseNumberColumn,
  shortText?: ShortTextKeys,
): Promise<void> {
  const id = q.trim().toUpperCase();
  const exact = caseNumber.pattern.test(id);
  const like = hasLetterCase(q) ? 'ILIKE' : 'LIKE';
  const conditions = [
    exact ? `${caseNumber.column} = :searchedId` : `${caseNumber.column} ${like} :q ESCAPE '\\'`,
    ...columns.map((column) => `${column} ${like} :q ESCAPE '\\'`),
  ];
  qb.andWhere(`(${conditions.join(' OR ')})`, { q: containsPattern(q), searchedId: id });
  if (!shortText) return;
  const key = shortTextKey(q);
  if (key !== null && !(await isCommonKey(qb, shortText.table, key))) {
    qb.andWhere(
      `${shortText.caseId} IN (SELECT id FROM ${shortText.table} WHERE keys @> ARRAY[:shortTextKey]::int4[])`,
      { shortTextKey: key },
    );
  }
}
