// `npm run drill:faults -- --steps 1000`: a whole Duban stack of its own (embedded PostgreSQL, the
// Temporal dev server, worker, API, on free loopback ports in a temporary folder), driven through the
// public API with risk items from registration to closure (five steps each, C at a time, every step with
// an Idempotency-Key and retried until it is answered), while the drill kills the worker with SIGKILL and
// starts it again, restarts the Temporal dev server, and restarts PostgreSQL. Afterwards it counts: every
// accepted step on the ledger exactly once, no case left open, no notification delivered twice (inbox and
// a webhook receiver of its own), every hash chain intact. Prints what was killed when and what was
// counted. A drill, not a test: results go to docs/benchmarks.md.
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { RISK_ITEM_CASE_TYPE } from '../libs/contracts/src/risk-item.contracts.js';
import { seedDemoPeople, seedReferenceData } from '../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../libs/plan/src/seed/load-bundled-plan.js';
import { loadConfig, type AppConfig } from '../libs/platform/src/config/app-config.js';
import { runMigrations, withDataSource } from '../libs/platform/src/database/migrate.js';
import { freePort } from '../libs/platform/src/embedded/free-port.js';
import { temporalBinaries } from '../libs/platform/src/embedded/temporal-binaries.js';
import {
  startTemporalDevServer,
  stopChild,
  type DevServerHandle,
} from '../libs/platform/src/embedded/temporal-dev-server.js';
import {
  DrillAbort,
  fixed,
  machineLine,
  markdownTable,
  mintTokens,
  parseOptions,
  positiveInt,
  progress,
  RECTIFICATION_SUBMISSION,
  keyedStep,
  type KeyedSteps,
  newKeyedSteps,
  REPO_ROOT,
  retriedSummary,
  riskItemRegistration,
  runMain,
  runPool,
  stopOnInterrupt,
} from './drill-kit.js';
import { spawnLogged, startPostgresProcess, waitForApi } from './local-stack.js';

const say = progress('drill:faults');
const HANDLER = 'handler.amr';
const SUPERVISOR = 'supervisor.fso';
const ADMIN = 'admin.fso';
const AUDITOR = 'auditor.discipline';
const STEPS_PER_ITEM = 5;
/** Ledger actions of the five steps, in order. */
const LEDGER_ACTIONS = ['register', 'assign', 'start-rectification', 'submit-rectification', 'accept'];

interface Options {
  steps: number;
  concurrency: number;
  keep: boolean;
}

function readOptions(argv: string[]): Options {
  const options = parseOptions(
    argv,
    {
      steps: { type: 'string', short: 'n' },
      concurrency: { type: 'string', short: 'c' },
      keep: { type: 'boolean' },
    },
    'usage: node dist/scripts/drill-faults.js [--steps N (1000), rounded up to whole items of 5 steps]\n' +
      '  [--concurrency C (10)] [--keep (keep the temporary folder with its logs)]\n',
  );
  return {
    steps: positiveInt('steps', options.text('steps'), 1000),
    concurrency: positiveInt('concurrency', options.text('concurrency'), 10),
    keep: options.flag('keep'),
  };
}

/** The stack the drill owns, so it can kill and restart each part. */
class FaultStack {
  private postgres?: ChildProcess;
  private temporal?: DevServerHandle;
  private worker?: ChildProcess;
  private api?: ChildProcess;
  private stopping = false;
  /** Exits nobody asked for (a part that died of another part's restart). */
  readonly unexpectedExits: string[] = [];
  env: NodeJS.ProcessEnv = {};
  apiUrl = '';

  constructor(
    private readonly dir: string,
    private readonly ports: {
      pg: number;
      temporal: number;
      ui: number;
      api: number;
      metrics: [number, number];
    },
  ) {}

  get logDir(): string {
    return join(this.dir, 'logs');
  }

