import { expect } from '@jest/globals';
import { DataSource } from 'typeorm';
import { type HttpResult, type TestSystem } from './test-system.js';

/** Rows a refused request must not add: cases of every kind, ledger entries, case numbers taken. */
export async function writeCounts(system: TestSystem): Promise<Record<string, number>> {
  const [row] = await system.api.get(DataSource).query(
    `SELECT (SELECT count(*) FROM risk_item)::int AS "riskItems", (SELECT count(*) FROM directive)::int AS directives,
            (SELECT count(*) FROM card)::int AS cards, (SELECT count(*) FROM referral)::int AS referrals,
            (SELECT count(*) FROM webhook_subscription)::int AS webhooks,
            (SELECT count(*) FROM ledger_entry)::int AS entries,
            (SELECT coalesce(sum(last), 0) FROM case_counter)::int AS "caseNumbers"`,
  );
  return row as Record<string, number>;
}

/**
 * Sends a request and checks that it wrote nothing. Other test files may write to the same database
 * at the same moment: a request that writes does so on every attempt, so counts that move on three
 * attempts in a row are this request's doing, while one attempt with equal counts proves it wrote nothing.
 */
export async function expectNothingWritten(
  system: TestSystem,
  send: () => Promise<HttpResult>,
): Promise<HttpResult> {
  let last: { before: Record<string, number>; after: Record<string, number>; res: HttpResult } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await writeCounts(system);
    const res = await send();
    const after = await writeCounts(system);
    last = { before, after, res };
    if (JSON.stringify(before) === JSON.stringify(after)) break;
  }
  expect(last!.after).toEqual(last!.before);
  return last!.res;
}
