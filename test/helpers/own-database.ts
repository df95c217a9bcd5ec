import { randomUUID } from 'node:crypto';
import { seedDemoPeople, seedReferenceData } from '../../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../../libs/plan/src/seed/load-bundled-plan.js';
import { CARD_ID_PREFIX } from '../../libs/contracts/src/card.contracts.js';
import { COMPLAINT_ID_PREFIX } from '../../libs/contracts/src/complaint.contracts.js';
import { DIRECTIVE_ID_PREFIX } from '../../libs/contracts/src/directive.contracts.js';
import { REFERRAL_ID_PREFIX } from '../../libs/contracts/src/referral.contracts.js';
import { RISK_ITEM_ID_PREFIX } from '../../libs/contracts/src/risk-item.contracts.js';
import { runMigrations, withDataSource } from '../../libs/platform/src/database/migrate.js';

const CASE_ID_PREFIXES = [
  RISK_ITEM_ID_PREFIX,
  CARD_ID_PREFIX,
  REFERRAL_ID_PREFIX,
  DIRECTIVE_ID_PREFIX,
  COMPLAINT_ID_PREFIX,
];
const OWN_CASE_NUMBERS_FROM = 500_000;
/** Case numbers each own database may use before it would reach the next one's. */
const OWN_CASE_NUMBERS_EACH = 10_000;
/** The sequence on the shared database (made by the e2e global setup) that hands out the blocks. */
export const OWN_DATABASE_CASE_BLOCKS = 'own_database_case_block';

/**
 * A fresh database on the e2e PostgreSQL (migrated, seeded, the bundled plan loaded), for a test that
 * counts rows and so must not see the writes of test files running beside it. Returns its URL.
 */
export async function createOwnDatabase(): Promise<string> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run under the e2e global setup');
  const name = `duban_${randomUUID().replaceAll('-', '')}`;
  await withDataSource(serverUrl, (db) => db.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.href);
  await withDataSource(url.href, seedReferenceData);
  await seedDemoPeople(url.href);
  await loadBundledPlanOnFirstStart(url.href);
  // Case numbers are workflow ids on the Temporal server every test file shares: each own database
  // numbers its cases in a block of its own (from a sequence on the server's database), far above the
  // shared database's, so two files never start a workflow with the same id.
  const [{ block }] = await withDataSource(serverUrl, (db) =>
    db.query<Array<{ block: string }>>(`SELECT nextval($1) AS block`, [OWN_DATABASE_CASE_BLOCKS]),
  );
  const from = OWN_CASE_NUMBERS_FROM + Number(block) * OWN_CASE_NUMBERS_EACH;
  await withDataSource(url.href, (db) =>
    db.query(
      `INSERT INTO case_counter (prefix, year, last)
       SELECT prefix, year, ${from} FROM unnest($1::text[]) AS prefix,
         generate_series(extract(year FROM now())::int - 1, extract(year FROM now())::int + 1) AS year`,
      [CASE_ID_PREFIXES],
    ),
  );
  return url.href;
}
