// What a phase of a drill or the bench cost the machine and the Temporal server: CPU seconds, and the server's
// database requests by operation (from the embedded dev server's Prometheus metrics). Read before and
// after a phase; the difference, divided by the phase's items, says where each item's cost lies. Also
// what Duban's worker ran in a phase: its workflow tasks, and how many found their run in its cache.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { devServerPersistenceRequests } from '../libs/platform/src/embedded/temporal-dev-server.js';
import {
  samplesByLabel,
  sampleTotal,
  scrapePrometheus,
} from '../libs/platform/src/metrics/prometheus-samples.js';
import { fixed, markdownTable } from './drill-kit.js';

export interface CostReading {
  /** CPU seconds of every process on the machine (user, nice, system, interrupts), all cores. */
  machineCpu: number;
  /** CPU seconds of the Temporal dev server's process; null where it is not on this machine. */
  serverCpu: number | null;
  /** CPU seconds of Duban's worker and API processes; null where they are not on this machine. */
  workerCpu: number | null;
  apiCpu: number | null;
  /** CPU seconds of this script's own process, where the bare workflows' worker runs. */
  scriptCpu: number;
  /** The server's persistence (database) requests by operation; null where it publishes no metrics. */
  persistence: Map<string, number> | null;
}

const TICKS_PER_SECOND = 100;

function machineCpuSeconds(): number {
  const busy = os.cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
  return busy / 1000;
}

/** The first process whose command line `matches` (Linux only; null elsewhere or when there is none). */
function findProcess(matches: (args: string[]) => boolean): string | null {
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      if (matches(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'))) return pid;
    }
  } catch {
    // No /proc, or a process ended while we read it: no CPU line for it.
  }
  return null;
}

