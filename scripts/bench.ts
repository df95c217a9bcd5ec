// `npm run bench`: drives N risk items through register → assign → start → submit → verify against a
// running Duban (`npm start` in another terminal), C at a time, and measures each HTTP round trip; then,
// on the same Temporal server in the same run, measures a bare Update round trip (an echo workflow run
// by a worker inside this process on a task queue of its own). Prints percentiles, throughput and the
// ratio of each Duban step to the bare Update. A benchmark, not a test: results go to docs/benchmarks.md.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadRuntimeEnv } from '../apps/cli/src/runtime-env.js';
import { RiskGrade, RiskSource } from '../libs/contracts/src/risk-item.contracts.js';
import { jwtOptions } from '../libs/identity/src/identity.module.js';
import { TokenService } from '../libs/identity/src/token.service.js';
import { UserEntity } from '../libs/identity/src/user.entity.js';
import { ConfigError, loadConfig, type AppConfig } from '../libs/platform/src/config/app-config.js';
import { withDataSource } from '../libs/platform/src/database/migrate.js';
import { benchEchoWorkflow, echoUpdate } from './bench-echo.workflow.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ECHO_WORKFLOW_SOURCE = 'scripts/bench-echo.workflow.ts';
const HANDLER = 'handler.amr';
const SUPERVISOR = 'supervisor.fso';
const STEPS = ['register', 'assign', 'start', 'submit', 'verify'] as const;
type Step = (typeof STEPS)[number];
const BARE = 'bare update';
const UPDATES_PER_ITEM = 4;
const PROGRESS_EVERY = 10;

const say = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Stops the run with a message and no stack trace (bad options, system not running, a non-2xx answer). */
export class BenchAbort extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'BenchAbort';
  }
}

