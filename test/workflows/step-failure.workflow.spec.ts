import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { ErrorKind } from '../../libs/contracts/src/errors.js';
import { STEP_FAILED } from '../../libs/contracts/src/incident.contracts.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import {
  assignRiskItemUpdate,
  riskItemRegisteredUpdate,
  riskItemStateQuery,
  riskItemWorkflowId,
  RiskGrade,
  RiskSource,
  startRectificationUpdate,
  suspendRiskItemUpdate,
  type PlanDeadlineRequest,
  type RiskItemState,
} from '../../libs/contracts/src/risk-item.contracts.js';
import { planRiskItemDeadline } from '../../libs/risk-items/src/domain/risk-item-policy.js';
import { loadRiskItemPolicy } from '../../libs/risk-items/src/risk-item-policy.loader.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { dispatchNotificationOn } from '../helpers/notification-dispatch.js';
import { dataErrorStepFailure } from '../helpers/step-failures.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { ctx, handler, supervisor } from '../helpers/step-context.js';

const HOUR = 3_600_000;

/**
 * Decision 0014: a step whose activity fails for good (the worker's interceptor made it a
 * non-retryable `engine.step-failed`) leaves the case as it was, with its clocks, and never sticks it.
 */
describe('a step that fails for good (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `step-failure-${randomUUID()}`;
  const recorded: Array<LedgerStep<RiskItemState>> = [];
  const refused: Array<LedgerStep<RiskItemState>> = [];
  /** `workflowId:action` → how many more times recording that step fails. */
  const poisoned = new Map<string, number>();
  const table = timeSkippingHolidayTable();
  const policy = loadRiskItemPolicy();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      recordRiskItemStep: (step: LedgerStep<RiskItemState>) => {
        const key = `${step.workflowId}:${step.action}`;
        const left = poisoned.get(key) ?? 0;
        if (left > 0) {
          poisoned.set(key, left - 1);
          refused.push(step);
          throw dataErrorStepFailure(`incident-${refused.length}`);
        }
        recorded.push(step);
        return Promise.resolve();
      },
      planRiskItemDeadline: (request: PlanDeadlineRequest) =>
        Promise.resolve(planRiskItemDeadline(policy, request.purpose, request.grade, request.from, table)),
      notifyInbox: () => Promise.resolve({ recipients: 1 }),
      deliverOutbound: () => Promise.resolve({ delivered: 0 }),
      dispatchNotification: dispatchNotificationOn(env, taskQueue),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const newId = () => `FX-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const startOptions = (id: string) => ({
    workflowId: riskItemWorkflowId(id),
    taskQueue,
    args: [
      {
        registration: {
          id,
          source: RiskSource.Inspection,
          sourceDate: '2026-11-20',
          actionNo: 5,
          business: {
            name: 'n',
            creditCode: '91350100M000100Y43',
            address: 'a',
            townshipId: 'township-sample-1',
          },
          description: 'd',
          grade: RiskGrade.Critical,
          reopenOf: null,
          context: ctx(handler),
        },
      },
    ],
  });
  const start = (id = newId()) => env.client.workflow.start('riskItemWorkflow', startOptions(id));
  const registerAndAssign = async () => {
    const handle = await start();
    await handle.executeUpdate(riskItemRegisteredUpdate, { args: [handler] });
    const assigned = await handle.executeUpdate(assignRiskItemUpdate, {
      args: [{ context: ctx(supervisor), responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' }],
    });
    return { handle, deadline: assigned.deadline! };
  };
  const actions = (handle: WorkflowHandle) =>
    recorded.filter((s) => s.workflowId === handle.workflowId).map((s) => s.action);
  const refusedActions = (handle: WorkflowHandle) =>
    refused.filter((s) => s.workflowId === handle.workflowId).map((s) => s.action);
  const untilJustAfter = async (iso: string) =>
    env.sleep(Date.parse(iso) - (await env.currentTimeMs()) + 60_000);
  /** The Update's failure as the API receives it. */
  const updateFailure = async (update: Promise<unknown>): Promise<ApplicationFailure> => {
    const err = await update.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  };

  it('refuses a human step with the typed failure, keeps the previous state, and the deadline still fires', async () => {
    const { handle, deadline } = await registerAndAssign();
    await handle.executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] });
    const before = await handle.query(riskItemStateQuery, supervisor);
    poisoned.set(`${handle.workflowId}:suspend`, 1);

    const failure = await updateFailure(
      handle.executeUpdate(suspendRiskItemUpdate, { args: [{ context: ctx(supervisor, '等待检测结果') }] }),
    );
    expect(failure.type).toBe(STEP_FAILED);
    expect(failure.details?.[0]).toMatchObject({
      kind: ErrorKind.UnprocessableContent,
      incidentId: 'incident-1',
      errorType: 'db.data-exception',
      state: { status: 'rectifying', sequence: before.sequence },
    });
    expect(await handle.query(riskItemStateQuery, supervisor)).toEqual(before);
    expect(refusedActions(handle)).toEqual(['suspend']);

    // Not suspended: the rectification clock ran on, and its deadline fires as planned.
    await untilJustAfter(deadline.dueAt);
    expect(await handle.query(riskItemStateQuery, supervisor)).toMatchObject({
      status: 'rectifying',
      overdue: true,
    });
    expect(actions(handle)).toEqual(['register', 'assign', 'start-rectification', 'reminder', 'overdue']);
  });

  it('keeps the case running when a timer step fails for good, and fires the timer again after a pause', async () => {
    const { handle, deadline } = await registerAndAssign();
    poisoned.set(`${handle.workflowId}:overdue`, 1);

    await untilJustAfter(deadline.dueAt);
    expect(refusedActions(handle)).toEqual(['overdue']);
    expect(await handle.query(riskItemStateQuery, supervisor)).toMatchObject({
      status: 'assigned',
      overdue: false,
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(actions(handle)).toEqual(['register', 'assign', 'reminder']);

    await env.sleep(2 * HOUR);
    expect(await handle.query(riskItemStateQuery, supervisor)).toMatchObject({ overdue: true });
    expect(actions(handle)).toEqual(['register', 'assign', 'reminder', 'overdue']);
  });

  it('answers a registration that fails for good with the typed failure, and ends the workflow with it', async () => {
    const id = newId();
    poisoned.set(`${riskItemWorkflowId(id)}:register`, 1);
    // As the API registers: the Update starts the workflow, so it is there when the first step fails.
    const startOperation = new WithStartWorkflowOperation('riskItemWorkflow', {
      ...startOptions(id),
      workflowIdConflictPolicy: 'FAIL',
    });
    const failure = await updateFailure(
      env.client.workflow.executeUpdateWithStart(riskItemRegisteredUpdate, {
        args: [handler],
        startWorkflowOperation: startOperation,
      }),
    );
    const handle = await startOperation.workflowHandle();
    expect(failure.type).toBe(STEP_FAILED);
    expect(failure.details?.[0]).toMatchObject({ incidentId: expect.any(String) });
    const result = await new Client({ connection: env.connection, namespace: env.namespace }).workflow
      .getHandle(handle.workflowId)
      .result()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((result as Error).cause).toMatchObject({ type: STEP_FAILED });
    expect(actions(handle)).toEqual([]);
  });
});
