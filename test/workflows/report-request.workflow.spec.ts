import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { Role, type Actor } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { type NotifyRequest } from '../../libs/contracts/src/notification.contracts.js';
import {
  ReportRequestKind,
  reportRequestStateQuery,
  ReportRequestStatus,
  reportRequestWorkflowId,
  submitReportUpdate,
  type BulletinSummary,
  type MonthlyDispatchResult,
  type ReportCardEffect,
  type ReportRequestOpening,
  type ReportRequestState,
} from '../../libs/contracts/src/reporting.contracts.js';
import { eventually } from '../helpers/eventually.js';
import { HeldSteps, untilAccepted } from '../helpers/held-steps.js';
import { saveHistoryFixture } from '../helpers/history-fixtures.js';
import { REPRODUCED, replayOfTestRun } from '../helpers/replay-test-run.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { dispatchNotificationOn } from '../helpers/notification-dispatch.js';

const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const ctx = (actor: Actor) => ({ actor, requestId: `req-${randomUUID()}` });
const DAY = 86_400_000;

describe('report request workflow (月调度) on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `reporting-${randomUUID()}`;
  const steps: Array<{ step: LedgerStep<ReportRequestState>; card: ReportCardEffect }> = [];
  const notifications: NotifyRequest[] = [];
  /** What the stubbed planning activity returns for the next dispatch run. */
  let planned: ReportRequestOpening[] = [];
  const bulletinRequests: Array<{ at: string; runKey: string }> = [];
  const held = new HeldSteps();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      recordReportRequestStep: async (step: LedgerStep<ReportRequestState>, card: ReportCardEffect) => {
        await held.pass(step);
        if (!steps.some((s) => s.step.workflowId === step.workflowId && s.step.sequence === step.sequence))
          steps.push({ step, card });
      },
      planMonthlyDispatch: () => Promise.resolve(planned),
      generateQuarterlyBulletin: (request: { at: string; runKey: string }): Promise<BulletinSummary> => {
        bulletinRequests.push(request);
        return Promise.resolve({
          id: 'TB-2023-Q1-1',
          quarter: '2023-Q1',
          cutoff: request.at,
          laggingUnits: [],
        });
      },
      notifyInbox: (request: NotifyRequest) => {
        notifications.push(request);
        return Promise.resolve({ recipients: 1 });
      },
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

  /** A request due `dueInDays` from now on the server's clock, reminded a day before. */
  const opening = async (
    dueInDays: number,
    reminderDaysBefore: number | null = 1,
  ): Promise<ReportRequestOpening> => {
    const now = await env.currentTimeMs();
    const id = `BS-2023-02-amr-a${randomUUID().slice(0, 6)}`;
    return {
      id,
      kind: ReportRequestKind.MonthlyReport,
      unitId: 'amr',
      actionNo: 5,
      deliverableId: null,
      title: { zh: '2023-02 月调度', en: 'Monthly dispatch 2023-02' },
      period: { label: '2023-02', from: '2023-02-01', to: '2023-02-28' },
      planVersion: 1,
      indicators: [
        { id: 'a5-rural-shops-standard', nameZh: '农村食品经营店规范化率', measure: 'percent' },
        { id: 'a5-demo-streets', nameZh: '示范街数量', measure: 'count' },
      ],
      deadline: {
        dueAt: new Date(now + dueInDays * DAY).toISOString(),
        reminderAt:
          reminderDaysBefore === null
            ? null
            : new Date(now + (dueInDays - reminderDaysBefore) * DAY).toISOString(),
        rule: { en: 'test', zh: '测试' },
        policyVersion: 'test',
      },
    };
  };
  /** Results are awaited through a plain client: awaiting through env.client would unlock time skipping. */
  const resultOf = <T>(handle: WorkflowHandle) =>
    new Client({ connection: env.connection, namespace: env.namespace }).workflow
      .getHandle(handle.workflowId)
      .result() as Promise<T>;
  const actionsOf = (handle: WorkflowHandle) =>
    steps.filter((s) => s.step.workflowId === handle.workflowId).map((s) => [s.step.action, s.card]);
  /**
   * Starts a request and waits until its first steps are done (announced, or for a request opened past
   * its due date, missed): a query or update reaching the test server while the first workflow task is
   * still in flight leaves time skipping locked.
   */
  const open = async (o: ReportRequestOpening) => {
    const handle = await env.client.workflow.start('reportRequestWorkflow', {
      workflowId: reportRequestWorkflowId(o.id),
      taskQueue,
      args: [{ opening: o }],
    });
    const openedLate = Date.parse(o.deadline.dueAt) <= (await env.currentTimeMs());
    await eventually(() =>
      openedLate
        ? expect(actionsOf(handle).map(([action]) => action)).toContain('missed')
        : expect(notifications.filter((n) => n.caseId === o.id).map((n) => n.kind)).toContain('assigned'),
    );
    return handle;
  };
  const state = (handle: WorkflowHandle) => handle.query(reportRequestStateQuery, supervisor);
  const goodValues = [
    { indicatorId: 'a5-rural-shops-standard', value: 62.5 },
    { indicatorId: 'a5-demo-streets', value: 1 },
  ];
  const submit = (handle: WorkflowHandle, values = goodValues) =>
    handle.executeUpdate(submitReportUpdate, {
      args: [{ context: ctx(handler), values, progress: '已完成排查', problems: '无' }],
    });

  it('submitted in time: recorded, nothing escalates, the workflow completes', async () => {
    const handle = await open(await opening(5));
    expect((await state(handle)).status).toBe(ReportRequestStatus.Open);
    const view = await submit(handle);
    expect(view.status).toBe(ReportRequestStatus.Submitted);
    expect(view.submission).toMatchObject({ values: goodValues, late: false, submittedBy: 'handler.amr' });
    expect((await resultOf<ReportRequestState>(handle)).status).toBe(ReportRequestStatus.Submitted);
    expect(actionsOf(handle)).toEqual([
      ['open', null],
      ['submit', null],
    ]);
    await saveHistoryFixture(handle, 'report-request-submitted');
  });

  it('refuses out-of-range values and another unit, naming the field; nothing changes', async () => {
    const handle = await open(await opening(5));
    await expect(
      submit(handle, [{ indicatorId: 'a5-rural-shops-standard', value: 130 }, goodValues[1]]),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const refused = await submit(handle, [
      { indicatorId: 'a5-rural-shops-standard', value: 130 },
      goodValues[1],
    ]).catch((err: WorkflowUpdateFailedError) => err.cause);
    expect(refused).toMatchObject({
      type: 'report-request.invalid-values',
      message: expect.stringContaining('values[0].value'),
    });
    const otherUnit = await handle
      .executeUpdate(submitReportUpdate, {
        args: [
          { context: ctx({ ...handler, unitId: 'agri' }), values: goodValues, progress: '', problems: '' },
        ],
      })
      .catch((err: WorkflowUpdateFailedError) => err.cause);
    expect(otherUnit).toMatchObject({ type: 'report-request.not-your-unit' });
    expect(await state(handle)).toMatchObject({
      status: ReportRequestStatus.Open,
      sequence: 1,
      submission: null,
    });
    expect(actionsOf(handle)).toEqual([['open', null]]);
    await handle.terminate('test over');
  });

  it('reminded before the due date, missed after it (a card is raised), then answered late (the card subject resolves)', async () => {
    const handle = await open(await opening(5));
    await env.sleep('4 days');
    await env.sleep('1 hour');
    expect(await state(handle)).toMatchObject({ status: ReportRequestStatus.Open, reminded: true });
    await eventually(() =>
      expect(
        notifications.filter((n) => n.caseId === handle.workflowId.split('/')[1]).map((n) => n.kind),
      ).toEqual(['assigned', 'reminder']),
    );
    await env.sleep('1 day');
    expect(await state(handle)).toMatchObject({ status: ReportRequestStatus.Missed, cardRaised: true });
    const late = await submit(handle);
    expect(late.submission?.late).toBe(true);
    await resultOf(handle);
    expect(actionsOf(handle)).toEqual([
      ['open', null],
      ['reminder', null],
      ['missed', 'raise'],
      ['submit-late', 'resolve'],
    ]);
    // The audit's replay verification reproduces every step of the run.
    const recorded = steps.filter((s) => s.step.workflowId === handle.workflowId).map((s) => s.step);
    expect(await replayOfTestRun(handle, recorded)).toMatchObject(REPRODUCED);
    await saveHistoryFixture(handle, 'report-request-reminded-missed-late');
  });

  it('a request opened after its due date (a backfilled past month) is missed at once, without a card', async () => {
    const handle = await open(await opening(-30, null));
    expect(await state(handle)).toMatchObject({
      status: ReportRequestStatus.Missed,
      openedLate: true,
      cardRaised: false,
    });
    expect(notifications.filter((n) => n.caseId === handle.workflowId.split('/')[1])).toEqual([]);
    expect(actionsOf(handle)).toEqual([
      ['open', null],
      ['missed', null],
    ]);
    await submit(handle);
    expect(actionsOf(handle).at(-1)).toEqual(['submit-late', null]);
    await resultOf(handle);
  });

  it('the monthly dispatch opens each planned request once: a re-run for the same instant finds them open', async () => {
    planned = [await opening(5), await opening(5)];
    const at = '2023-03-01T00:00:00.000Z';
    const first = env.client.workflow.getHandle(
      (
        await env.client.workflow.start('monthlyDispatchWorkflow', {
          workflowId: `dispatch-${randomUUID()}`,
          taskQueue,
          args: [{ at }],
        })
      ).workflowId,
    );
    const result = await resultOf<MonthlyDispatchResult>(first);
    expect(result).toEqual({
      at,
      period: '2023-02',
      opened: planned.map((o) => o.id),
      alreadyOpen: [],
      nothingOpenedBecause: null,
    });
    const again = await env.client.workflow.start('monthlyDispatchWorkflow', {
      workflowId: `dispatch-${randomUUID()}`,
      taskQueue,
      args: [{ at }],
    });
    expect((await resultOf<MonthlyDispatchResult>(again)).alreadyOpen).toEqual(planned.map((o) => o.id));
    const child = env.client.workflow.getHandle(reportRequestWorkflowId(planned[0].id));
    expect((await state(child)).planVersion).toBe(1);
    await saveHistoryFixture(first, 'monthly-dispatch');
    for (const o of planned)
      await env.client.workflow.getHandle(reportRequestWorkflowId(o.id)).terminate('test over');
  });

  it('the quarterly bulletin run takes its period from the instant it stands for', async () => {
    const handle = await env.client.workflow.start('quarterlyBulletinWorkflow', {
      workflowId: `bulletin-${randomUUID()}`,
      taskQueue,
      args: [{ at: '2023-04-20T00:00:00.000Z' }],
    });
    await resultOf(handle);
    expect(bulletinRequests.at(-1)).toEqual({
      at: '2023-04-20T00:00:00.000Z',
      runKey: `${handle.workflowId}/${handle.firstExecutionRunId}`,
    });
    await saveHistoryFixture(handle, 'quarterly-bulletin');
  });

  // Last in this file: an update reaching the test server while a workflow task is in flight may leave
  // time skipping locked, and no later test may depend on it.
  it('a submission sent while the missed step is being recorded lands after it, late, once (steps serialised)', async () => {
    // Opened past its due date (a backfilled month), it is missed in its first moments: no time needs skipping.
    const o = await opening(-1, null);
    const missing = held.hold(reportRequestWorkflowId(o.id), 'missed');
    const handle = await env.client.workflow.start('reportRequestWorkflow', {
      workflowId: reportRequestWorkflowId(o.id),
      taskQueue,
      args: [{ opening: o }],
    });
    await missing.entered;
    const submitting = untilAccepted(() => submit(handle));
    missing.release();
    const { answer } = await submitting;
    expect(answer).toMatchObject({ status: ReportRequestStatus.Submitted });
    expect(answer.submission?.late).toBe(true);
    const final = await resultOf<ReportRequestState>(handle);
    const recorded = steps.filter((s) => s.step.workflowId === handle.workflowId);
    expect(recorded.map((s) => [s.step.sequence, s.step.action])).toEqual([
      [1, 'open'],
      [2, 'missed'],
      [3, 'submit-late'],
    ]);
    expect(recorded[2].step.stateAfter).toEqual(final);
    expect(final).toMatchObject({ status: ReportRequestStatus.Submitted, sequence: 3 });
  });
});