/** Nearest-rank percentile (p in (0, 100]) of ascending-sorted samples; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

interface Options {
  items: number;
  concurrency: number;
  api: string;
}

export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new BenchAbort(`--${name} must be a positive integer (got ${raw})`, 2);
  }
  return Number(raw);
}

function readOptions(argv: string[], config: Pick<AppConfig, 'API_HOST' | 'API_PORT'>): Options {
  let values: { items?: string; concurrency?: string; api?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        items: { type: 'string', short: 'n' },
        concurrency: { type: 'string', short: 'c' },
        api: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new BenchAbort(err instanceof Error ? err.message : String(err), 2);
  }
  if (values.help) {
    process.stdout.write(
      'usage: node dist/scripts/bench.js [--items N (50)] [--concurrency C (10)] [--api URL]\n' +
        '  --api defaults to BENCH_API_URL, else http://API_HOST:API_PORT (http://127.0.0.1:3000)\n',
    );
    process.exit(0);
  }
  const host = config.API_HOST === '0.0.0.0' || config.API_HOST === '' ? '127.0.0.1' : config.API_HOST;
  const api = values.api ?? process.env.BENCH_API_URL ?? `http://${host}:${config.API_PORT}`;
  return {
    items: positiveInt('items', values.items, 50),
    concurrency: positiveInt('concurrency', values.concurrency, 10),
    api: api.replace(/\/+$/, ''),
  };
}

let interrupted = false;

/** Runs task(0 … count-1), at most `concurrency` at a time; the first failure stops new tasks. */
async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  let failure: unknown;
  const lane = async () => {
    while (!failed && !interrupted && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (err) {
        if (!failed) failure = err;
        failed = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  if (failed) throw failure;
  if (interrupted) throw new BenchAbort('interrupted');
}

interface Phase {
  name: string;
  samples: number[];
  wallMs: number;
}

/** One phase: `count` timed operations, C at a time, with a progress line every PROGRESS_EVERY. */
async function runPhase(
  name: string,
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<number>,
): Promise<Phase> {
  const samples: number[] = [];
  const started = performance.now();
  await runPool(count, concurrency, async (index) => {
    samples.push(await operation(index));
    if (samples.length % PROGRESS_EVERY === 0 || samples.length === count) {
      say(`${name.padEnd(11)} ${String(samples.length).padStart(5)}/${count}`);
    }
  });
  return { name, samples, wallMs: performance.now() - started };
}

interface Timed<T> {
  ms: number;
  body: T;
}

/** One HTTP round trip, timed from the request until the whole body is read; any non-2xx aborts. */
async function call(
  api: string,
  step: string,
  token: string,
  path: string,
  body?: unknown,
): Promise<Timed<unknown>> {
  const started = performance.now();
  const res = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) {
    throw new BenchAbort(
      `${step}: POST ${path} answered ${res.status} ${res.statusText}\n${prettyBody(text)}`,
    );
  }
  return { ms, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export async function checkReady(api: string): Promise<void> {
  let status: string;
  try {
    const res = await fetch(`${api}/health/ready`, { signal: AbortSignal.timeout(5000) });
    if (res.ok) return;
    status = `answered ${res.status}: ${await res.text()}`;
  } catch (err) {
    status = `is not reachable (${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)})`;
  }
  throw new BenchAbort(
    `Duban is not running or not ready: ${api}/health/ready ${status}.\n` +
      'Start it with `npm start` in another terminal (or pass --api / BENCH_API_URL), then run the bench again.',
  );
}

/** Tokens minted exactly as `duban token <user>` does: the user's row, then TokenService. */
export async function mintTokens(config: AppConfig, userIds: string[]): Promise<Map<string, string>> {
  const tokens = new TokenService(new JwtService(jwtOptions(config)), config);
  const users = await withDataSource(
    config.DATABASE_URL,
    (ds) => Promise.all(userIds.map((id) => ds.getRepository(UserEntity).findOneBy({ id, active: true }))),
    [UserEntity],
  );
  const minted = new Map<string, string>();
  for (const [i, user] of users.entries()) {
    if (!user) throw new BenchAbort(`no active user ${userIds[i]}: was the database seeded by npm start?`);
    minted.set(user.id, await tokens.issue({ userId: user.id, role: user.role, unitId: user.unitId }));
  }
  return minted;
}

function registerBody(index: number) {
  return {
    source: RiskSource.Inspection,
    sourceDate: '2024-09-27',
    actionNo: 5,
    business: {
      name: `武陟县基准测试食品经营部${index + 1}号`,
      creditCode: '91350100M000100Y43',
      address: '示例镇建设路88号',
      townshipId: 'township-sample-1',
    },
    description: '售卖超过保质期的预包装食品（基准测试）',
    grade: RiskGrade.General,
  };
}

const SUBMIT_BODY = {
  measures: '已下架过期食品并销毁，建立进货查验台账',
  evidence: [
    {
      fileName: '整改后照片-01.jpg',
      mediaType: 'image/jpeg',
      size: 482113,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      stage: 'after',
    },
  ],
};

async function benchDuban(
  options: Options,
  tokens: Map<string, string>,
): Promise<{ phases: Phase[]; wallMs: number }> {
  const { api, items, concurrency } = options;
  const handler = tokens.get(HANDLER)!;
  const supervisor = tokens.get(SUPERVISOR)!;
  const ids: string[] = new Array<string>(items);
  const requests: Record<Step, (i: number) => Promise<number>> = {
    register: async (i) => {
      const { ms, body } = await call(api, 'register', handler, '/risk-items', registerBody(i));
      const id = (body as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') throw new BenchAbort(`register: no id in ${JSON.stringify(body)}`);
      ids[i] = id;
      return ms;
    },
    assign: async (i) =>
      (
        await call(api, 'assign', supervisor, `/risk-items/${ids[i]}/assign`, {
          responsibleUnitId: 'amr',
          responsibleUserId: HANDLER,
        })
      ).ms,
    start: async (i) => (await call(api, 'start', handler, `/risk-items/${ids[i]}/start`)).ms,
    submit: async (i) => (await call(api, 'submit', handler, `/risk-items/${ids[i]}/submit`, SUBMIT_BODY)).ms,
    verify: async (i) =>
      (await call(api, 'verify', supervisor, `/risk-items/${ids[i]}/verify`, { result: 'accepted' })).ms,
  };
  const started = performance.now();
  const phases: Phase[] = [];
  for (const step of STEPS) phases.push(await runPhase(step, items, concurrency, requests[step]));
  const wallMs = performance.now() - started;
  say(`${items} items closed (first ${ids[0]}, last ${ids[items - 1]})`);
  return { phases, wallMs };
}

/** The bare Update round trip: C echo workflows on a private task queue, N×4 Updates, C at a time. */
async function benchBareUpdate(options: Options, config: AppConfig): Promise<Phase> {
  const { items, concurrency } = options;
  const count = items * UPDATES_PER_ITEM;
  const logger = new DefaultLogger('WARN');
  Runtime.install({ logger });
  const taskQueue = `bench-echo-${randomUUID()}`;
  say(`bundling ${ECHO_WORKFLOW_SOURCE} and starting a worker on task queue ${taskQueue}`);
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(root, ECHO_WORKFLOW_SOURCE), logger });

  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const handles: WorkflowHandle[] = [];
  try {
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: { code },
    });
    running = worker.run();
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const workflows = Math.min(concurrency, count);
    for (let k = 0; k < workflows; k++) {
      handles.push(
        await client.workflow.start(benchEchoWorkflow, { taskQueue, workflowId: `${taskQueue}/${k}` }),
      );
    }
    // Warm-up (not measured): the first task of each workflow, as Duban's assign … verify hit live ones.
    await Promise.all(handles.map((h, k) => h.executeUpdate(echoUpdate, { args: [k] })));
    return await runPhase(BARE, count, concurrency, async (i) => {
      const startedAt = performance.now();
      const echoed = await handles[i % handles.length].executeUpdate(echoUpdate, { args: [i] });
      const ms = performance.now() - startedAt;
      if (echoed !== i) throw new BenchAbort(`echo update returned ${echoed}, expected ${i}`);
      return ms;
    });
  } finally {
    await Promise.allSettled(handles.map((h) => h.terminate('bench finished')));
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running?.catch((err: unknown) => say(`bench worker stopped with an error: ${String(err)}`));
    await connection.close();
    await nativeConnection.close();
  }
}

