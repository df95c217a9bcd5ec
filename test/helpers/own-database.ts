import { randomUUID } from 'node:crypto';
import { seedReferenceData } from '../../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../../libs/plan/src/seed/load-bundled-plan.js';
import { runMigrations, withDataSource } from '../../libs/platform/src/database/migrate.js';

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
  await loadBundledPlanOnFirstStart(url.href);
  return url.href;
}
