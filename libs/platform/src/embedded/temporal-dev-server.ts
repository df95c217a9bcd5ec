import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { pingTemporal } from '../temporal/ping-temporal.js';
import { devServerSearchAttributeFlags } from '../temporal/search-attributes.js';
import { samplesByLabel, scrapePrometheus } from '../metrics/prometheus-samples.js';

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file that keeps workflows across restarts. */
  dbFile: string;
  port: number;
  uiPort: number;
  /** Where the server serves its own Prometheus metrics; none when not given. */
  metricsPort?: number;
  namespace: string;
  host?: string;
  onLog?: (line: string) => void;
}

export interface DevServerHandle {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` ourselves (the SDK's ephemeral launcher allows only 5 s) and
 * waits until its gRPC health check answers. Search attributes are registered by the flags.
 */
export async function startTemporalDevServer(
  options: DevServerOptions,
  timeoutMs = 60_000,
): Promise<DevServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    ...(options.metricsPort ? ['--metrics-port', String(options.metricsPort)] : []),
    '--db-filename',
    options.dbFile,
    // Write-ahead log, still synced on every commit: readers stop blocking the writer, and a commit costs
    // one sync instead of the rollback journal's several (a burst of clocks is thousands of commits).
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=full',
    // One partition per task queue: one worker polls it, and with the default four a burst's tasks were
    // forwarded between partitions (500 clocks: 39 s to ledger every overdue step instead of 47-55 s).
    '--dynamic-config-value',
    'matching.numTaskqueueReadPartitions=1',
    '--dynamic-config-value',
    'matching.numTaskqueueWritePartitions=1',
    // The matcher that hands out a backlog by priority (decision 0026): without it every task of a queue
    // goes first in, first out, and an official's new directive waits behind a night's clocks.
    '--dynamic-config-value',
    'matching.useNewMatcher=true',
    // The dev server reads its search-attribute map from the database on every use, so that attributes
    // registered while it runs show at once. Ours are registered by the flags below, before any use, so
    // the cached map is right: without this, every start, upsert and visibility write cost 3-5 reads
    // of cluster and namespace metadata, 40 % of the server's database requests in a burst of clocks.
    '--dynamic-config-value',
    'system.forceSearchAttributesCacheRefreshOnRead=false',
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...devServerSearchAttributeFlags(),
  ];
  // Own process group: Ctrl-C reaches only the parent, which stops the server after the worker.
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  process.once('exit', () => child.kill('SIGKILL'));
  const forward = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => options.onLog?.(line));
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));

  const address = `${host}:${options.port}`;
  await waitForTemporal(address, timeoutMs, () => exited);
  return {
    address,
    uiUrl: `http://${host}:${options.uiPort}`,
    process: child,
    stop: () => stopChild(child),
  };
}

/** Polls the gRPC health service until Temporal answers, the process dies or time runs out. */
export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  died: () => string | undefined = () => undefined,
) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    const death = died();
    if (death) throw new Error(`Temporal dev server ${death}`);
    try {
      await pingTemporal(address, 1_000);
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      await sleep(250);
    }
  }
  throw new Error(`Temporal at ${address} did not become healthy within ${timeoutMs} ms: ${lastError}`);
}

/**
 * The dev server's database requests so far, by operation (its Prometheus `persistence_requests`,
 * summed over its services), read from the `/metrics` that `metricsPort` serves. Null where nothing
 * answers there.
 */
export async function devServerPersistenceRequests(
  metricsUrl: string | undefined,
): Promise<Map<string, number> | null> {
  const text = await scrapePrometheus(metricsUrl);
  return text === null ? null : samplesByLabel(text, 'persistence_requests', 'operation');
}

/** How long a child gets to stop after SIGTERM before it is killed. */
export const STOP_GRACE_MS = 10_000;

/** SIGTERM, then SIGKILL if the child has not exited after a grace period. */
export async function stopChild(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
