// `npm start`: the whole system on one machine. Embedded PostgreSQL and the Temporal dev server unless
// DATABASE_URL / TEMPORAL_ADDRESS point elsewhere; migrations and reference data; then worker and API.
// Everything lives under the data dir (default .duban/), so a restart keeps all data and running cases.
import { newKeyFileContent } from '../libs/complaints/src/sealing/key-encryption-keys.js';
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import {
  ensureFirstAdmin,
  seedDemoPeople,
  seedReferenceData,
  type InitialCredentials,
} from '../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../libs/plan/src/seed/load-bundled-plan.js';
import { ConfigError, loadConfig, loadLocalStackConfig } from '../libs/platform/src/config/app-config.js';
import { runMigrations, withDataSource } from '../libs/platform/src/database/migrate.js';
import { temporalBinaries } from '../libs/platform/src/embedded/temporal-binaries.js';
import {
  startTemporalDevServer,
  STOP_GRACE_MS,
  stopChild,
  waitForTemporal,
} from '../libs/platform/src/embedded/temporal-dev-server.js';
import { ensureSearchAttributes } from '../libs/platform/src/temporal/search-attributes.js';
import { REPO_ROOT as root, spawnLogged, startPostgresProcess, waitForApi } from './local-stack.js';

const say = (msg: string) => process.stdout.write(`[duban] ${msg}\n`);
const stoppers: Array<{ name: string; stop: () => Promise<void> }> = [];
let shuttingDown = false;

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  say(`${name} ...`);
  const started = Date.now();
  const result = await work();
  say(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function printCredentials(firstAdmin: InitialCredentials | null, demoPeople: InitialCredentials[]): void {
  if (firstAdmin) {
    say(`First start: administrator "${firstAdmin.username}" created with password ${firstAdmin.password}`);
    say('  (shown only now; sign in at /console/ or POST /auth/sign-in, then change it)');
  }
  if (demoPeople.length > 0) {
    say('Demo people (DUBAN_DEMO=1), passwords shown only now:');
    for (const p of demoPeople)
      say(`  ${p.username.padEnd(20)} ${p.role.padEnd(15)} ${p.unitId.padEnd(10)} ${p.password}`);
  }
}

/** The local signing secret is generated once and kept, so tokens survive restarts. */
function localJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The local stack's key file for reporters' identities (decision 0022), made once and kept. */
function localComplaintKeyFile(dataDir: string): string {
  const file = join(dataDir, 'complaint-keys.json');
  if (!existsSync(file)) writeFileSync(file, newKeyFileContent(), { mode: 0o600 });
  return file;
}

/** A child that stops everything when it exits on its own; stopped in reverse order of start. */
function supervise(name: string, child: ChildProcess, logDir: string): ChildProcess {
  child.once('exit', (code, signal) => {
    if (!shuttingDown) {
      say(
        `${name} exited unexpectedly (${code ?? signal}); see ${join(logDir, `${name}.log`)}. Stopping everything.`,
      );
      void shutdown(1);
    }
  });
  stoppers.unshift({ name, stop: () => stopChild(child) });
  return child;
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say('stopping ...');
  for (const { name, stop } of stoppers) {
    try {
      await stop();
      say(`stopped ${name}`);
    } catch (err) {
      say(`could not stop ${name}: ${String(err)}`);
    }
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const local = loadLocalStackConfig();
  const dataDir = resolve(root, local.DUBAN_DATA_DIR);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  // Every signal, not only the first: a second Ctrl-C during the stop would otherwise end this process
  // at once and leave its children (each in a group of its own) running, holding the ports.
  const stopOnSignal = () => {
    if (shuttingDown)
      say(`still stopping: each part gets ${STOP_GRACE_MS / 1000} s to stop before it is killed`);
    else void shutdown(0);
  };
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);

  let databaseUrl = local.DATABASE_URL;
  if (databaseUrl) say('using the PostgreSQL server at DATABASE_URL');
  else {
    databaseUrl = await step('starting embedded PostgreSQL', async () => {
      const pg = await startPostgresProcess(join(dataDir, 'postgres'), local.EMBEDDED_PG_PORT, logDir);
      supervise('postgres', pg.child, logDir);
      return pg.databaseUrl;
    });
  }

  let temporalAddress = local.TEMPORAL_ADDRESS;
  let temporalUi = 'your Temporal UI';
  /** The embedded server's own metrics; a server of your own publishes its metrics where you set it to. */
  let temporalMetrics: string | undefined;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  if (temporalAddress) {
    const address = temporalAddress;
    await step(`checking Temporal at ${address} and its search attributes`, async () => {
      await waitForTemporal(address, 30_000);
      const connection = await Connection.connect({ address });
      await ensureSearchAttributes(connection, namespace).finally(() => connection.close());
    });
  } else {
    const tLog = createWriteStream(join(logDir, 'temporal.log'), { flags: 'a' });
    const server = await step('starting the Temporal dev server', () =>
      startTemporalDevServer({
        cliPath: temporalBinaries(root).cli,
        dbFile: join(dataDir, 'temporal.db'),
        port: local.TEMPORAL_DEV_PORT,
        uiPort: local.TEMPORAL_UI_PORT,
        metricsPort: local.TEMPORAL_METRICS_PORT,
        namespace,
        onLog: (line) => tLog.write(`${line}\n`),
      }),
    );
    stoppers.unshift({ name: 'Temporal dev server', stop: () => server.stop() });
    temporalAddress = server.address;
    temporalUi = server.uiUrl;
    temporalMetrics = `http://127.0.0.1:${local.TEMPORAL_METRICS_PORT}/metrics`;
  }

  const env: NodeJS.ProcessEnv = {
    // The local stack serves plain HTTP on this machine, where Secure cookies may not be kept.
    COOKIE_SECURE: 'false',
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    JWT_SECRET: process.env.JWT_SECRET ?? (process.env.JWT_PUBLIC_KEY ? undefined : localJwtSecret(dataDir)),
    COMPLAINT_KEY_FILE: process.env.COMPLAINT_KEY_FILE ?? localComplaintKeyFile(dataDir),
  };
  const config = loadConfig(env);
  writeFileSync(
    join(dataDir, 'runtime.env'),
    `DATABASE_URL=${databaseUrl}\nTEMPORAL_ADDRESS=${temporalAddress}\nTEMPORAL_NAMESPACE=${namespace}\n` +
      (env.JWT_SECRET ? `JWT_SECRET=${env.JWT_SECRET}\n` : '') +
      `COMPLAINT_KEY_FILE=${env.COMPLAINT_KEY_FILE}\n` +
      (temporalMetrics ? `TEMPORAL_METRICS_URL=${temporalMetrics}\n` : '') +
      `WORKER_METRICS_URL=http://${config.API_HOST}:${config.WORKER_METRICS_PORT}/metrics\n`,
    { mode: 0o600 },
  );

  await step('applying database migrations', async () => {
    const applied = await runMigrations(config.DATABASE_URL);
    if (applied.length) say(`applied ${applied.join(', ')}`);
  });
  await step('seeding reference data (units of the plan, sample townships)', async () => {
    const seeded = await withDataSource(config.DATABASE_URL, seedReferenceData);
    say(`inserted ${seeded.units} units (existing rows kept)`);
  });
  // Passwords exist only here and as argon2id hashes: printed once, never written to a file or log.
  const firstAdmin = await ensureFirstAdmin(config.DATABASE_URL);
  const demoPeople = process.env.DUBAN_DEMO === '1' ? await seedDemoPeople(config.DATABASE_URL) : [];
  await step('loading the bundled campaign plan unless a plan is loaded', async () => {
    const outcome = await loadBundledPlanOnFirstStart(config.DATABASE_URL);
    say(outcome ? `loaded plan version ${outcome.version.version}` : 'a plan is loaded already (kept)');
  });

  await step('starting the worker', () =>
    Promise.resolve(
      supervise(
        'worker',
        spawnLogged('worker', [join(root, 'dist/apps/worker/src/main.js')], env, logDir),
        logDir,
      ),
    ),
  );
  const apiUrl = `http://${config.API_HOST}:${config.API_PORT}`;
  await step('starting the API', async () => {
    supervise('api', spawnLogged('api', [join(root, 'dist/apps/api/src/main.js')], env, logDir), logDir);
    await waitForApi(apiUrl, 60_000);
  });

  say(`API:          ${apiUrl}`);
  say(`OpenAPI docs: ${apiUrl}/docs`);
  say(`Temporal UI:  ${temporalUi}`);
  say(
    `Metrics:      http://${config.API_HOST}:${config.API_METRICS_PORT}/metrics (API), ` +
      `http://${config.API_HOST}:${config.WORKER_METRICS_PORT}/metrics and ` +
      `http://${config.API_HOST}:${config.WORKER_ENGINE_METRICS_PORT}/metrics (worker)` +
      (temporalMetrics ? `, ${temporalMetrics} (Temporal)` : ''),
  );
  say(`Logs:         ${logDir}`);
  printCredentials(firstAdmin, demoPeople);
  say('A bearer token for scripts: npm run duban -- token <username> (or a personal access token)');
  say('ready (Ctrl-C stops everything; data is kept in ' + dataDir + ')');
}

main().catch(async (err: unknown) => {
  process.stderr.write(`\n[duban] start failed: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  await shutdown(1);
});
