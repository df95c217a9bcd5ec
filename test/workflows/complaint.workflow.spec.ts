import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import {
  ComplaintCategory,
  ComplaintClock,
  ComplaintOutcomeKind,
  complaintReceivedUpdate,
  complaintStateQuery,
  complaintStepUpdate,
  ComplaintStep,
  complaintWorkflowId,
  RetaliationKind,
  type ComplaintEscalation,
  type ComplaintState,
  type ComplaintStepInput,
  type ComplaintView,
  type PlanComplaintClockRequest,
} from '../../libs/contracts/src/complaint.contracts.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { type NotifyRequest } from '../../libs/contracts/src/notification.contracts.js';
import { loadComplaintPolicy } from '../../libs/complaints/src/complaint-policy.loader.js';
import { planComplaintClock } from '../../libs/complaints/src/domain/complaint-policy.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { saveHistoryFixture } from '../helpers/history-fixtures.js';
import { REPRODUCED, replayOfTestRun } from '../helpers/replay-test-run.js';
import { dispatchNotificationOn } from '../helpers/notification-dispatch.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { ctx, handler, head, supervisor } from '../helpers/step-context.js';

describe('complaint workflow: the statutory clocks of complaints and reports (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `complaints-${randomUUID()}`;
  const steps: Array<{ step: LedgerStep<ComplaintState>; escalation: ComplaintEscalation | null }> = [];
  const notifications: NotifyRequest[] = [];
  const table = timeSkippingHolidayTable();
  const policy = loadComplaintPolicy();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      recordComplaintStep: (step: LedgerStep<ComplaintState>, escalation: ComplaintEscalation | null) => {
        steps.push({ step, escalation });
        return Promise.resolve();
      },
      planComplaintClock: (request: PlanComplaintClockRequest) =>
        Promise.resolve(planComplaintClock(policy, request.clock, request.from, table)),
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

  const receive = async (category: ComplaintCategory, named: boolean, insider = false) => {
    const id = `TJ-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const handle = await env.client.workflow.start('complaintWorkflow', {
      workflowId: complaintWorkflowId(id),
      taskQueue,
      args: [
        {
          received: {
            id,
            category,
            unitId: 'amr',
            actionNo: 6,
            business: { name: '路口烧烤摊', creditCode: null, address: null },
            groupKey: 'name:路口烧烤摊',
            what: '后厨使用过期食材',
            occurredOn: null,
            place: null,
            evidence: [],
            named,
            traceable: true,
            pseudonym: '举报人-TEST01',
            insider,
            employer: insider ? '路口烧烤摊' : null,
            requestId: 'req-intake',
          },
        },
      ],
    });
    const view = await handle.executeUpdate(complaintReceivedUpdate, { args: [handler] });
    return { handle, view };
  };
  const take = (handle: WorkflowHandle, step: ComplaintStep, input: Omit<ComplaintStepInput, 'requestId'>) =>
    handle.executeUpdate(complaintStepUpdate, {
      args: [step, { ...input, requestId: input.context?.requestId ?? 'req-reporter' }],
    });
  const stepsOf = (handle: WorkflowHandle) => steps.filter((s) => s.step.workflowId === handle.workflowId);
  const actions = (handle: WorkflowHandle) => stepsOf(handle).map((s) => s.step.action);
  const untilJustAfter = async (iso: string) =>
    env.sleep(Date.parse(iso) - (await env.currentTimeMs()) + 60_000);
  const openClock = (view: ComplaintView | ComplaintState, clock: ComplaintClock) =>
    view.clocks.find((c) => c.clock === clock && c.stoppedAt === null)!;
  const finalState = (handle: WorkflowHandle) =>
    new Client({ connection: env.connection, namespace: env.namespace }).workflow
      .getHandle(handle.workflowId)
      .result() as Promise<ComplaintState>;

  it('a complaint must be accepted within 7 working days: reminder, then overdue with a card; a late step ends it', async () => {
    const { handle, view } = await receive(ComplaintCategory.Complaint, true);
    const acceptance = openClock(view, ComplaintClock.Acceptance);
    expect(acceptance).toMatchObject(
      planComplaintClock(policy, ComplaintClock.Acceptance, view.receivedAt, table),
    );
    expect(acceptance.rule.en).toContain('C art. 14');
    expect(acceptance.rule.zh).toContain('《市场监督管理投诉举报处理暂行办法》第十四条');

    await untilJustAfter(acceptance.reminderAt!);
    expect(actions(handle)).toEqual(['receive', 'clock-reminder:acceptance']);
    await untilJustAfter(acceptance.dueAt);
    expect(actions(handle)).toEqual(['receive', 'clock-reminder:acceptance', 'clock-expired:acceptance']);
    const expired = stepsOf(handle)[2];
    expect(expired.escalation).toMatchObject({ unitId: 'amr', reason: 'complaint-clock-expired:acceptance' });
    expect(expired.step.stateAfter.overdue).toBe(true);
    // The receipt is the reporter's step; timers are the engine's.
    expect(stepsOf(handle)[0].step.actor).toMatchObject({ userId: 'reporter' });
    expect(expired.step.actor).toMatchObject({ userId: 'system' });

    const accepted = await take(handle, ComplaintStep.Accept, { context: ctx(handler) });
    expect(accepted.status).toBe('accepted');
    expect(accepted.clocks.every((c) => c.stoppedAt !== null)).toBe(true);
    await take(handle, ComplaintStep.Decide, {
      context: ctx(handler),
      reason: '经调解达成一致',
      outcome: { kind: ComplaintOutcomeKind.Closed, ref: null, substantiated: true },
    });
    const decided = await handle.query(complaintStateQuery, handler);
    // A named complainant must be told within 5 working days of the decision (C art. 31).
    const notice = openClock(decided, ComplaintClock.OutcomeNotice);
    expect(notice).toMatchObject(
      planComplaintClock(policy, ComplaintClock.OutcomeNotice, decided.outcome!.decidedAt, table),
    );
    await untilJustAfter(notice.dueAt);
    expect(actions(handle).slice(-2)).toEqual([
      'clock-reminder:outcome-notice',
      'clock-expired:outcome-notice',
    ]);
    await take(handle, ComplaintStep.InformReporter, { context: ctx(handler) });
    await take(handle, ComplaintStep.Close, { context: ctx(handler), reason: '已办结' });
    const final = await finalState(handle);
    expect(final).toMatchObject({ status: 'closed', overdue: true });
    await saveHistoryFixture(handle, 'complaint-acceptance-overdue-notice-late');
  });

  it('a report is verified within 15 working days, 30 with recorded approval, and then runs out', async () => {
    const { handle, view } = await receive(ComplaintCategory.Report, false);
    const verification = openClock(view, ComplaintClock.Verification);
    expect(verification.dueAt).toBe(
      planComplaintClock(policy, ComplaintClock.Verification, view.receivedAt, table).dueAt,
    );
    await expect(
      take(handle, ComplaintStep.ExtendVerification, { context: ctx(handler), reason: '需要检测' }),
    ).rejects.toMatchObject({ cause: { type: 'complaint.forbidden' } });
    const extended = await take(handle, ComplaintStep.ExtendVerification, {
      context: ctx(head),
      reason: '需要送检',
    });
    const longer = openClock(extended, ComplaintClock.VerificationExtended);
    // Counted from receipt: 15 + 15 working days.
    expect(longer.dueAt).toBe(
      planComplaintClock(policy, ComplaintClock.VerificationExtended, view.receivedAt, table).dueAt,
    );
    expect(extended.extension).toMatchObject({ approvedBy: 'head.amr', reason: '需要送检' });
    await expect(
      take(handle, ComplaintStep.ExtendVerification, { context: ctx(head), reason: 'again' }),
    ).rejects.toMatchObject({ cause: { type: 'complaint.already-extended' } });

    await untilJustAfter(verification.dueAt);
    expect(actions(handle)).toEqual(['receive', 'extend-verification']);
    await untilJustAfter(longer.dueAt);
    expect(actions(handle)).toEqual([
      'receive',
      'extend-verification',
      'clock-reminder:verification-extended',
      'clock-expired:verification-extended',
    ]);
    // Anonymous: nobody to tell, so the decision concludes it at once.
    const decided = await take(handle, ComplaintStep.Decide, {
      context: ctx(handler),
      reason: '未发现违法行为',
      outcome: { kind: ComplaintOutcomeKind.Closed, ref: null, substantiated: false },
    });
    expect(decided.status).toBe('concluded');
    expect(decided.clocks.some((c) => c.clock === ComplaintClock.OutcomeNotice)).toBe(false);
    await take(handle, ComplaintStep.Close, { context: ctx(handler), reason: '不属实' });
    expect((await finalState(handle)).status).toBe('closed');
    // The audit's replay verification reproduces every step of the run.
    const recorded = stepsOf(handle).map((s) => s.step);
    expect(await replayOfTestRun(handle, recorded)).toMatchObject(REPRODUCED);
    await saveHistoryFixture(handle, 'complaint-report-extended-overdue');
  });

  it('asks the reporter, takes the answer, and raises a card when an insider meets retaliation', async () => {
    const { handle } = await receive(ComplaintCategory.Report, true, true);
    await take(handle, ComplaintStep.Ask, { context: ctx(handler), question: '具体时间？' });
    const answered = await take(handle, ComplaintStep.Answer, {
      context: null,
      questionId: 1,
      answer: '每晚十点后',
    });
    expect(answered.questions[0]).toMatchObject({ answer: '每晚十点后' });
    expect(stepsOf(handle).at(-1)!.step.actor).toMatchObject({ userId: 'reporter', role: 'reporter' });
    await take(handle, ComplaintStep.RecordRetaliation, {
      context: ctx(supervisor),
      retaliation: { kind: RetaliationKind.Dismissal, description: '举报后被辞退', occurredOn: '2026-11-20' },
    });
    expect(stepsOf(handle).at(-1)!.escalation).toMatchObject({
      unitId: 'amr',
      reason: 'complaint-retaliation:dismissal',
    });
    await take(handle, ComplaintStep.Decide, {
      context: ctx(handler),
      reason: '属实，移送',
      outcome: { kind: ComplaintOutcomeKind.Transferred, ref: '县卫生健康委员会', substantiated: true },
    });
    await take(handle, ComplaintStep.InformReporter, { context: ctx(handler) });
    await take(handle, ComplaintStep.Close, { context: ctx(handler), reason: '已移送' });
    expect((await finalState(handle)).retaliation).toHaveLength(1);
  });
});
