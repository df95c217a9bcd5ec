// Must come first: lets Node's CommonJS loader resolve `./x.js` to the TypeScript source.
import './ts-resolution.cjs';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoPeople, seedReferenceData } from '../../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../../libs/plan/src/seed/load-bundled-plan.js';
import { runMigrations, withDataSource } from '../../libs/platform/src/database/migrate.js';
import { OWN_DATABASE_CASE_BLOCKS } from './own-database.js';
import { startEmbeddedPostgres } from '../../libs/platform/src/embedded/embedded-postgres.js';
import { temporalBinaries } from '../../libs/platform/src/embedded/temporal-binaries.js';
import { startTemporalDevServer } from '../../libs/platform/src/embedded/temporal-dev-server.js';
import { freePort } from '../../libs/platform/src/embedded/free-port.js';
import { REPO_ROOT } from './repo-root.js';
import { newKeyFileContent } from '../../libs/complaints/src/sealing/key-encryption-keys.js';
import workflowGlobalSetup from './workflow-global-setup.js';

/**
 * The real stack for e2e tests: embedded PostgreSQL and the Temporal dev server, both fresh, on free
 * ports; migrations applied, reference data seeded and the bundled plan loaded. Each test file starts its own API and worker.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'duban-e2e-'));
  // The cluster runs as the `postgres` user when tests run as root: it must be able to reach the folder.
  chmodSync(dir, 0o755);
  const [pgPort, temporalPort, uiPort, metricsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: pgPort, database: 'duban_test' }),
    startTemporalDevServer({
      cliPath: temporalBinaries(REPO_ROOT).cli,
      dbFile: join(dir, 'temporal.db'),
      port: temporalPort,
      uiPort,
      metricsPort,
      namespace: 'default',
    }),
    workflowGlobalSetup(),
  ]);
  await runMigrations(pg.databaseUrl);
  await withDataSource(pg.databaseUrl, seedReferenceData);
  await seedDemoPeople(pg.databaseUrl);
  await loadBundledPlanOnFirstStart(pg.databaseUrl);
  // Test files that take a database of their own draw their block of case numbers from it.
  await withDataSource(pg.databaseUrl, (db) =>
    db.query(`CREATE SEQUENCE IF NOT EXISTS ${OWN_DATABASE_CASE_BLOCKS}`),
  );
  Object.assign(process.env, {
    DATABASE_URL: pg.databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_METRICS_URL: `http://127.0.0.1:${metricsPort}/metrics`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    WORKFLOW_BUNDLE_PATH: process.env.DUBAN_TEST_BUNDLE,
    LOG_LEVEL: 'warn',
    DUBAN_E2E_DIR: dir,
  });
  const complaintKeyFile = join(dir, 'complaint-keys.json');
  writeFileSync(complaintKeyFile, newKeyFileContent(), { mode: 0o600 });
  process.env.COMPLAINT_KEY_FILE = complaintKeyFile;
  writeFileSync(join(dir, 'stack.json'), JSON.stringify({ pgPort, temporalPort }));
  (globalThis as Record<string, unknown>).__dubanStack = { pg, temporal };
  process.stderr.write(`\n[e2e] PostgreSQL and Temporal dev server up in ${Date.now() - started} ms\n`);
}