const ms = (value: number) => value.toFixed(1);

/** A Markdown table: the first column left-aligned, the figures right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function report(
  options: Options,
  duban: { phases: Phase[]; wallMs: number },
  bare: Phase,
  totalMs: number,
): string {
  const sortedBare = [...bare.samples].sort((a, b) => a - b);
  const bareP50 = percentile(sortedBare, 50);
  const header = ['step', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'per s', 'p50 / bare p50'];
  const rows = [...duban.phases, bare].map((phase) => {
    const sorted = [...phase.samples].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    return [
      phase.name,
      String(sorted.length),
      ms(p50),
      ms(percentile(sorted, 95)),
      ms(percentile(sorted, 99)),
      ms(sorted[sorted.length - 1]),
      (sorted.length / (phase.wallMs / 1000)).toFixed(1),
      `${(p50 / bareP50).toFixed(1)}×`,
    ];
  });
  const lifecycleP50 = duban.phases.reduce(
    (sum, phase) =>
      sum +
      percentile(
        [...phase.samples].sort((a, b) => a - b),
        50,
      ),
    0,
  );
  const cpus = os.cpus();
  return [
    `Duban benchmark, ${new Date().toISOString()}`,
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node.js ${process.version}`,
    `items N = ${options.items}, concurrency C = ${options.concurrency}, API ${options.api}, ` +
      `bare updates = N × ${UPDATES_PER_ITEM} over ${Math.min(options.concurrency, bare.samples.length)} echo workflows`,
    '',
    markdownTable(header, rows),
    '',
    `one item's five steps, sum of p50s: ${ms(lifecycleP50)} ms (${(lifecycleP50 / bareP50).toFixed(1)} bare updates)`,
    `wall time: Duban steps ${(duban.wallMs / 1000).toFixed(2)} s, bare updates ${(bare.wallMs / 1000).toFixed(2)} s, ` +
      `whole run ${(totalMs / 1000).toFixed(2)} s`,
    '',
  ].join('\n');
}

/** The config of the stack `npm start` runs, read from its runtime.env (the environment wins). */
export function runningStackConfig(): AppConfig {
  loadRuntimeEnv(resolve(root, process.env.DUBAN_DATA_DIR ?? '.duban'));
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new BenchAbort(
      `${err.message}\nIs Duban running? \`npm start\` writes DATABASE_URL, TEMPORAL_ADDRESS and JWT_SECRET ` +
        'to .duban/runtime.env, which the bench reads.',
    );
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = runningStackConfig();
  const options = readOptions(process.argv.slice(2), config);
  process.once('SIGINT', () => {
    interrupted = true;
    say('interrupted: finishing the requests in flight, then cleaning up');
  });

  await checkReady(options.api);
  const tokens = await mintTokens(config, [HANDLER, SUPERVISOR]);
  say(`Duban is ready at ${options.api}; N = ${options.items}, C = ${options.concurrency}`);

  const duban = await benchDuban(options, tokens);
  const bare = await benchBareUpdate(options, config);
  process.stdout.write(report(options, duban, bare, performance.now() - started));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(
        `[bench] ${err instanceof BenchAbort ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(err instanceof BenchAbort ? err.exitCode : 1);
    },
  );
}
