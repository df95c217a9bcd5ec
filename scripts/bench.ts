// `npm run bench`: drives N risk items through register → assign → start → submit → verify against a
// running Duban (`npm start` in another terminal), C at a time, and measures each HTTP round trip; then,
// on the same Temporal server in the same run, measures a bare Update round trip (an echo workflow run
// by a worker inside this process on a task queue of its own) and a recorded one (the same Update
// writing one row to Duban's PostgreSQL in a local activity before it answers). Each concurrency level
// of the run (by default 1 and 10) gets its own table with the ratio of each Duban step to both, and
// what a step and each Update cost per piece: CPU of the machine and of each process, and the Temporal
// server's database requests. Each phase starts on an idle machine, and its costs are read once what it
// left behind has run. A benchmark, not a test: results go to docs/benchmarks.md.
import { performance } from 'node:perf_hooks';
import { type Client, type WorkflowHandle } from '@temporalio/client';
import { type UpdateDefinition } from '@temporalio/common';
import { type AppConfig } from '../libs/platform/src/config/app-config.js';
import {
  benchEchoWorkflow,
  echoUpdate,
  recordedEchoUpdate,
  type EchoActivities,
} from './bench-echo.workflow.js';
import {
  costReader,
  costTable,
  settle,
  type CostReading,
  type CostSpan,
  type PhaseCost,
} from './server-cost.js';
import {
  apiUrl,
  ascending,
  call,
  checkReady,
  DrillAbort,
  fixed,
  machineLine,
  markdownTable,
  mintTokens,
  parseOptions,
  percentile,
  positiveInt,
  progress,
  RECTIFICATION_SUBMISSION,
  riskItemRegistration,
  runMain,
  runningSystemConfig,
  runPhase,
  stopOnInterrupt,
  withScratchRecords,
  withScriptWorker,
  type Phase,
} from './drill-kit.js';

const ECHO_WORKFLOW_SOURCE = 'scripts/bench-echo.workflow.ts';
const HANDLER = 'handler.amr';
const SUPERVISOR = 'supervisor.fso';
const STEPS = ['register', 'assign', 'start', 'submit', 'verify'] as const;
type Step = (typeof STEPS)[number];
const BARE = 'bare update';
const RECORDED = 'recorded update';
const UPDATES_PER_ITEM = 4;

const say = progress('bench');

interface Options {
  items: number;
  concurrencies: number[];
  api: string;
}

function readOptions(argv: string[], config: AppConfig): Options {
  const options = parseOptions(
    argv,
    {
      items: { type: 'string', short: 'n' },
      concurrency: { type: 'string', short: 'c' },
      api: { type: 'string' },
    },
    'usage: node dist/scripts/bench.js [--items N (50)] [--concurrency C[,C…] (1,10)] [--api URL]\n' +
      '  --api defaults to BENCH_API_URL, else http://API_HOST:API_PORT (http://127.0.0.1:3000)\n',
  );
  return {
    items: positiveInt('items', options.text('items'), 50),
    concurrencies: (options.text('concurrency') ?? '1,10')
      .split(',')
      .map((c) => positiveInt('concurrency', c, 1)),
    api: apiUrl(config, options.text('api')),
  };
}

