// `npm run drill:burst -- --items N`: N risk items due at one instant, as every day-based clock of a
// date ends at 24:00. Through the public API it registers and assigns N items, then a supervisor
// re-plans them all to one due instant T. From T on it watches the database until every item is marked
// overdue on the ledger and carded, while a supervisor keeps taking two kinds of unrelated human step:
// issuing directives (a new case) and re-planning standing items (a step on a case that already runs,
// like the burst's own). Each is taken as the console takes it, under an Idempotency-Key and sent again
// under it while the engine answers 503 `engine.busy`, and timed from its first request to its answer.
// Then, on the same Temporal server, two floors for the same burst (scripts/drill-timer.workflow.ts):
// N bare workflows that each fire one timer at one instant and run one activity, and N that each commit
// a record that opens a second workflow, which commits its own. Prints the numbers, with what each
// burst cost per item (CPU, the server's database requests); a drill, not a test: results go to
// docs/benchmarks.md.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Client } from '@temporalio/client';
import pg from 'pg';
import { CardSubjectType } from '../libs/contracts/src/card.contracts.js';
import { RISK_ITEM_CASE_TYPE } from '../libs/contracts/src/risk-item.contracts.js';
import { type AppConfig } from '../libs/platform/src/config/app-config.js';
import {
  apiUrl,
  ascending,
  call,
  checkReady,
  DrillAbort,
  fixed,
  keyedStep,
  type KeyedSteps,
  machineLine,
  markdownTable,
  mintTokens,
  newKeyedSteps,
  parseOptions,
  percentile,
  positiveInt,
  progress,
  retriedSummary,
  riskItemRegistration,
  runMain,
  runningSystemConfig,
  runPhase,
  runPool,
  stopOnInterrupt,
  withScratchRecords,
  withScriptWorker,
  type RecordWriter,
} from './drill-kit.js';
import {
  drillCardWorkflow,
  drillEscalationWorkflow,
  drillTimerWorkflow,
  escalatedSignal,
  type DrillEscalationActivities,
  type DrillTimerActivities,
} from './drill-timer.workflow.js';
import {
  costReader,
  costTable,
  readWorkerTasks,
  settle,
  workerTasksTable,
  type CostReading,
  type CostSpan,
} from './server-cost.js';

const HANDLER = 'handler.amr';
const SUPERVISOR = 'supervisor.fso';
const POLL_MS = 250;
/** Bare starts timed before the floor's burst, to place its due instant. */
const CALIBRATION_STARTS = 50;
const HUMAN_STEP_EVERY_MS = 250;
/** Items registered and assigned beside the burst, not due in it: the supervisor re-plans them during it. */
const STANDING_ITEMS = 10;
const STANDING_DUE_IN_DAYS = 30;
const say = progress('drill:burst');

interface Options {
  items: number;
  concurrency: number;
  marginSeconds: number;
  timeoutSeconds: number;
  api: string;
}

function readOptions(argv: string[], config: AppConfig): Options {
  const options = parseOptions(
    argv,
    {
      items: { type: 'string', short: 'n' },
      concurrency: { type: 'string', short: 'c' },
      'margin-seconds': { type: 'string' },
      'timeout-seconds': { type: 'string' },
      api: { type: 'string' },
    },
    'usage: node dist/scripts/drill-burst.js [--items N (500)] [--concurrency C (20), for the set-up requests]\n' +
      '  [--margin-seconds S (20), between the last re-plan and the due instant]\n' +
      '  [--timeout-seconds S (900), how long to wait for the escalation] [--api URL]\n',
  );
  const text = (name: string) => options.text(name);
  return {
    items: positiveInt('items', text('items'), 500),
    concurrency: positiveInt('concurrency', text('concurrency'), 20),
    marginSeconds: positiveInt('margin-seconds', text('margin-seconds'), 20),
    timeoutSeconds: positiveInt('timeout-seconds', text('timeout-seconds'), 900),
    api: apiUrl(config, text('api')),
  };
}