  async start(): Promise<AppConfig> {
    mkdirSync(this.logDir, { recursive: true });
    const databaseUrl = await this.startPostgres();
    await this.startTemporal();
    this.env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: this.temporal!.address,
      JWT_SECRET: randomBytes(32).toString('hex'),
      API_HOST: '127.0.0.1',
      API_PORT: String(this.ports.api),
      API_METRICS_PORT: String(this.ports.metrics[0]),
      WORKER_METRICS_PORT: String(this.ports.metrics[1]),
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig(this.env);
    await runMigrations(databaseUrl);
    await withDataSource(databaseUrl, seedReferenceData);
    await seedDemoPeople(databaseUrl);
    await loadBundledPlanOnFirstStart(databaseUrl);
    this.startWorker();
    this.api = this.launch('api', 'dist/apps/api/src/main.js');
    this.apiUrl = `http://127.0.0.1:${this.ports.api}`;
    await waitForApi(this.apiUrl, 60_000);
    return config;
  }

  private launch(name: string, script: string): ChildProcess {
    const child = spawnLogged(name, [join(REPO_ROOT, script)], this.env, this.logDir);
    child.once('exit', (code, signal) => {
      if (!this.stopping && !child.killed) this.unexpectedExits.push(`${name} (${code ?? signal})`);
    });
    return child;
  }

  private async startPostgres(): Promise<string> {
    const started = await startPostgresProcess(join(this.dir, 'postgres'), this.ports.pg, this.logDir);
    this.postgres = started.child;
    return started.databaseUrl;
  }

  private async startTemporal(): Promise<void> {
    const log = createWriteStream(join(this.logDir, 'temporal.log'), { flags: 'a' });
    this.temporal = await startTemporalDevServer({
      cliPath: temporalBinaries(REPO_ROOT).cli,
      dbFile: join(this.dir, 'temporal.db'),
      port: this.ports.temporal,
      uiPort: this.ports.ui,
      namespace: 'default',
      onLog: (line) => log.write(`${line}\n`),
    });
  }

  private startWorker(): void {
    this.worker = this.launch('worker', 'dist/apps/worker/src/main.js');
  }

  /** kill -9 the worker, then start a new one after `downMs`. */
  async killWorker(downMs: number): Promise<void> {
    this.worker!.kill('SIGKILL');
    await sleep(downMs);
    this.startWorker();
  }

  async restartTemporal(): Promise<void> {
    await this.temporal!.stop();
    await this.startTemporal();
  }

  async restartPostgres(): Promise<void> {
    await stopChild(this.postgres!);
    await this.startPostgres();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const child of [this.api, this.worker]) if (child) await stopChild(child);
    await this.temporal?.stop();
    if (this.postgres) await stopChild(this.postgres);
  }
}

