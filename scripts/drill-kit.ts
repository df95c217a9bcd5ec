// What `npm run bench` and the `npm run drill:*` scripts share: reading the running system's config,
// minting tokens as `duban token` does, timed HTTP calls, a bounded pool, percentiles and tables.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import pg from 'pg';
import { loadRuntimeEnv } from '../apps/cli/src/runtime-env.js';
import { RiskGrade, RiskSource } from '../libs/contracts/src/risk-item.contracts.js';
import { jwtOptions } from '../libs/identity/src/identity.module.js';
import { TokenService } from '../libs/identity/src/token.service.js';
import { UserEntity } from '../libs/identity/src/user.entity.js';
import { ConfigError, loadConfig, type AppConfig } from '../libs/platform/src/config/app-config.js';
import { withDataSource } from '../libs/platform/src/database/migrate.js';
import { REPO_ROOT } from './local-stack.js';
import { workerTuning } from '../libs/platform/src/temporal/worker-tuning.js';

export { REPO_ROOT };

/** Stops a run with a message and no stack trace (bad options, system not running, a non-2xx answer). */
export class DrillAbort extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'DrillAbort';
  }
}

/** A progress line on stderr, so stdout keeps only the report. */
export const progress = (tool: string) => (msg: string) => process.stderr.write(`[${tool}] ${msg}\n`);

/** The config of the system `npm start` runs (its .duban/runtime.env), with a hint when it is not running. */
export function runningSystemConfig(): AppConfig {
  loadRuntimeEnv(resolve(REPO_ROOT, process.env.DUBAN_DATA_DIR ?? '.duban'));
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new DrillAbort(
      `${err.message}\nIs Duban running? \`npm start\` writes DATABASE_URL, TEMPORAL_ADDRESS and JWT_SECRET ` +
        'to .duban/runtime.env, which this script reads.',
    );
  }
}

/** The API's base URL: --api, else BENCH_API_URL, else the configured host and port. */
export function apiUrl(config: Pick<AppConfig, 'API_HOST' | 'API_PORT'>, explicit?: string): string {
  const host = config.API_HOST === '0.0.0.0' || config.API_HOST === '' ? '127.0.0.1' : config.API_HOST;
  return (explicit ?? process.env.BENCH_API_URL ?? `http://${host}:${config.API_PORT}`).replace(/\/+$/, '');
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** A script's parsed options: `text` for a value option, `flag` for a switch. */
export interface ParsedOptions {
  text(name: string): string | undefined;
  flag(name: string): boolean;
}

/** Parses a script's options strictly: --help prints `usage` and exits 0, a bad option exits 2. */
export function parseOptions(argv: string[], options: OptionSpec, usage: string): ParsedOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    throw new DrillAbort(err instanceof Error ? err.message : String(err), 2);
  }
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  return {
    text: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
    flag: (name) => values[name] === true,
  };
}

export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new DrillAbort(`--${name} must be a positive integer (got ${raw})`, 2);
  }
  return Number(raw);
}

/** Nearest-rank percentile (p in (0, 100]) of ascending-sorted samples; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const ascending = (samples: readonly number[]) => [...samples].sort((a, b) => a - b);

let interrupted = false;

/** Ctrl-C lets the requests in flight finish, then stops the pools. */
export function stopOnInterrupt(say: (msg: string) => void): void {
  process.once('SIGINT', () => {
    interrupted = true;
    say('interrupted: finishing the requests in flight, then cleaning up');
  });
}

/** Runs task(0 … count-1), at most `concurrency` at a time; the first failure stops new tasks. */
export async function runPool(
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
  if (interrupted) throw new DrillAbort('interrupted');
}

export interface Phase {
  name: string;
  samples: number[];
  wallMs: number;
}

/** One phase: `count` timed operations, C at a time, with a progress line every `every`. */
export async function runPhase(
  say: (msg: string) => void,
  name: string,
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<number>,
  every = 10,
): Promise<Phase> {
  const samples: number[] = [];
  const started = performance.now();
  await runPool(count, concurrency, async (index) => {
    samples.push(await operation(index));
    if (samples.length % every === 0 || samples.length === count) {
      say(`${name.padEnd(11)} ${String(samples.length).padStart(5)}/${count}`);
    }
  });
  return { name, samples, wallMs: performance.now() - started };
}

