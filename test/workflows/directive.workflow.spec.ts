import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import {
  acknowledgeDirectiveUpdate,
  directiveIssuedUpdate,
  directiveStateQuery,
  directiveWorkflowId,
  type DirectiveState,
  type IssueDirectiveInput,
} from '../../libs/contracts/src/directive.contracts.js';
import { Role, type Actor } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { saveHistoryFixture } from '../helpers/history-fixtures.js';
import { REPRODUCED, replayOfTestRun } from '../helpers/replay-test-run.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';

const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const otherUnit: Actor = { userId: 'handler.agri', role: Role.Handler, unitId: 'agri' };

describe('directive workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `directive-${randomUUID()}`;
  const recorded: Array<LedgerStep<DirectiveState>> = [];

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      recordDirectiveStep: (step: LedgerStep<DirectiveState>) => {
        recorded.push(step);
        return Promise.resolve();
      },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const start = async (id: string) => {
    const input: IssueDirectiveInput = {
      id,
      title: 'title',
      body: 'body',
      assigneeUnitId: 'amr',
      context: { actor: supervisor, requestId: `req-${id}` },
    };
    return env.client.workflow.start('directiveWorkflow', {
      workflowId: directiveWorkflowId(id),
      taskQueue,
      args: [input],
    });
  };
  const stepsOf = (id: string) => recorded.filter((s) => s.caseId === id);

  it('records the issue step, then the acknowledgement, and completes with the final state', async () => {
    const handle = await start('DB-2026-000101');
    const issued = await handle.executeUpdate(directiveIssuedUpdate, { args: [handler] });
    expect(issued).toMatchObject({ status: 'issued', sequence: 1, allowedSteps: ['acknowledge'] });
    expect(stepsOf('DB-2026-000101')).toHaveLength(1);

    const view = await handle.executeUpdate(acknowledgeDirectiveUpdate, {
      args: [{ context: { actor: handler, requestId: 'req-ack' }, note: 'ok' }],
    });
    expect(view).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'handler.amr',
      note: 'ok',
      allowedSteps: [],
    });
    const final = await handle.result();
    expect(final.status).toBe('acknowledged');

    const steps = stepsOf('DB-2026-000101');
    expect(steps.map((s) => [s.sequence, s.action, s.requestId])).toEqual([
      [1, 'issue', 'req-DB-2026-000101'],
      [2, 'acknowledge', 'req-ack'],
    ]);
    // One payload per step (decision 0017): the state after only; the ledger knows the state before.
    expect(steps[1]).not.toHaveProperty('stateBefore');
    expect(steps[1].stateAfter.status).toBe('acknowledged');
    expect(steps[1].workflowId).toBe('directive/DB-2026-000101');
    // The audit's replay verification reproduces every step of the run.
    expect(await replayOfTestRun(handle, steps)).toMatchObject(REPRODUCED);
    await saveHistoryFixture(handle, 'directive-issue-acknowledge');
  });

  it('rejects an acknowledgement from another unit in the validator, leaving no trace in history or ledger', async () => {
    const handle = await start('DB-2026-000102');
    await handle.executeUpdate(directiveIssuedUpdate, { args: [supervisor] });
    const attempt = handle.executeUpdate(acknowledgeDirectiveUpdate, {
      args: [{ context: { actor: otherUnit, requestId: 'r' }, note: null }],
    });
    await expect(attempt).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(attempt).rejects.toMatchObject({ cause: { type: 'directive.not-assignee' } });
    const state = await handle.query(directiveStateQuery, otherUnit);
    expect(state).toMatchObject({ status: 'issued', sequence: 1, allowedSteps: [] });
    expect(stepsOf('DB-2026-000102')).toHaveLength(1);
    const history = await handle.fetchHistory();
    const rejectedUpdates =
      history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
    expect(rejectedUpdates).toHaveLength(1); // only the issued-update was accepted
    await saveHistoryFixture(handle, 'directive-foreign-acknowledgement-refused');
  });

  it('waits for its acknowledgement across any amount of time without timing out', async () => {
    const handle = await start('DB-2026-000103');
    await handle.executeUpdate(directiveIssuedUpdate, { args: [supervisor] });
    await env.sleep('90 days');
    const state = await handle.query(directiveStateQuery, handler);
    expect(state.allowedSteps).toEqual(['acknowledge']);
    await handle.executeUpdate(acknowledgeDirectiveUpdate, {
      args: [{ context: { actor: handler, requestId: 'late' }, note: null }],
    });
    expect((await handle.result()).status).toBe('acknowledged');
    await saveHistoryFixture(handle, 'directive-acknowledged-after-90-days');
  });
});