/** Receives the stack's webhooks and counts each delivery id. */
async function webhookReceiver(): Promise<{ server: Server; url: string; deliveries: Map<string, number> }> {
  const deliveries = new Map<string, number>();
  const server = createServer((req, res) => {
    const id = req.headers['x-duban-delivery'];
    req.resume();
    req.once('end', () => {
      if (typeof id === 'string') deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}/hooks`, deliveries };
}

interface Fault {
  what: string;
  atStep: number;
  atSeconds: number;
  downSeconds: number;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  stopOnInterrupt(say);
  const items = Math.ceil(options.steps / STEPS_PER_ITEM);
  const total = items * STEPS_PER_ITEM;
  const dir = mkdtempSync(join(tmpdir(), 'duban-faults-'));
  // The cluster runs as the `postgres` user when the drill runs as root: it must be able to reach the folder.
  chmodSync(dir, 0o755);
  const stack = new FaultStack(dir, {
    pg: await freePort(),
    temporal: await freePort(),
    ui: await freePort(),
    api: await freePort(),
    metrics: [await freePort(), await freePort()],
  });
  const receiver = await webhookReceiver();
  try {
    const drillStartedAt = new Date();
    say(`starting a stack of its own in ${dir}`);
    const config = await stack.start();
    const tokens = await mintTokens(config, [HANDLER, SUPERVISOR, ADMIN, AUDITOR]);
    const api = stack.apiUrl;
    const outcome = newKeyedSteps();
    await keyedStep(
      api,
      tokens.get(ADMIN)!,
      '/webhooks',
      { name: '故障演练接收端', url: receiver.url, secret: randomBytes(20).toString('hex') },
      outcome,
    );

    const faults: Fault[] = [];
    const plan: Array<{ at: number; what: string; run: () => Promise<void> }> = [
      { at: 0.2, what: 'worker killed (SIGKILL), new one 3 s later', run: () => stack.killWorker(3000) },
      { at: 0.45, what: 'Temporal dev server restarted', run: () => stack.restartTemporal() },
      { at: 0.7, what: 'PostgreSQL restarted', run: () => stack.restartPostgres() },
    ];
    let accepted = 0;
    const started = performance.now();
    const faultsDone = (async () => {
      for (const fault of plan) {
        while (accepted < fault.at * total) await sleep(100);
        const at = performance.now();
        say(`${fault.what} at step ${accepted}/${total}`);
        await fault.run();
        faults.push({
          what: fault.what,
          atStep: accepted,
          atSeconds: (at - started) / 1000,
          downSeconds: (performance.now() - at) / 1000,
        });
      }
    })();

    const ids = new Array<string>(items);
    const handler = tokens.get(HANDLER)!;
    const supervisor = tokens.get(SUPERVISOR)!;
    const count = () => {
      accepted++;
      if (accepted % 100 === 0) say(`${accepted}/${total} steps accepted`);
    };
    await runPool(items, options.concurrency, async (i) => {
      const registered = (
        await keyedStep(api, handler, '/risk-items', riskItemRegistration(i, '故障演练'), outcome)
      ).body as { id: string };
      ids[i] = registered.id;
      count();
      const path = `/risk-items/${ids[i]}`;
      await keyedStep(
        api,
        supervisor,
        `${path}/assign`,
        { responsibleUnitId: 'amr', responsibleUserId: HANDLER },
        outcome,
      );
      count();
      await keyedStep(api, handler, `${path}/start`, undefined, outcome);
      count();
      await keyedStep(api, handler, `${path}/submit`, RECTIFICATION_SUBMISSION, outcome);
      count();
      await keyedStep(api, supervisor, `${path}/verify`, { result: 'accepted' }, outcome);
      count();
    });
    await faultsDone;
    const loadSeconds = (performance.now() - started) / 1000;
    say(`${accepted} steps accepted in ${fixed(loadSeconds)} s; letting notifications settle`);

    const db = new pg.Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    try {
      await sleep(10_000);
      const counts = await countOutcome(db, ids);
      const verification = await verifyChains(api, tokens.get(AUDITOR)!, drillStartedAt);
      const webhookTwice = [...receiver.deliveries.values()].filter((n) => n > 1).length;
      process.stdout.write(
        report(options, { items, total, accepted, loadSeconds, steps: outcome }, faults, {
          ...counts,
          webhookDeliveries: receiver.deliveries.size,
          webhookTwice,
          chainsIntact: verification.intact === true,
          brokenChains: verification.broken?.length ?? Number.NaN,
          unexpectedExits: stack.unexpectedExits,
        }),
      );
    } finally {
      await db.end();
    }
  } finally {
    await stack.stop();
    receiver.server.close();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
    else say(`kept ${dir} (logs in ${stack.logDir})`);
  }
}

/** The auditor's period verification of every hash chain written since the drill began. */
async function verifyChains(
  api: string,
  auditor: string,
  since: Date,
): Promise<{ intact?: boolean; broken?: unknown[] }> {
  const hour = 3600_000;
  const from = new Date(since.getTime() - hour).toISOString();
  const to = new Date(Date.now() + hour).toISOString();
  const res = await fetch(`${api}/audit/ledger/verify?from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${auditor}` },
  });
  if (!res.ok) throw new DrillAbort(`the ledger verification answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { intact?: boolean; broken?: unknown[] };
}

interface Counts {
  ledgerMissing: number;
  ledgerTwice: number;
  notClosed: number;
  inboxTwice: number;
}

/** Every accepted step once on the ledger, every item closed, no inbox entry twice. */
async function countOutcome(db: pg.Client, ids: string[]): Promise<Counts> {
  const rows = (
    await db.query(
      `SELECT case_id, action, count(*)::int AS n FROM ledger_entry
       WHERE case_type = $1 AND case_id = ANY($2) AND action = ANY($3) GROUP BY case_id, action`,
      [RISK_ITEM_CASE_TYPE, ids, LEDGER_ACTIONS],
    )
  ).rows as Array<{ case_id: string; action: string; n: number }>;
  const seen = new Map(rows.map((r) => [`${r.case_id} ${r.action}`, r.n]));
  let ledgerMissing = 0;
  let ledgerTwice = 0;
  for (const id of ids) {
    for (const action of LEDGER_ACTIONS) {
      const n = seen.get(`${id} ${action}`) ?? 0;
      if (n === 0) ledgerMissing++;
      if (n > 1) ledgerTwice++;
    }
  }
  const notClosed = Number(
    (
      (await db.query(`SELECT count(*) AS n FROM risk_item WHERE id = ANY($1) AND status <> 'closed'`, [ids]))
        .rows[0] as { n: string }
    ).n,
  );
  const inboxTwice = Number(
    (
      (
        await db.query(
          `SELECT count(*) AS n FROM (SELECT 1 FROM notification GROUP BY key, recipient_id HAVING count(*) > 1) t`,
        )
      ).rows[0] as { n: string }
    ).n,
  );
  return { ledgerMissing, ledgerTwice, notClosed, inboxTwice };
}

function report(
  options: Options,
  load: { items: number; total: number; accepted: number; loadSeconds: number; steps: KeyedSteps },
  faults: Fault[],
  outcome: Counts & {
    webhookDeliveries: number;
    webhookTwice: number;
    chainsIntact: boolean;
    brokenChains: number;
    unexpectedExits: string[];
  },
): string {
  return [
    `Duban fault drill, ${new Date().toISOString()}`,
    machineLine(),
    `${load.items} risk items × ${STEPS_PER_ITEM} steps = ${load.total} steps, C = ${options.concurrency}; ` +
      `${load.accepted} accepted in ${fixed(load.loadSeconds)} s with ${load.steps.attempts} requests (retries included)`,
    `retried answers: ${retriedSummary(load.steps)}; ` +
      `slowest step: ${fixed(load.steps.slowest.ms / 1000)} s in ${load.steps.slowest.tries} tries ` +
      `(${load.steps.slowest.path.replace(/FX-\d{4}-\d+/, ':id')})`,
    '',
    ...markdownTable(
      ['fault', 'at step', 'at s', 'took s'],
      faults.map((f) => [f.what, String(f.atStep), fixed(f.atSeconds), fixed(f.downSeconds)]),
    ),
    '',
    ...markdownTable(
      ['check', 'count', 'expected'],
      [
        ['accepted steps missing from the ledger', String(outcome.ledgerMissing), '0'],
        ['accepted steps on the ledger more than once', String(outcome.ledgerTwice), '0'],
        ['risk items not closed (stuck)', String(outcome.notClosed), '0'],
        ['inbox notifications written twice', String(outcome.inboxTwice), '0'],
        ['webhook deliveries received', String(outcome.webhookDeliveries), '> 0'],
        ['webhook deliveries received twice', String(outcome.webhookTwice), '0'],
        ['broken hash chains', String(outcome.brokenChains), '0'],
        ['parts that died unasked', outcome.unexpectedExits.join(', ') || '0', '0'],
      ],
    ),
    '',
    outcome.chainsIntact ? 'every hash chain verifies' : 'NOT every hash chain verifies',
    '',
  ].join('\n');
}

runMain('drill:faults', import.meta.url, main);