export interface Timed<T> {
  ms: number;
  body: T;
}

/** One HTTP round trip, timed from the request until the whole body is read; any non-2xx aborts. */
export async function call(
  api: string,
  step: string,
  token: string,
  path: string,
  body?: unknown,
  method = 'POST',
): Promise<Timed<unknown>> {
  const started = performance.now();
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) {
    throw new DrillAbort(
      `${step}: ${method} ${path} answered ${res.status} ${res.statusText}\n${prettyBody(text)}`,
    );
  }
  return { ms, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** How long one step may keep being sent again before a drill gives up on it. */
const STEP_PATIENCE_MS = 180_000;
/**
 * How long one request of a keyed step waits for its answer: a little over the API's default
 * ENGINE_WAIT_SECONDS (30 s), so a step the engine has not taken yet is seen answering 503 `engine.busy`.
 */
const KEYED_REQUEST_TIMEOUT_MS = 35_000;

/** What a drill's keyed steps met on their way, over all of them. */
export interface KeyedSteps {
  attempts: number;
  /** Requests answered with something to retry, by what they answered. */
  retried: Map<string, number>;
  /** The accepted step that took longest from its first request to its answer, retries included. */
  slowest: { path: string; ms: number; tries: number };
}

export function newKeyedSteps(): KeyedSteps {
  return { attempts: 0, retried: new Map(), slowest: { path: '', ms: 0, tries: 0 } };
}

/** The requests sent again, by what they had answered (`503 × 2, no answer × 1`), or `none`. */
export function retriedSummary(steps: KeyedSteps): string {
  return [...steps.retried].map(([answer, n]) => `${answer} × ${n}`).join(', ') || 'none';
}

/** What a retried request answered, in the drill's words. */
function retriedAnswer(status: number): string {
  if (status === 0) return 'no answer';
  if (status === 409) return '409 key still in progress';
  return `${status}`;
}

/**
 * One step as the console takes it: a POST with an Idempotency-Key, sent again (same key, same body)
 * while the stack is down or busy (no answer, 5xx, or the key still in progress) until it is answered;
 * any other answer is final. Timed from the first request to the answer, retries included: what the
 * person waits.
 */
export async function keyedStep(
  api: string,
  token: string,
  path: string,
  body: unknown,
  outcome: KeyedSteps,
): Promise<Timed<unknown>> {
  const key = randomUUID();
  const firstSent = performance.now();
  const giveUp = Date.now() + STEP_PATIENCE_MS;
  for (let tries = 1, backoff = 250; ; tries++, backoff = Math.min(backoff * 2, 4000)) {
    outcome.attempts++;
    let status = 0;
    let text = '';
    try {
      const res = await fetch(`${api}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(KEYED_REQUEST_TIMEOUT_MS),
      });
      status = res.status;
      text = await res.text();
    } catch {
      // no answer: the API is waiting on a part that is down
    }
    if (status >= 200 && status < 300) {
      const ms = performance.now() - firstSent;
      if (ms > outcome.slowest.ms) outcome.slowest = { path, ms, tries };
      return { ms, body: text ? (JSON.parse(text) as unknown) : undefined };
    }
    const retryable = status === 0 || status >= 500 || (status === 409 && text.includes('idempotency'));
    if (retryable) {
      const answer = retriedAnswer(status);
      outcome.retried.set(answer, (outcome.retried.get(answer) ?? 0) + 1);
    }
    if (!retryable || Date.now() > giveUp) {
      throw new DrillAbort(`POST ${path} answered ${status || 'nothing'} (after ${tries} tries): ${text}`);
    }
    await sleep(backoff);
  }
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
  throw new DrillAbort(
    `Duban is not running or not ready: ${api}/health/ready ${status}.\n` +
      'Start it with `npm start` in another terminal (or pass --api / BENCH_API_URL), then run again.',
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
    if (!user)
      throw new DrillAbort(
        `no active user ${userIds[i]}: was Duban started with DUBAN_DEMO=1 (the demo people)?`,
      );
    minted.set(user.id, await tokens.issue({ userId: user.id, role: user.role, unitId: user.unitId }));
  }
  return minted;
}

/** A general-grade hazard at a sample business, as a handler of 市场监管局 registers it. */
export function riskItemRegistration(index: number, purpose: string) {
  return {
    source: RiskSource.Inspection,
    sourceDate: '2024-09-27',
    actionNo: 5,
    business: {
      name: `武陟县${purpose}食品经营部${index + 1}号`,
      creditCode: '91350100M000100Y43',
      address: '示例镇建设路88号',
      townshipId: 'township-sample-1',
    },
    description: `售卖超过保质期的预包装食品（${purpose}）`,
    grade: RiskGrade.General,
  };
}

/** A handler's rectification report with one evidence file's metadata. */
export const RECTIFICATION_SUBMISSION = {
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

export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}

export function machineLine(): string {
  const cpus = os.cpus();
  return (
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node.js ${process.version}`
  );
}

/** Runs a script's main when the file is executed (not imported), with DrillAbort as a clean exit. */
export function runMain(tool: string, moduleUrl: string, main: () => Promise<void>): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(
        `[${tool}] ${err instanceof DrillAbort ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(err instanceof DrillAbort ? err.exitCode : 1);
    },
  );
}

let installedLogger: DefaultLogger | undefined;

/** The SDK's runtime takes one logger per process, and a drill may run more than one worker. */
function scriptLogger(): DefaultLogger {
  if (!installedLogger) {
    installedLogger = new DefaultLogger('WARN');
    Runtime.install({ logger: installedLogger });
  }
  return installedLogger;
}

/**
 * A worker inside this process running one script workflow file (and its activities) on a task queue
 * of its own, so it never touches Duban's workflows or task queue. The activities and `work` both get
 * the script's client and that queue (an activity may start or signal the script's other workflows).
 */
export async function withScriptWorker<T>(
  config: AppConfig,
  queuePrefix: string,
  workflowSource: string,
  activities: (client: Client, taskQueue: string) => object,
  work: (client: Client, taskQueue: string) => Promise<T>,
): Promise<T> {
  const logger = scriptLogger();
  const taskQueue = `${queuePrefix}-${randomUUID()}`;
  const { code } = await bundleWorkflowCode({ workflowsPath: resolve(REPO_ROOT, workflowSource), logger });
  const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    worker = await Worker.create({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: { code },
      activities: activities(client, taskQueue),
      ...workerTuning(config),
    });
    running = worker.run();
    return await work(client, taskQueue);
  } finally {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running?.catch((err: unknown) =>
      process.stderr.write(`script worker stopped with an error: ${String(err)}\n`),
    );
    await connection.close();
    await nativeConnection.close();
  }
}

/** Writes one floor record: one row committed, as a step's record is committed before it goes on. */
export type RecordWriter = (kind: string, key: string) => Promise<void>;

/**
 * Runs `work` with a writer of floor records into Duban's PostgreSQL: the least a step that is on the
 * database before it goes on can write (a ledger entry is one transaction too, with more in it). The
 * records live in a schema made for the run, away from Duban's tables, and dropped after it.
 */
export async function withScratchRecords<T>(
  config: AppConfig,
  say: (msg: string) => void,
  work: (record: RecordWriter) => Promise<T>,
): Promise<T> {
  // A schema per run, so two scripts at once never drop each other's records.
  const schema = `floor_scratch_${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  try {
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(
      `CREATE TABLE ${schema}.record (id bigserial PRIMARY KEY, kind text NOT NULL, ` +
        'key text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())',
    );
    return await work(async (kind, key) => {
      await pool.query(`INSERT INTO ${schema}.record (kind, key) VALUES ($1, $2)`, [kind, key]);
    });
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((err: unknown) => {
      say(`could not drop the ${schema} schema: ${String(err)}`);
    });
    await pool.end();
  }
}
