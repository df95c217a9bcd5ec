import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import {
  notificationWorkflowId,
  type NotifyRequest,
} from '../../libs/contracts/src/notification.contracts.js';
import {
  assignRiskItemUpdate,
  riskItemRegisteredUpdate,
  riskItemStateQuery,
  riskItemWorkflowId,
  RiskGrade,
  RiskSource,
  type PlanDeadlineRequest,
  type RiskItemState,
} from '../../libs/contracts/src/risk-item.contracts.js';
import { planRiskItemDeadline } from '../../libs/risk-items/src/domain/risk-item-policy.js';
import { loadRiskItemPolicy } from '../../libs/risk-items/src/risk-item-policy.loader.js';
import { eventually } from '../helpers/eventually.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { dispatchNotificationOn, startDeliveriesOn } from '../helpers/notification-dispatch.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { ctx, handler, supervisor } from '../helpers/step-context.js';

/**
 * A run's history of this many events is due to continue as new. A run looks at its length after each
 * step it takes once registered, so the first run takes the assignment (whose notification cannot be
 * delivered) and is due right after it.
 */
const HISTORY_LIMIT = 10;

/**
 * Decision 0017: a case continues as new when its history is long, with its clocks, and a webhook
 * receiver that never answers cannot hold it: its notification is delivered (and retried) beside it.
 */
describe('continue-as-new (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `continue-as-new-${randomUUID()}`;
  const steps: Array<LedgerStep<RiskItemState>> = [];
  const deliveryAttempts: NotifyRequest[] = [];
  const table = timeSkippingHolidayTable();
  const policy = loadRiskItemPolicy();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      // Every notice has an outbound target (the webhook below): the item starts its delivery.
      recordRiskItemStep: (
        step: LedgerStep<RiskItemState>,
        _escalation: unknown,
        notices: NotifyRequest[] = [],
      ) => {
        steps.push(step);
        return Promise.resolve({ outbound: notices.length > 0 });
      },
      startDeliveries: startDeliveriesOn(env, taskQueue),
      planRiskItemDeadline: (request: PlanDeadlineRequest) =>
        Promise.resolve(planRiskItemDeadline(policy, request.purpose, request.grade, request.from, table)),
      notifyInbox: () => Promise.resolve({ recipients: 1 }),
      // The receiver never answers: the webhook channel's timeout turns each attempt into a failure.
      deliverOutbound: (request: NotifyRequest) => {
        deliveryAttempts.push(request);
        return Promise.reject(new Error('the receiver did not answer'));
      },
      dispatchNotification: dispatchNotificationOn(env, taskQueue),
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  it('continues as new at once, with the same clocks, while a notification is still being retried', async () => {
    const id = `FX-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const workflowId = riskItemWorkflowId(id);
    const handle = await env.client.workflow.start('riskItemWorkflow', {
      workflowId,
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
          historyLimit: HISTORY_LIMIT,
        },
      ],
    });
    const firstRunId = handle.firstExecutionRunId;
    await handle.executeUpdate(riskItemRegisteredUpdate, { args: [handler] });
    expect((await handle.describe()).runId).toBe(firstRunId);

    const assigned = await handle.executeUpdate(assignRiskItemUpdate, {
      args: [{ context: ctx(supervisor), responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' }],
    });
    const deadline = assigned.deadline!;
    const assignedKey = `${workflowId}:${assigned.sequence}:assigned`;

    // No time is skipped: the first run ends as soon as the assignment is handed over, although its
    // receiver keeps failing (a run that waited for it would wait through a day of retries).
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRunId));
    await eventually(() => expect(deliveryAttempts.map((r) => r.key)).toContain(assignedKey));
    const delivery = await env.client.workflow
      .getHandle(notificationWorkflowId({ key: assignedKey }))
      .describe();
    expect(delivery.status.name).toBe('RUNNING');
    const firstRun = await env.client.workflow.getHandle(workflowId, firstRunId).describe();
    expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');

    // The next run holds the same state and clocks, and its timers fire when the first run's would have.
    const continued = await handle.query(riskItemStateQuery, supervisor);
    expect(continued).toMatchObject({ status: 'assigned', sequence: assigned.sequence, deadline });
    await env.sleep(Date.parse(deadline.dueAt) - (await env.currentTimeMs()) + 60_000);
    const timerSteps = steps.filter((s) => s.workflowId === workflowId && s.sequence > assigned.sequence);
    expect(timerSteps.map((s) => s.action)).toEqual(['reminder', 'overdue']);
    // Each run after the first continues as new after its own step too (the limit is carried over).
    expect(timerSteps.map((s) => s.runId)).not.toContain(firstRunId);
    // At their instants by the workflow clock (a new run's timer may start a moment after its instant's offset).
    const firedAfter = (step: LedgerStep<RiskItemState>, instant: string) =>
      Date.parse(step.occurredAt) - Date.parse(instant);
    expect(firedAfter(timerSteps[0], deadline.reminderAt!)).toBeGreaterThanOrEqual(0);
    expect(firedAfter(timerSteps[0], deadline.reminderAt!)).toBeLessThan(60_000);
    expect(firedAfter(timerSteps[1], deadline.dueAt)).toBeGreaterThanOrEqual(0);
    expect(firedAfter(timerSteps[1], deadline.dueAt)).toBeLessThan(60_000);
  });
});
