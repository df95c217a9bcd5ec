import { randomUUID } from 'node:crypto';
import { seedDemoPeople, seedReferenceData } from '../../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../../libs/plan/src/seed/load-bundled-plan.js';
import { CARD_ID_PREFIX } from '../../libs/contracts/src/card.contracts.js';
import { DIRECTIVE_ID_PREFIX } from '../../libs/contracts/src/directive.contracts.js';
import { REFERRAL_ID_PREFIX } from '../../libs/contracts/src/referral.contracts.js';
import { RISK_ITEM_ID_PREFIX } from '../../libs/contracts/src/risk-item.contracts.js';
import { runMigrations, withDataSource } from '../../libs/platform/src/database/migrate.js';

const CASE_ID_PREFIXES = [RISK_ITEM_ID_PREFIX, CARD_ID_PREFIX, REFERRAL_ID_PREFIX, DIRECTIVE_ID_PREFIX];
const OWN_CASE_NUMBERS_FROM = 800_000;

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
  // Case numbers are workflow ids on the Temporal server the other test files share: start far above theirs.
  await withDataSource(url.href, (db) =>
    db.query(
      `INSERT INTO case_counter (prefix, year, last)
       SELECT prefix, year, ${OWN_CASE_NUMBERS_FROM} FROM unnest($1::text[]) AS prefix,
         generate_series(extract(year FROM now())::int - 1, extract(year FROM now())::int + 1) AS year`,
      [CASE_ID_PREFIXES],
    ),
  );
  return url.href;
}