function processCpuSeconds(pid: string | null): number | null {
  if (pid === null) return null;
  try {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Reads the server's costs so far; `metricsUrl` is the dev server's `/metrics` (TEMPORAL_METRICS_URL). */
export function costReader(
  temporalAddress: string,
  metricsUrl: string | undefined,
): () => Promise<CostReading> {
  const port = temporalAddress.split(':').pop();
  // The embedded dev server on that port, or a self-hosted `temporal-server` on this machine.
  const server = findProcess(
    (args) =>
      (args.includes('start-dev') && args[args.indexOf('--port') + 1] === port) ||
      basename(args[0]) === 'temporal-server',
  );
  const duban = (app: string) =>
    findProcess((args) => args.some((arg) => arg.endsWith(`apps/${app}/src/main.js`)));
  const [worker, api] = [duban('worker'), duban('api')];
  return async () => ({
    machineCpu: machineCpuSeconds(),
    serverCpu: processCpuSeconds(server),
    workerCpu: processCpuSeconds(worker),
    apiCpu: processCpuSeconds(api),
    scriptCpu: ((usage) => (usage.user + usage.system) / 1e6)(process.cpuUsage()),
    persistence: await devServerPersistenceRequests(metricsUrl),
  });
}

/**
 * "Quiet" is the whole machine under a tenth of one core, over two half-seconds in a row; an idle stack
 * uses 1–2 % of one core. A phase's work outlives its last answer (the server's visibility and transfer
 * tasks, closing runs, the notices' workflows), so a reading taken at once charges that work to the
 * next phase and slows it.
 */
const QUIET_SHARE_OF_ONE_CORE = 0.1;
const QUIET_INTERVAL_MS = 500;
const QUIET_INTERVALS_IN_A_ROW = 2;

/**
 * Waits until what the last phase left behind has run, so its cost is read with it and the next phase
 * starts on an idle machine, and says how long that took on the script's progress line. Gives up after
 * `timeoutMs` (another program may keep the machine busy) and says so.
 */
export async function settle(say: (line: string) => void, after: string, timeoutMs = 60_000): Promise<void> {
  const startedAt = performance.now();
  const waited = () => fixed((performance.now() - startedAt) / 1000);
  let quietIntervals = 0;
  let last = machineCpuSeconds();
  while (performance.now() - startedAt < timeoutMs) {
    await sleep(QUIET_INTERVAL_MS);
    const now = machineCpuSeconds();
    const shareOfOneCore = (now - last) / (QUIET_INTERVAL_MS / 1000);
    last = now;
    quietIntervals = shareOfOneCore < QUIET_SHARE_OF_ONE_CORE ? quietIntervals + 1 : 0;
    if (quietIntervals === QUIET_INTERVALS_IN_A_ROW) {
      say(`the machine was quiet ${waited()} s after ${after}`);
      return;
    }
  }
  say(`the machine was still busy ${waited()} s after ${after}; the readings include what else ran`);
}

/** Readings taken before and after a phase. */
export interface CostSpan {
  before: CostReading;
  after: CostReading;
}

export interface PhaseCost extends CostSpan {
  name: string;
  items: number;
}

/** Per item, side by side for each phase: CPU, then the server's database requests by operation. */
export function costTable(phases: PhaseCost[]): string[] {
  const perItem = (value: number | null, items: number, scale = 1) =>
    value === null ? '—' : fixed((value * scale) / items, 2);
  const cpu = (of: (reading: CostReading) => number | null) =>
    phases.map((p) => {
      const [after, before] = [of(p.after), of(p.before)];
      return perItem(after === null || before === null ? null : after - before, p.items, 1000);
    });
  const rows: string[][] = [
    ['CPU of the whole machine, ms', ...cpu((r) => r.machineCpu)],
    ['… the Temporal server, ms', ...cpu((r) => r.serverCpu)],
    ["… Duban's worker, ms", ...cpu((r) => r.workerCpu)],
    ["… Duban's API, ms", ...cpu((r) => r.apiCpu)],
    ["… this script (the bare workflows' worker), ms", ...cpu((r) => r.scriptCpu)],
  ];
  const tallies: Array<Map<string, number>> = [];
  for (const { before, after } of phases) {
    if (!before.persistence || !after.persistence) break;
    const earlier = before.persistence;
    tallies.push(
      new Map([...after.persistence].map(([operation, n]) => [operation, n - (earlier.get(operation) ?? 0)])),
    );
  }
  if (tallies.length === phases.length) {
    const of = (tally: Map<string, number>, operation: string) => tally.get(operation) ?? 0;
    const operations = [...new Set(tallies.flatMap((tally) => [...tally.keys()]))]
      .filter((operation) => tallies.some((tally, i) => of(tally, operation) >= phases[i].items / 20))
      .sort((a, b) => of(tallies[0], b) - of(tallies[0], a));
    rows.push([
      'server database requests',
      ...tallies.map((tally, i) =>
        perItem(
          [...tally.values()].reduce((a, b) => a + b, 0),
          phases[i].items,
        ),
      ),
    ]);
    for (const operation of operations)
      rows.push([
        `… ${operation}`,
        ...tallies.map((tally, i) => perItem(of(tally, operation), phases[i].items)),
      ]);
  }
  return markdownTable(['per item', ...phases.map((p) => p.name)], rows);
}

/** What Duban's worker has run so far, from its own Prometheus metrics (the SDK's). */
export interface WorkerTasksReading {
  /** Workflow tasks completed, by workflow type. */
  tasks: Map<string, number>;
  /** Of those, the tasks whose run the worker still had in its cache, by workflow type. */
  cached: Map<string, number>;
  /** Runs the worker dropped from a full cache. */
  evicted: number;
  /** Runs in the cache when read. */
  inCache: number;
}

/** Reads the worker's tasks so far from `metricsUrl` (WORKER_METRICS_URL); null where nothing answers. */
export async function readWorkerTasks(metricsUrl: string | undefined): Promise<WorkerTasksReading | null> {
  const text = await scrapePrometheus(metricsUrl);
  if (text === null) return null;
  return {
    tasks: samplesByLabel(text, 'temporal_workflow_task_execution_latency_count', 'workflow_type'),
    cached: samplesByLabel(text, 'temporal_sticky_cache_hit', 'workflow_type'),
    evicted: sampleTotal(text, 'temporal_sticky_cache_total_forced_eviction'),
    inCache: sampleTotal(text, 'temporal_sticky_cache_size'),
  };
}

/**
 * Per workflow type, the worker's tasks between two readings and how many found their run cached. The
 * others came with their run's whole history: a new run's first task, or a task that waited out the
 * worker's own queue (WORKER_STICKY_QUEUE_TIMEOUT_SECONDS) or whose run a full cache had dropped, which
 * the worker replays from the start.
 */
export function workerTasksTable(before: WorkerTasksReading, after: WorkerTasksReading): string[] {
  const between = (of: (reading: WorkerTasksReading) => Map<string, number>, type: string) =>
    (of(after).get(type) ?? 0) - (of(before).get(type) ?? 0);
  const rows = [...after.tasks.keys()]
    .map((type) => ({ type, tasks: between((r) => r.tasks, type), cached: between((r) => r.cached, type) }))
    .filter((row) => row.tasks > 0)
    .sort((a, b) => b.tasks - a.tasks)
    .map(({ type, tasks, cached }) => [type, String(tasks), String(cached), String(tasks - cached)]);
  return [
    ...markdownTable(
      ['workflow type', 'workflow tasks', 'found their run cached', 'came with the whole history'],
      rows,
    ),
    '',
    `runs evicted from the worker's full cache: ${after.evicted - before.evicted}; runs cached at the end: ${after.inCache}`,
  ];
}