/** Registers and assigns N items, then re-plans them all to one instant far enough ahead to finish. */
async function prepareBurst(
  options: Options,
  tokens: Map<string, string>,
): Promise<{ ids: string[]; standing: string[]; dueAt: Date; setupSeconds: number }> {
  const { api, concurrency } = options;
  const items = options.items + STANDING_ITEMS;
  const handler = tokens.get(HANDLER)!;
  const supervisor = tokens.get(SUPERVISOR)!;
  const started = performance.now();
  const ids = new Array<string>(items);
  await runPhase(
    say,
    'register',
    items,
    concurrency,
    async (i) => {
      const { ms, body } = await call(
        api,
        'register',
        handler,
        '/risk-items',
        riskItemRegistration(i, '集中到期演练'),
      );
      ids[i] = (body as { id: string }).id;
      return ms;
    },
    100,
  );
  const assign = await runPhase(
    say,
    'assign',
    items,
    concurrency,
    async (i) =>
      (await call(api, 'assign', supervisor, `/risk-items/${ids[i]}/assign`, { responsibleUnitId: 'amr' }))
        .ms,
    100,
  );
  const standing = ids.splice(options.items);
  // Re-planning costs about what assigning did; the due instant leaves room for it and a margin.
  const replanSeconds = Math.ceil((assign.wallMs / 1000) * 1.5);
  const dueAt = new Date(Date.now() + (replanSeconds + options.marginSeconds) * 1000);
  dueAt.setMilliseconds(0);
  say(`re-planning every item to ${dueAt.toISOString()} (in ${replanSeconds + options.marginSeconds} s)`);
  await runPhase(
    say,
    'replan',
    ids.length,
    concurrency,
    async (i) =>
      (
        await call(api, 'replan', supervisor, `/risk-items/${ids[i]}/replan`, {
          dueAt: dueAt.toISOString(),
          reason: '集中到期演练：统一截止时间',
        })
      ).ms,
    100,
  );
  if (Date.now() >= dueAt.getTime()) {
    throw new DrillAbort(
      `re-planning ended ${((Date.now() - dueAt.getTime()) / 1000).toFixed(1)} s after the due instant: the ` +
        'burst is smeared; run again with a larger --margin-seconds',
    );
  }
  return { ids, standing, dueAt, setupSeconds: (performance.now() - started) / 1000 };
}

interface Escalation {
  /** Seconds after the due instant until every item was overdue on the ledger, and carded. */
  ledgeredSeconds: number;
  cardedSeconds: number;
  humanSteps: HumanSteps[];
}

/** One kind of human step taken again and again during the burst, one at a time, as the console takes it. */
interface HumanSteps {
  kind: string;
  /** Each step's wait from its first request to its answer, retries under its key included. */
  ms: number[];
  /** What the steps' requests met: those sent again, and what made them. */
  requests: KeyedSteps;
  /** Steps that got no answer within STEP_PATIENCE_MS, or a final error. */
  failures: number;
}

/** From the due instant on: polls the ledger and the card board, while a supervisor keeps working. */
async function watchEscalation(
  options: Options,
  config: AppConfig,
  tokens: Map<string, string>,
  ids: string[],
  standing: string[],
  dueAt: Date,
): Promise<Escalation> {
  const db = new pg.Client({ connectionString: config.DATABASE_URL });
  await db.connect();
  const count = async (sql: string): Promise<number> =>
    Number(((await db.query(sql, [ids])).rows[0] as { n: string }).n);
  const ledgered = () =>
    count(
      `SELECT count(DISTINCT case_id) AS n FROM ledger_entry
       WHERE case_type = '${RISK_ITEM_CASE_TYPE}' AND action = 'overdue' AND case_id = ANY($1)`,
    );
  const carded = () =>
    count(
      `SELECT count(DISTINCT subject_id) AS n FROM card
       WHERE subject_type = '${CardSubjectType.OverdueRiskItem}' AND subject_id = ANY($1)`,
    );
  const supervisor = tokens.get(SUPERVISOR)!;
  let done = false;
  const keepTaking = (kind: string, step: (k: number, requests: KeyedSteps) => Promise<number>) => {
    const steps: HumanSteps = { kind, ms: [], requests: newKeyedSteps(), failures: 0 };
    const taking = (async () => {
      for (let k = 0; !done; k++) {
        try {
          steps.ms.push(await step(k, steps.requests));
        } catch (err) {
          steps.failures++;
          say(`a ${kind} failed during the burst: ${err instanceof Error ? err.message : String(err)}`);
        }
        await sleep(HUMAN_STEP_EVERY_MS);
      }
    })();
    return { steps, taking };
  };
  const takers = [
    keepTaking('directive', async (k, requests) => {
      const { ms } = await keyedStep(
        options.api,
        supervisor,
        '/directives',
        {
          title: `集中到期期间的督办通知 ${k + 1}`,
          body: '请按期完成整改并报送情况。',
          assigneeUnitId: 'agri',
        },
        requests,
      );
      return ms;
    }),
    keepTaking('re-plan of a standing item', async (k, requests) => {
      const dueAt = new Date(Date.now() + STANDING_DUE_IN_DAYS * 86_400_000);
      const { ms } = await keyedStep(
        options.api,
        supervisor,
        `/risk-items/${standing[k % standing.length]}/replan`,
        { dueAt: dueAt.toISOString(), reason: '集中到期期间调整期限' },
        requests,
      );
      return ms;
    }),
  ];
  let ledgeredSeconds = Number.NaN;
  let cardedSeconds = Number.NaN;
  try {
    await sleep(Math.max(0, dueAt.getTime() - Date.now() - 2000));
    const deadline = dueAt.getTime() + options.timeoutSeconds * 1000;
    let lastSaid = 0;
    while (Date.now() < deadline && (Number.isNaN(ledgeredSeconds) || Number.isNaN(cardedSeconds))) {
      const [onLedger, withCard] = [await ledgered(), await carded()];
      const elapsed = (Date.now() - dueAt.getTime()) / 1000;
      if (Number.isNaN(ledgeredSeconds) && onLedger === ids.length) ledgeredSeconds = elapsed;
      if (Number.isNaN(cardedSeconds) && withCard === ids.length) cardedSeconds = elapsed;
      if (Date.now() - lastSaid > 5000) {
        say(
          `T${elapsed >= 0 ? '+' : ''}${elapsed.toFixed(1)} s: ${onLedger}/${ids.length} overdue on the ledger, ${withCard} carded`,
        );
        lastSaid = Date.now();
      }
      await sleep(POLL_MS);
    }
  } finally {
    done = true;
    await Promise.all(takers.map((taker) => taker.taking));
    await db.end();
  }
  return { ledgeredSeconds, cardedSeconds, humanSteps: takers.map((taker) => taker.steps) };
}

