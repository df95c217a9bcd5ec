import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { cardWorkflowId, CardSubjectType } from '../../libs/contracts/src/card.contracts.js';
import { directiveWorkflowId } from '../../libs/contracts/src/directive.contracts.js';
import { riskItemWorkflowId } from '../../libs/contracts/src/risk-item.contracts.js';
import { eventually } from '../helpers/eventually.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { riskItemBody, riskItemDueSoon } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

const QUEUED_ITEMS = 5;

/**
 * Decision 0026 on the real path: the API starts each case with its type's priority, and the embedded
 * Temporal server hands a backlog out by it. One workflow-task slot makes the hand-out order visible.
 */
describe('task priority (decision 0026)', () => {
  let system: TestSystem;
  let client: Client;
  let handler: string;
  let supervisor: string;
  const slotsBefore = process.env.WORKER_MAX_WORKFLOW_TASKS;
  const databaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    process.env.WORKER_MAX_WORKFLOW_TASKS = '1';
    // Its own database: the card an official raises here must not count on another file's board.
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start({ worker: false });
    client = system.api.get(Client);
    handler = await system.tokenFor('handler.amr');
    supervisor = await system.tokenFor('supervisor.fso');
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = databaseUrl;
    if (slotsBefore === undefined) delete process.env.WORKER_MAX_WORKFLOW_TASKS;
    else process.env.WORKER_MAX_WORKFLOW_TASKS = slotsBefore;
  });

  const startedOnThisQueue = async (workflowType: string): Promise<string[]> => {
    const ids: string[] = [];
    const query = `WorkflowType = '${workflowType}' AND TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`;
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    return ids;
  };

  let workerStarted = false;
  const startWorker = async () => {
    await system.startWorker();
    workerStarted = true;
  };

  const ok = async <T>(request: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await request;
    expect(res.status).toBe(status);
    return res.body;
  };

  const priorityOf = async (workflowId: string) =>
    (await client.workflow.getHandle(workflowId).describe()).priority?.priorityKey;

  /** When the server handed the workflow's first task to the worker. */
  const firstTaskStarted = async (workflowId: string): Promise<number> => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const started = history.events?.find((event) => event.workflowTaskStartedEventAttributes);
    if (!started?.eventTime?.seconds) throw new Error(`${workflowId} has no started workflow task`);
    return Number(started.eventTime.seconds) * 1000 + Math.floor((started.eventTime.nanos ?? 0) / 1e6);
  };

  it('hands a directive out before the risk items queued ahead of it while no worker ran', async () => {
    // No worker yet: each registration's first task waits in the queue, as behind a night's clocks.
    const registrations = Array.from({ length: QUEUED_ITEMS }, () =>
      system.request<{ id: string }>('POST', '/risk-items', { token: handler, body: riskItemBody() }),
    );
    await eventually(
      async () => expect(await startedOnThisQueue('riskItemWorkflow')).toHaveLength(QUEUED_ITEMS),
      20_000,
    );
    const issued = system.request<{ id: string }>('POST', '/directives', {
      token: supervisor,
      body: { title: '燃气安全自查', body: '请于本周完成自查', assigneeUnitId: 'agri' },
    });
    await eventually(
      async () => expect(await startedOnThisQueue('directiveWorkflow')).toHaveLength(1),
      20_000,
    );

    await startWorker();
    const [items, directive] = await Promise.all([Promise.all(registrations), issued]);
    expect(items.map((res) => res.status)).toEqual(Array(QUEUED_ITEMS).fill(201));
    expect(directive.status).toBe(201);

    const directiveId = directiveWorkflowId(directive.body.id);
    const itemIds = items.map((res) => riskItemWorkflowId(res.body.id));
    expect(await priorityOf(directiveId)).toBe(2);
    for (const id of itemIds) expect(await priorityOf(id)).toBe(3);
    const directiveStarted = await firstTaskStarted(directiveId);
    for (const id of itemIds) expect(await firstTaskStarted(id)).toBeGreaterThan(directiveStarted);
  });

  it('starts a card the clocks raise after the cases, and one an official raises before them', async () => {
    if (!workerStarted) await startWorker();
    const id = await riskItemDueSoon(system, 2_000);
    const raisedByTheClock = cardWorkflowId('amr', { type: CardSubjectType.OverdueRiskItem, id });
    await eventually(async () => expect(await priorityOf(raisedByTheClock)).toBe(4), 30_000);

    await ok(
      system.request('POST', '/cards', {
        token: supervisor,
        body: { unitId: 'agri', reason: '农村食品经营店规范化改造进度滞后' },
      }),
      201,
    );
    let card = '';
    await eventually(async () => {
      [card = ''] = (await startedOnThisQueue('cardWorkflow')).filter((wid) => wid.startsWith('card/agri/'));
      expect(card).not.toBe('');
    }, 20_000);
    expect(await priorityOf(card)).toBe(2);
  });
});
