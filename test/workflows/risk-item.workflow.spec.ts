import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { isLocalDayEnd, resumeDayEndDeadline } from '../../libs/calendar/src/domain/day-end.js';
import { Role } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { NotificationKind, type NotifyRequest } from '../../libs/contracts/src/notification.contracts.js';
import {
  assignRiskItemUpdate,
  cancelRiskItemUpdate,
  markCriminalThresholdUpdate,
  replanRiskItemUpdate,
  resumeRiskItemUpdate,
  riskItemReferralSignal,
  riskItemRegisteredUpdate,
  riskItemStateQuery,
  riskItemWorkflowId,
  RiskGrade,
  RiskSource,
  startRectificationUpdate,
  submitRectificationUpdate,
  suspendRiskItemUpdate,
  verifyRectificationUpdate,
  type EscalationEvent,
  type PlanDeadlineRequest,
  type RiskItemState,
} from '../../libs/contracts/src/risk-item.contracts.js';
import { planAtTheEdge, planRiskItemDeadline } from '../../libs/risk-items/src/domain/risk-item-policy.js';
import { loadRiskItemPolicy } from '../../libs/risk-items/src/risk-item-policy.loader.js';
import { WORKFLOW_STACK_FRAMES } from '../../scripts/bundle-workflows.js';
import { eventually } from '../helpers/eventually.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { localActivityOf, saveHistoryFixture } from '../helpers/history-fixtures.js';
import { REPRODUCED, replayOfTestRun } from '../helpers/replay-test-run.js';
import { dispatchNotificationOn } from '../helpers/notification-dispatch.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { ctx, handler, supervisor } from '../helpers/step-context.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('risk item workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `risk-items-${randomUUID()}`;
  const steps: Array<{
    step: LedgerStep<RiskItemState>;
    escalation: EscalationEvent | null;
    notices: NotifyRequest[];
  }> = [];
  const notifications: NotifyRequest[] = [];
  const table = timeSkippingHolidayTable();
  const policy = loadRiskItemPolicy();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      // No outbound target here: the record's inbox rows are all a notice needs (pushed as the inbox).
      recordRiskItemStep: (
        step: LedgerStep<RiskItemState>,
        escalation: EscalationEvent | null,
        notices: NotifyRequest[] = [],
      ) => {
        steps.push({ step, escalation, notices });
        notifications.push(...notices);
        return Promise.resolve({ outbound: false });
      },
      planRiskItemDeadline: (request: PlanDeadlineRequest) =>
        Promise.resolve(planRiskItemDeadline(policy, request.purpose, request.grade, request.from, table)),
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

  const register = async (grade = RiskGrade.General, reopenOf: string | null = null) => {
    const id = `FX-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const handle = await env.client.workflow.start('riskItemWorkflow', {
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
            grade,
            reopenOf,
            context: ctx(handler),
          },
        },
      ],
    });
    await handle.executeUpdate(riskItemRegisteredUpdate, { args: [handler] });
    return handle;
  };
  const assign = (handle: WorkflowHandle) =>
    handle.executeUpdate(assignRiskItemUpdate, {
      args: [{ context: ctx(supervisor), responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' }],
    });
  /**
   * The result without the time-skipping client's auto-unlock: awaiting a result through env.client unlocks
   * time skipping, which here fast-forwarded every other open item of this file by years.
   */
  const finalState = (handle: WorkflowHandle) =>
    new Client({ connection: env.connection, namespace: env.namespace }).workflow
      .getHandle(handle.workflowId)
      .result() as Promise<RiskItemState>;
  const actions = (handle: WorkflowHandle) =>
    steps.filter((s) => s.step.workflowId === handle.workflowId).map((s) => s.step.action);
  const stepsOf = (handle: WorkflowHandle) => steps.filter((s) => s.step.workflowId === handle.workflowId);
  const kinds = (handle: WorkflowHandle) =>
    notifications.filter((n) => n.key.startsWith(`${handle.workflowId}:`)).map((n) => n.kind);
  // The test server's clock, not this process's: time skipping moves only the server's.
  const untilJustAfter = async (iso: string) =>
    env.sleep(Date.parse(iso) - (await env.currentTimeMs()) + 60_000);

  it('reminds the unit before the deadline, then marks the item overdue and raises an escalation event', async () => {
    const handle = await register(RiskGrade.Critical);
    const assigned = await assign(handle);
    const deadline = assigned.deadline!;
    expect(deadline.rule.en).toContain('3 working days');
    expect(deadline.reminderAt).not.toBeNull();

    await untilJustAfter(deadline.reminderAt!);
    expect(actions(handle)).toEqual(['register', 'assign', 'reminder']);
    await eventually(() =>
      expect(kinds(handle)).toEqual([NotificationKind.Assigned, NotificationKind.Reminder]),
    );
    expect((await handle.query(riskItemStateQuery, supervisor)).overdue).toBe(false);

    await untilJustAfter(deadline.dueAt);
    const state = await handle.query(riskItemStateQuery, supervisor);
    expect(state).toMatchObject({ overdue: true, status: 'assigned' });
    const overdue = stepsOf(handle).find((s) => s.step.action === 'overdue')!;
    expect(overdue.step.actor).toMatchObject({ userId: 'system', role: 'system' });
    expect(overdue.escalation).toMatchObject({
      caseId: state.id,
      unitId: 'amr',
      reason: 'risk-item-overdue',
    });
    await eventually(() => expect(kinds(handle)).toContain(NotificationKind.Overdue));
    const overdueNotice = notifications.find(
      (n) => n.kind === NotificationKind.Overdue && n.caseId === state.id,
    )!;
    expect(overdueNotice.audience.roles).toEqual(
      expect.arrayContaining([{ role: Role.UnitHead, unitId: 'amr' }, { role: Role.Supervisor }]),
    );
    expect(overdueNotice.audience.userIds).toEqual(['handler.amr']);
    // Each notice went with its step's record (one transaction) and had no outbound target: no
    // activity after the assignment's answer and no second local activity in a clock's task, so a
    // burst of clocks costs one each.
    expect(
      stepsOf(handle)
        .filter((s) => s.notices.length > 0)
        .map((s) => [s.step.action, s.notices.map((n) => n.kind)]),
    ).toEqual([
      ['assign', [NotificationKind.Assigned]],
      ['reminder', [NotificationKind.Reminder]],
      ['overdue', [NotificationKind.Overdue]],
    ]);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect(events.map(localActivityOf).filter((type) => type !== undefined)).toEqual([
      'recordRiskItemStep',
      'planRiskItemDeadline',
      'recordRiskItemStep',
      'recordRiskItemStep',
      'recordRiskItemStep',
    ]);
    await saveHistoryFixture(handle, 'risk-item-notices-with-the-step');
  });

  it('sends a rejected rectification back with a new deadline, then closes on acceptance', async () => {
    const handle = await register();
    const first = await assign(handle);
    await handle.executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] });
    await env.sleep('2 days');
    await handle.executeUpdate(submitRectificationUpdate, {
      args: [{ context: ctx(handler), measures: 'm', evidence: [] }],
    });
    const rejected = await handle.executeUpdate(verifyRectificationUpdate, {
      args: [{ context: ctx(supervisor, '仍有问题'), result: 'rejected' }],
    });
    expect(rejected).toMatchObject({ status: 'rectifying', round: 2, overdue: false });
    // A new period from the rejection, by the calendar: started on a Friday (or before a holiday), both
    // periods can end on the same working day, so "later" would depend on the day the test runs.
    const rejectedAt = stepsOf(handle).at(-1)!.step.occurredAt;
    expect(stepsOf(handle).at(-1)!.step.action).toBe('reject');
    expect(rejected.deadline!.dueAt).toBe(
      planRiskItemDeadline(policy, 'rectification', RiskGrade.General, rejectedAt, table).dueAt,
    );
    expect(Date.parse(rejected.deadline!.dueAt)).toBeGreaterThanOrEqual(Date.parse(first.deadline!.dueAt));
    await eventually(() => expect(kinds(handle)).toContain(NotificationKind.Returned));

    await handle.executeUpdate(submitRectificationUpdate, {
      args: [{ context: ctx(handler), measures: 'm2', evidence: [] }],
    });
    await handle.executeUpdate(verifyRectificationUpdate, {
      args: [{ context: ctx(supervisor), result: 'accepted' }],
    });
    const final = await finalState(handle);
    expect(final.status).toBe('closed');
    expect(final.verifications.map((v) => v.result)).toEqual(['rejected', 'accepted']);
    expect(actions(handle)).toEqual([
      'register',
      'assign',
      'start-rectification',
      'submit-rectification',
      'reject',
      'submit-rectification',
      'accept',
    ]);
    // The audit's replay verification reproduces every step of the run.
    const recorded = stepsOf(handle).map((s) => s.step);
    expect(await replayOfTestRun(handle, recorded)).toMatchObject(REPRODUCED);
    await saveHistoryFixture(handle, 'risk-item-reject-then-accept');
  });

  it('stops the clock while suspended and keeps the remaining time on resume', async () => {
    const handle = await register(RiskGrade.Major);
    const assigned = await assign(handle);
    const originalDue = Date.parse(assigned.deadline!.dueAt);
    await env.sleep('1 day');
    const suspended = await handle.executeUpdate(suspendRiskItemUpdate, {
      args: [{ context: ctx(supervisor, '等待检测结果') }],
    });
    const remaining = suspended.suspension!.remainingMs;
    expect(remaining).toBe(originalDue - Date.parse(suspended.suspension!.since));

    await env.sleep('30 days'); // far past the original deadline
    expect(actions(handle)).not.toContain('overdue');
    const resumed = await handle.executeUpdate(resumeRiskItemUpdate, {
      args: [{ context: ctx(supervisor) }],
    });
    const resumedAt = stepsOf(handle).at(-1)!.step.occurredAt;
    expect(resumed.status).toBe('assigned');
    // The deadline ended at 24:00, so the resumed one does too: the whole days left, from the resume day.
    expect(isLocalDayEnd(assigned.deadline!.dueAt)).toBe(true);
    expect(resumed.deadline!.dueAt).toBe(
      resumeDayEndDeadline(assigned.deadline!.dueAt, suspended.suspension!.since, resumedAt).dueAt,
    );
    expect(isLocalDayEnd(resumed.deadline!.dueAt)).toBe(true);
    expect(resumed.deadline!.rule.en).toContain('remaining time kept');

    await untilJustAfter(resumed.deadline!.dueAt);
    expect((await handle.query(riskItemStateQuery, supervisor)).overdue).toBe(true);
    await saveHistoryFixture(handle, 'risk-item-suspend-resume-overdue');
  });

  it('reminds supervisors when a submission is not verified in time', async () => {
    const handle = await register();
    await assign(handle);
    await handle.executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] });
    const submitted = await handle.executeUpdate(submitRectificationUpdate, {
      args: [{ context: ctx(handler), measures: 'm', evidence: [] }],
    });
    expect(
      Date.parse(submitted.verificationDueAt!) - Date.parse(steps.at(-1)!.step.occurredAt),
    ).toBeGreaterThan(9 * DAY);
    await untilJustAfter(submitted.verificationDueAt!);
    expect(actions(handle)).toContain('verification-overdue');
    await saveHistoryFixture(handle, 'risk-item-verification-overdue');
    await eventually(() =>
      expect(kinds(handle).filter((k) => k === NotificationKind.VerificationDue)).toHaveLength(2),
    );
  });

  it('cancels only with a reason, and only by a supervisor; a cancelled item completes', async () => {
    const handle = await register();
    const withoutReason = handle.executeUpdate(cancelRiskItemUpdate, {
      args: [{ context: ctx(supervisor) }],
    });
    await expect(withoutReason).rejects.toMatchObject({ cause: { type: 'risk-item.reason-required' } });
    const byHandler = handle.executeUpdate(cancelRiskItemUpdate, { args: [{ context: ctx(handler, 'x') }] });
    await expect(byHandler).rejects.toMatchObject({ cause: { type: 'risk-item.not-allowed' } });
    await handle.executeUpdate(cancelRiskItemUpdate, { args: [{ context: ctx(supervisor, '重复登记') }] });
    const final = await finalState(handle);
    expect(final).toMatchObject({ status: 'cancelled', cancelReason: '重复登记' });
    expect(actions(handle)).toEqual(['register', 'cancel']);
    await saveHistoryFixture(handle, 'risk-item-cancel');
  });

  it('closes an item over the criminal threshold only once a referral is linked (以罚代刑 guard)', async () => {
    const handle = await register(RiskGrade.Critical);
    await assign(handle);
    await handle.executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] });
    await handle.executeUpdate(submitRectificationUpdate, {
      args: [{ context: ctx(handler), measures: 'm', evidence: [] }],
    });
    const marked = await handle.executeUpdate(markCriminalThresholdUpdate, {
      args: [{ context: ctx(handler, '涉嫌生产销售有毒有害食品') }],
    });
    expect(marked.criminalThreshold).toMatchObject({ markedBy: 'handler.amr' });
    const accept = () =>
      handle.executeUpdate(verifyRectificationUpdate, {
        args: [{ context: ctx(supervisor), result: 'accepted' }],
      });
    await expect(accept()).rejects.toMatchObject({ cause: { type: 'risk-item.referral-required' } });

    const link = {
      referralId: 'YS-2026-000001',
      status: 'refused' as const,
      // The head found the threshold met and refused anyway: 以罚代刑, flagged at the close.
      reason: '已作罚款处理',
      thresholdMet: true,
      at: '2026-11-28T00:00:00Z',
    };
    await handle.signal(riskItemReferralSignal, link);
    await handle.signal(riskItemReferralSignal, link); // a retried activity's repeat changes nothing
    await eventually(async () =>
      expect((await handle.query(riskItemStateQuery, supervisor)).referral).toEqual(link),
    );
    await accept();
    const final = await finalState(handle);
    expect(final).toMatchObject({ status: 'closed', administrativeOnly: true });
    expect(actions(handle)).toEqual([
      'register',
      'assign',
      'start-rectification',
      'submit-rectification',
      'mark-criminal-threshold',
      'referral-refused',
      'accept',
    ]);
    await saveHistoryFixture(handle, 'risk-item-criminal-threshold-referral');
  });

  it('records a reopened item as a new item linked to the closed one', async () => {
    const handle = await register(RiskGrade.General, 'FX-2026-000001');
    const state = await handle.query(riskItemStateQuery, supervisor);
    expect(state.reopenOf).toBe('FX-2026-000001');
    expect(actions(handle)).toEqual(['reopen']);
    await saveHistoryFixture(handle, 'risk-item-reopen');
  });

  it('keeps an error raised in workflow code to the bundle stack frames, mapped to its source (decision 0025)', async () => {
    const handle = await register();
    const refused = await handle
      .executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const frames = ((refused as WorkflowUpdateFailedError).cause?.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '));
    // V8's default would also show the step gate's validator, which called rejectStep.
    expect(frames).toHaveLength(WORKFLOW_STACK_FRAMES);
    const [, file, line] = /\((\/.+\/workflows\/shared\/reject-step\.ts):(\d+):\d+\)$/.exec(frames[1]) ?? [];
    expect(readFileSync(file, 'utf8').split('\n')[Number(line) - 1]).toContain('ApplicationFailure.create(');
  });

  it('lets exactly one of two concurrent assignments through', async () => {
    const handle = await register();
    const results = await Promise.allSettled([assign(handle), assign(handle)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(actions(handle).filter((a) => a === 'assign')).toHaveLength(1);
    await saveHistoryFixture(handle, 'risk-item-concurrent-assign');
  });

  it('re-plans the deadline with a reason: to an explicit instant, then from the current policy', async () => {
    const handle = await register();
    await assign(handle);
    const dueAt = new Date((await env.currentTimeMs()) + 40 * 86_400_000).toISOString();
    await expect(
      handle.executeUpdate(replanRiskItemUpdate, { args: [{ context: ctx(supervisor), dueAt }] }),
    ).rejects.toMatchObject({ cause: { type: 'risk-item.reason-required' } });
    const explicit = await handle.executeUpdate(replanRiskItemUpdate, {
      args: [{ context: ctx(supervisor, '等检测结果'), dueAt }],
    });
    expect(explicit.deadline?.dueAt).toBe(dueAt);
    const fromPolicy = await handle.executeUpdate(replanRiskItemUpdate, {
      args: [{ context: ctx(supervisor, '按现行政策重算'), dueAt: null }],
    });
    expect(fromPolicy.deadline?.dueAt).not.toBe(dueAt);
    expect(actions(handle)).toEqual(['register', 'assign', 'replan', 'replan']);
    await saveHistoryFixture(handle, 'risk-item-replan');
  });
  it('takes a deadline the API planned on the step’s own day without a local activity, and plans one from another day itself', async () => {
    // 10:00 Asia/Shanghai on the test server's clock, so the step falls on the day the plan was made.
    const nowMs = await env.currentTimeMs();
    await env.sleep(DAY - ((nowMs + 8 * HOUR - 10 * HOUR) % DAY));
    const handle = await register(RiskGrade.Major);
    const plannedAt = new Date(await env.currentTimeMs()).toISOString();
    const planned = planAtTheEdge(policy, 'rectification', RiskGrade.Major, plannedAt, table)!;
    const assigned = await handle.executeUpdate(assignRiskItemUpdate, {
      args: [{ context: ctx(supervisor), responsibleUnitId: 'amr', responsibleUserId: null, planned }],
    });
    const assignedAt = stepsOf(handle).find((s) => s.step.action === 'assign')!.step.occurredAt;
    expect(assigned.deadline).toEqual(
      planRiskItemDeadline(policy, 'rectification', RiskGrade.Major, assignedAt, table),
    );
    await handle.executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] });

    // A plan made the day before (a request that crossed midnight) is planned again by the workflow.
    const yesterday = new Date((await env.currentTimeMs()) - DAY).toISOString();
    const submitted = await handle.executeUpdate(submitRectificationUpdate, {
      args: [
        {
          context: ctx(handler),
          measures: 'm',
          evidence: [],
          planned: planAtTheEdge(policy, 'verification', RiskGrade.Major, yesterday, table),
        },
      ],
    });
    const submittedAt = stepsOf(handle).find((s) => s.step.action === 'submit-rectification')!.step
      .occurredAt;
    expect(submitted.verificationDueAt).toBe(
      planRiskItemDeadline(policy, 'verification', RiskGrade.Major, submittedAt, table).dueAt,
    );
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.map(localActivityOf).filter((type) => type !== undefined)).toEqual([
      'recordRiskItemStep',
      'recordRiskItemStep',
      'recordRiskItemStep',
      'planRiskItemDeadline',
      'recordRiskItemStep',
    ]);
  });
  it('keeps the clock’s timer armed across a step that leaves its instant alone', async () => {
    const handle = await register();
    await assign(handle);
    const timers = async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      return {
        started: events.filter((e) => e.timerStartedEventAttributes).length,
        cancelled: events.filter((e) => e.timerCanceledEventAttributes).length,
      };
    };
    // The assignment armed the reminder; starting the rectification leaves it where it was.
    expect(await timers()).toEqual({ started: 1, cancelled: 0 });
    await handle.executeUpdate(startRectificationUpdate, { args: [{ context: ctx(handler) }] });
    expect(await timers()).toEqual({ started: 1, cancelled: 0 });
    // A submission moves the clock to the verification deadline: the reminder's timer goes.
    await handle.executeUpdate(submitRectificationUpdate, {
      args: [{ context: ctx(handler), measures: 'm', evidence: [] }],
    });
    expect(await timers()).toEqual({ started: 2, cancelled: 1 });
  });
});