/** How long before a due instant a phase's cost is read, so the reading is taken before the burst. */
const COST_READ_LEAD_MS = 3000;

/** Waits until just before a burst's due instant, then reads what the machine and server spent so far. */
async function readCostBefore(dueAt: Date, readCost: () => Promise<CostReading>): Promise<CostReading> {
  await sleep(Math.max(0, dueAt.getTime() - Date.now() - COST_READ_LEAD_MS));
  return readCost();
}

/** A floor's burst: which workflow each of the N starts, and what counts one as escalated. */
interface Floor {
  name: string;
  workflow: typeof drillTimerWorkflow;
  /** The floor's activities, given the script's client and queue and a count to call once per escalation. */
  activities: (client: Client, taskQueue: string, escalated: () => void) => object;
}

/** One timer each at one instant, then one activity. */
const BARE_FLOOR: Floor = {
  name: 'bare',
  workflow: drillTimerWorkflow,
  activities: (_client, _taskQueue, escalated): DrillTimerActivities => ({
    fired: () => {
      escalated();
      return Promise.resolve();
    },
  }),
};

/** One timer each, then a committed record that opens a card by signal-with-start, and the card's record. */
const recordedFloor = (record: RecordWriter): Floor => ({
  name: 'recorded',
  workflow: drillEscalationWorkflow,
  activities: (client, taskQueue, escalated): DrillEscalationActivities => ({
    recordOverdue: async (workflowId) => {
      await record('overdue', workflowId);
      await client.workflow.signalWithStart(drillCardWorkflow, {
        taskQueue,
        workflowId: `${workflowId}/card`,
        signal: escalatedSignal,
        signalArgs: [workflowId],
      });
    },
    recordCardOpened: async (workflowId) => {
      await record('card', workflowId);
      escalated();
    },
  }),
});

/**
 * N workflows of a floor, one timer each at one instant: seconds until all were escalated, and the cost
 * of the burst (read as for Duban's, from just before the due instant).
 */
async function floorBurst(
  config: AppConfig,
  floor: Floor,
  items: number,
  concurrency: number,
  marginSeconds: number,
  readCost: () => Promise<CostReading>,
): Promise<{ seconds: number } & CostSpan> {
  let escalatedCount = 0;
  let lastEscalatedAt = 0;
  const escalated = () => {
    escalatedCount++;
    lastEscalatedAt = Date.now();
  };
  return withScriptWorker(
    config,
    `drill-${floor.name}`,
    'scripts/drill-timer.workflow.ts',
    (client, taskQueue) => floor.activities(client, taskQueue, escalated),
    async (client, taskQueue) => {
      await settle(say, 'what ran before');
      // Time a batch of starts, firing at once, and leave three times the projected time for the rest,
      // plus the margin.
      const calibration = Math.min(items, CALIBRATION_STARTS);
      const calibratedAt = performance.now();
      await runPool(calibration, concurrency, async (i) => {
        await client.workflow.start(floor.workflow, {
          taskQueue,
          workflowId: `${taskQueue}/calibration-${i}`,
          args: [new Date().toISOString()],
        });
      });
      const projectedMs = ((performance.now() - calibratedAt) * items) / calibration;
      const dueAt = new Date(Date.now() + Math.ceil(projectedMs * 3 + marginSeconds * 1000));
      say(`starting ${items} ${floor.name} floor workflows due at ${dueAt.toISOString()}`);
      await runPool(items, concurrency, async (i) => {
        await client.workflow.start(floor.workflow, {
          taskQueue,
          workflowId: `${taskQueue}/${i}`,
          args: [dueAt.toISOString()],
        });
      });
      if (Date.now() >= dueAt.getTime())
        throw new DrillAbort(`starting the ${floor.name} floor's workflows took past their due instant`);
      const before = await readCostBefore(dueAt, readCost);
      const target = items + calibration; // the calibration starts fire too
      while (escalatedCount < target) await sleep(POLL_MS);
      await settle(say, `the ${floor.name} floor's last escalation`);
      return { seconds: (lastEscalatedAt - dueAt.getTime()) / 1000, before, after: await readCost() };
    },
  );
}