async function benchDuban(
  api: string,
  items: number,
  concurrency: number,
  tokens: Map<string, string>,
): Promise<Phase[]> {
  const handler = tokens.get(HANDLER)!;
  const supervisor = tokens.get(SUPERVISOR)!;
  const ids: string[] = new Array<string>(items);
  const requests: Record<Step, (i: number) => Promise<number>> = {
    register: async (i) => {
      const { ms, body } = await call(
        api,
        'register',
        handler,
        '/risk-items',
        riskItemRegistration(i, '基准测试'),
      );
      const id = (body as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string') throw new DrillAbort(`register: no id in ${JSON.stringify(body)}`);
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
    submit: async (i) =>
      (await call(api, 'submit', handler, `/risk-items/${ids[i]}/submit`, RECTIFICATION_SUBMISSION)).ms,
    verify: async (i) =>
      (await call(api, 'verify', supervisor, `/risk-items/${ids[i]}/verify`, { result: 'accepted' })).ms,
  };
  const phases: Phase[] = [];
  for (const step of STEPS) phases.push(await runPhase(say, step, items, concurrency, requests[step]));
  say(`${items} items closed at C = ${concurrency} (first ${ids[0]}, last ${ids[items - 1]})`);
  return phases;
}

/**
 * An Update round trip on C echo workflows of a private task queue, N×4 Updates, C at a time: the bare
 * echo, or the recorded one.
 */
async function benchUpdate(
  name: string,
  update: UpdateDefinition<number, [number]>,
  items: number,
  concurrency: number,
  client: Client,
  taskQueue: string,
  readCost: () => Promise<CostReading>,
): Promise<{ phase: Phase; cost: CostSpan }> {
  const count = items * UPDATES_PER_ITEM;
  const handles: WorkflowHandle[] = [];
  try {
    for (let k = 0; k < Math.min(concurrency, count); k++) {
      handles.push(
        await client.workflow.start(benchEchoWorkflow, {
          taskQueue,
          workflowId: `${taskQueue}/${name.replace(' ', '-')}/${concurrency}/${k}`,
        }),
      );
    }
    // Warm-up (not measured): the first task of each workflow, as Duban's assign … verify hit live ones.
    await Promise.all(handles.map((h, k) => h.executeUpdate(update, { args: [k] })));
    await settle(say, `the ${name}s' warm-up`);
    const before = await readCost();
    const phase = await runPhase(say, name, count, concurrency, async (i) => {
      const startedAt = performance.now();
      const echoed = await handles[i % handles.length].executeUpdate(update, { args: [i] });
      const ms = performance.now() - startedAt;
      if (echoed !== i) throw new DrillAbort(`${name} returned ${echoed}, expected ${i}`);
      return ms;
    });
    await settle(say, `the ${name}s at C = ${concurrency}`);
    return { phase, cost: { before, after: await readCost() } };
  } finally {
    await Promise.allSettled(handles.map((h) => h.terminate('bench finished')));
  }
}

interface Round {
  concurrency: number;
  duban: Phase[];
  bare: Phase;
  recorded: Phase;
  /** What the Duban steps and the Updates cost, read before and after each. */
  costs: PhaseCost[];
}

/** A phase's samples sorted once, with the two percentiles every ratio is taken of. */
interface Percentiles {
  sorted: number[];
  p50: number;
  p95: number;
}

function percentilesOf(phase: Phase): Percentiles {
  const sorted = ascending(phase.samples);
  return { sorted, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

function roundReport(items: number, round: Round): string[] {
  const phases = [...round.duban, round.bare, round.recorded];
  const stats = new Map(phases.map((phase) => [phase, percentilesOf(phase)]));
  const of = (phase: Phase): Percentiles => stats.get(phase)!;
  const { p50: bareP50, p95: bareP95 } = of(round.bare);
  const { p50: recordedP50, p95: recordedP95 } = of(round.recorded);
  const header = [
    'step',
    'count',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'per s',
    'p50 / bare',
    'p95 / bare',
    'p50 / recorded',
    'p95 / recorded',
  ];
  const rows = phases.map((phase) => {
    const { sorted, p50, p95 } = of(phase);
    return [
      phase.name,
      String(sorted.length),
      fixed(p50),
      fixed(p95),
      fixed(percentile(sorted, 99)),
      fixed(sorted[sorted.length - 1]),
      fixed(sorted.length / (phase.wallMs / 1000)),
      `${fixed(p50 / bareP50)}×`,
      `${fixed(p95 / bareP95)}×`,
      `${fixed(p50 / recordedP50)}×`,
      `${fixed(p95 / recordedP95)}×`,
    ];
  });
  const lifecycleP50 = round.duban.reduce((sum, phase) => sum + of(phase).p50, 0);
  const dubanWall = round.duban.reduce((sum, phase) => sum + phase.wallMs, 0);
  return [
    `### C = ${round.concurrency} (items N = ${items}, bare and recorded updates = N × ${UPDATES_PER_ITEM} each)`,
    '',
    ...markdownTable(header, rows),
    '',
    `one item's five steps, sum of p50s: ${fixed(lifecycleP50)} ms (${fixed(lifecycleP50 / bareP50)} bare updates); ` +
      `wall time: Duban steps ${fixed(dubanWall / 1000, 2)} s, bare updates ${fixed(round.bare.wallMs / 1000, 2)} s, ` +
      `recorded updates ${fixed(round.recorded.wallMs / 1000, 2)} s`,
    '',
    'what they cost, per step and per Update:',
    '',
    ...costTable(round.costs),
    '',
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = runningSystemConfig();
  const options = readOptions(process.argv.slice(2), config);
  stopOnInterrupt(say);
  await checkReady(options.api);
  const tokens = await mintTokens(config, [HANDLER, SUPERVISOR]);
  say(`Duban is ready at ${options.api}; N = ${options.items}, C = ${options.concurrencies.join(', ')}`);

  say(`bundling ${ECHO_WORKFLOW_SOURCE} for a worker inside this process`);
  const rounds = await withScratchRecords(config, say, (record) => {
    const activities = (): EchoActivities => ({ recordEcho: (value) => record('echo', String(value)) });
    return withScriptWorker(
      config,
      'bench-echo',
      ECHO_WORKFLOW_SOURCE,
      activities,
      async (client, taskQueue) => {
        const readCost = costReader(config.TEMPORAL_ADDRESS, process.env.TEMPORAL_METRICS_URL);
        const updateRun = (name: string, update: UpdateDefinition<number, [number]>, concurrency: number) =>
          benchUpdate(name, update, options.items, concurrency, client, taskQueue, readCost);
        const done: Round[] = [];
        for (const concurrency of options.concurrencies) {
          await settle(say, 'what ran before');
          const beforeDuban = await readCost();
          const duban = await benchDuban(options.api, options.items, concurrency, tokens);
          await settle(say, `the Duban steps at C = ${concurrency}`);
          const afterDuban = await readCost();
          const bare = await updateRun(BARE, echoUpdate, concurrency);
          const recorded = await updateRun(RECORDED, recordedEchoUpdate, concurrency);
          const updates = options.items * UPDATES_PER_ITEM;
          done.push({
            concurrency,
            duban,
            bare: bare.phase,
            recorded: recorded.phase,
            costs: [
              {
                name: 'Duban step',
                items: options.items * STEPS.length,
                before: beforeDuban,
                after: afterDuban,
              },
              { name: 'bare Update', items: updates, ...bare.cost },
              { name: 'recorded Update', items: updates, ...recorded.cost },
            ],
          });
        }
        return done;
      },
    );
  });
  process.stdout.write(
    [
      `Duban benchmark, ${new Date().toISOString()}`,
      machineLine(),
      `API ${options.api}`,
      '',
      ...rounds.flatMap((round) => roundReport(options.items, round)),
      `whole run ${fixed((performance.now() - started) / 1000, 2)} s`,
      '',
    ].join('\n'),
  );
}

runMain('bench', import.meta.url, main);
