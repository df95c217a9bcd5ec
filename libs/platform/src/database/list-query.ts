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

/**
 * Narrows a list to rows where any of the columns contains `q`, case-insensitively (answered by the
 * columns' trigram indexes). A whole case number is looked up by equality instead: its trigrams
 * (`FX-`, `-20`, `202`…) are shared by every case and would make the trigram index read them all.
 */
export function searchText<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  q: string,
  columns: readonly string[],
  caseNumber: CaseNumberColumn,
): void {
  const id = q.trim().toUpperCase();
  const exact = caseNumber.pattern.test(id);
  const like = hasLetterCase(q) ? 'ILIKE' : 'LIKE';
  const conditions = [
    exact ? `${caseNumber.column} = :searchedId` : `${caseNumber.column} ${like} :q ESCAPE '\\'`,
    ...columns.map((column) => `${column} ${like} :q ESCAPE '\\'`),
  ];
  qb.andWhere(`(${conditions.join(' OR ')})`, { q: containsPattern(q), searchedId: id });
}