async function main(): Promise<void> {
  const config = runningSystemConfig();
  const options = readOptions(process.argv.slice(2), config);
  stopOnInterrupt(say);
  await checkReady(options.api);
  const tokens = await mintTokens(config, [HANDLER, SUPERVISOR]);
  say(`Duban is ready at ${options.api}; N = ${options.items}`);

  const { ids, standing, dueAt, setupSeconds } = await prepareBurst(options, tokens);
  const readCost = costReader(config.TEMPORAL_ADDRESS, process.env.TEMPORAL_METRICS_URL);
  const beforeBurst = await readCostBefore(dueAt, readCost);
  const workerBefore = await readWorkerTasks(process.env.WORKER_METRICS_URL);
  const escalation = await watchEscalation(options, config, tokens, ids, standing, dueAt);
  await settle(say, "Duban's last escalation");
  const afterBurst = await readCost();
  const workerAfter = await readWorkerTasks(process.env.WORKER_METRICS_URL);
  const floorRun = (floor: Floor) =>
    floorBurst(config, floor, options.items, options.concurrency, options.marginSeconds, readCost);
  const bare = await floorRun(BARE_FLOOR);
  const recorded = await withScratchRecords(config, say, (record) => floorRun(recordedFloor(record)));

  const slowest = Math.max(escalation.ledgeredSeconds, escalation.cardedSeconds);
  process.stdout.write(
    [
      `Duban burst drill, ${new Date().toISOString()}`,
      machineLine(),
      `items N = ${options.items}, due together at ${dueAt.toISOString()}; set-up (register, assign, re-plan) ${fixed(setupSeconds)} s`,
      '',
      ...markdownTable(
        [
          'N',
          'all overdue on the ledger s',
          'all carded s',
          'bare timer + activity s',
          'Duban / bare',
          'recorded escalation s',
          'Duban / recorded',
        ],
        [
          [
            String(options.items),
            fixed(escalation.ledgeredSeconds),
            fixed(escalation.cardedSeconds),
            fixed(bare.seconds),
            `${fixed(slowest / bare.seconds)}×`,
            fixed(recorded.seconds),
            `${fixed(slowest / recorded.seconds)}×`,
          ],
        ],
      ),
      '',
      `human steps during the burst (one at a time each, ${HUMAN_STEP_EVERY_MS} ms apart):`,
      '',
      ...markdownTable(
        ['step', 'count', 'p50 ms', 'p95 ms', 'max ms', 'requests sent again', 'failed'],
        escalation.humanSteps.map(({ kind, ms, requests, failures }) => {
          const sorted = ascending(ms);
          return [
            kind,
            String(sorted.length),
            fixed(percentile(sorted, 50)),
            fixed(percentile(sorted, 95)),
            fixed(sorted[sorted.length - 1] ?? Number.NaN),
            retriedSummary(requests),
            String(failures),
          ];
        }),
      ),
      '',
      `what each burst cost, per item, from ${COST_READ_LEAD_MS / 1000} s before its due instant until the machine was quiet after the last escalation`,
      `(Duban's with the human steps above; each floor's with its ${CALIBRATION_STARTS} timed starts, which fire too).`,
      "The server's database requests are its Prometheus `persistence_requests`:",
      '',
      ...costTable([
        { name: 'Duban', items: options.items, before: beforeBurst, after: afterBurst },
        { name: 'bare', items: options.items, before: bare.before, after: bare.after },
        { name: 'recorded', items: options.items, before: recorded.before, after: recorded.after },
      ]),
      '',
      "what Duban's worker ran over the same span, from its own metrics (WORKER_METRICS_URL):",
      '',
      ...(workerBefore && workerAfter
        ? workerTasksTable(workerBefore, workerAfter)
        : [
            '(no worker metrics: start Duban with `npm start`, which writes WORKER_METRICS_URL to its runtime.env)',
          ]),
      '',
      Number.isNaN(slowest) ? `not every item was escalated within ${options.timeoutSeconds} s (—)` : '',
    ].join('\n'),
  );
}

runMain('drill:burst', import.meta.url, main);
