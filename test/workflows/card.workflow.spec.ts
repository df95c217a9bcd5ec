import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { computeDeadline } from '../../libs/calendar/src/domain/deadline.js';
import { planCardLevel, type CardLadderPolicy } from '../../libs/cards/src/domain/card-ladder.js';
import { loadCardLadder } from '../../libs/cards/src/card-ladder.loader.js';
import {
  cardStateQuery,
  cardSubjectResolvedSignal,
  cardWorkflowId,
  CardSubjectType,
  joinCardUpdate,
  liftCardUpdate,
  recordSummonsUpdate,
  referAccountabilityUpdate,
  respondToCardUpdate,
  type CardState,
  type CardTrigger,
  withdrawCardUpdate,
} from '../../libs/contracts/src/card.contracts.js';
import { Role, type Actor } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { type NotifyRequest } from '../../libs/contracts/src/notification.contracts.js';
import { eventually } from '../helpers/eventually.js';
import { appendOnce, HeldSteps, untilAccepted } from '../helpers/held-steps.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { localActivityOf, saveHistoryFixture } from '../helpers/history-fixtures.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { dispatchNotificationOn, startDeliveriesOn } from '../helpers/notification-dispatch.js';

const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const leader: Actor = { userId: 'leader.gov', role: Role.Leader, unitId: 'gov' };
const fileRecord = (fileName: string) => ({
  fileName,
  mediaType: 'application/pdf',
  size: 10_240,
  sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
});
const ctx = (actor: Actor, reason?: string) => ({ actor, requestId: `req-${randomUUID()}`, reason });

describe('colour card workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `cards-${randomUUID()}`;
  const table = timeSkippingHolidayTable();
  const defaultLadder = loadCardLadder();
  /** The ladder the worker's planning activity uses; a test may swap in another policy. */
  let ladder: CardLadderPolicy = defaultLadder;
  const steps: Array<LedgerStep<CardState>> = [];
  const notifications: NotifyRequest[] = [];
  /** The notices each recorded step carried (case id and sequence). */
  const noticesByStep = new Map<string, NotifyRequest[]>();
  const held = new HeldSteps();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      // Every notice has an outbound target here: the card starts its delivery in the level's task.
      recordCardStep: async (step: LedgerStep<CardState>, notices: NotifyRequest[] = []) => {
        await held.pass(step);
        appendOnce(steps, step);
        noticesByStep.set(`${step.caseId}:${step.sequence}`, notices);
        return { outbound: notices.length > 0 };
      },
      startDeliveries: startDeliveriesOn(env, taskQueue),
      planCardLevel: ({ level, from }: { level: number; from: string }) =>
        Promise.resolve(planCardLevel(ladder, level, from, table)),
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

  const serverNow = async () => new Date(await env.currentTimeMs()).toISOString();
  const raise = async (startLevel = 0, subjectType = CardSubjectType.OverdueRiskItem) => {
    const trigger: CardTrigger = {
      key: `trigger-${randomUUID()}`,
      unitId: 'amr',
      subject: { type: subjectType, id: `FX-2026-${randomUUID().slice(0, 6)}` },
      reason: 'overdue',
      context: null,
    };
    const plan = planCardLevel(ladder, startLevel, await serverNow(), table);
    const handle = await env.client.workflow.start('cardWorkflow', {
      workflowId: cardWorkflowId(trigger.unitId, trigger.subject),
      taskQueue,
      args: [{ trigger, opening: { id: `KP-2026-${randomUUID().slice(0, 6)}`, repeatOf: null, plan } }],
    });
    const view = await handle.executeUpdate(joinCardUpdate, { args: [trigger] });
    return { handle, trigger, view };
  };
  const actionsOf = (handle: WorkflowHandle) =>
    steps.filter((s) => s.workflowId === handle.workflowId).map((s) => s.action);
  const untilJustAfter = async (iso: string) =>
    env.sleep(Date.parse(iso) - (await env.currentTimeMs()) + 60_000);
  const state = (handle: WorkflowHandle) => handle.query(cardStateQuery, supervisor);

  it('climbs yellow → orange → red at the working-day deadlines of the ladder, and schedules a summons at red', async () => {
    const { handle, view } = await raise();
    expect(view.levels.map((l) => l.colour)).toEqual(['yellow']);
    const yellow = view.levels[0];
    const expectedYellowDue = computeDeadline(
      { from: yellow.reachedAt, amount: 10, unit: 'workdays' },
      table,
    ).dueAt;
    expect(yellow.dueAt).toBe(expectedYellowDue);

    await untilJustAfter(yellow.dueAt);
    const orange = await state(handle);
    expect(orange.levels.map((l) => l.colour)).toEqual(['yellow', 'orange']);
    expect(orange.levels[1].dueAt).toBe(
      computeDeadline({ from: orange.levels[1].reachedAt, amount: 5, unit: 'workdays' }, table).dueAt,
    );
    await eventually(() =>
      expect(notifications.filter((n) => n.caseId === view.id).map((n) => n.audience.roles)).toContainEqual([
        { role: 'unit_head', unitId: 'amr' },
        { role: 'supervisor' },
      ]),
    );

    await untilJustAfter(orange.levels[1].dueAt);
    const red = await state(handle);
    expect(red.levels.map((l) => l.colour)).toEqual(['yellow', 'orange', 'red']);
    expect(red.atTop).toBe(true);
    expect(red.summons?.scheduledFor).toBe(
      computeDeadline({ from: red.levels[2].reachedAt, amount: 3, unit: 'workdays' }, table).dueAt,
    );
    await eventually(() =>
      expect(notifications.filter((n) => n.caseId === view.id).at(-1)?.audience.roles).toContainEqual({
        role: 'leader',
      }),
    );

    await env.sleep('60 days'); // a red card stays red
    expect((await state(handle)).levels).toHaveLength(3);
    expect(actionsOf(handle)).toEqual(['raise', 'escalate', 'escalate']);
    await saveHistoryFixture(handle, 'card-notices-with-the-step');
    // Each level's notice went with the level's record (one transaction), not by a child workflow or an
    // activity round trip; its outbound delivery started in the level's own task.
    const { id } = await state(handle);
    expect([1, 2, 3].map((sequence) => noticesByStep.get(`${id}:${sequence}`)?.map((n) => n.title))).toEqual([
      [expect.stringContaining(id)],
      [expect.stringContaining(id)],
      [expect.stringContaining(id)],
    ]);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toEqual([]);
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect(events.filter((e) => localActivityOf(e) === 'dispatchNotification')).toEqual([]);
    expect(events.filter((e) => localActivityOf(e) === 'startDeliveries')).toHaveLength(3);
    // Here every notification has an outbound target, so each went out in a workflow of its own.
    await saveHistoryFixture(
      env.client.workflow.getHandle(`notification/${handle.workflowId}:1:escalation`),
      'notification-escalation',
    );
  });

  it('stops climbing once its subject is resolved, and is lifted after the unit responds', async () => {
    const { handle, view } = await raise();
    await env.sleep('3 days');
    await handle.signal(cardSubjectResolvedSignal, { resolvedAt: await serverNow() });
    await eventually(async () => expect((await state(handle)).subjectResolved).toBe(true));
    await untilJustAfter(view.levels[0].dueAt);
    expect((await state(handle)).levels).toHaveLength(1);

    await handle.executeUpdate(respondToCardUpdate, { args: [{ context: ctx(handler), text: '整改方案' }] });
    const lifted = await handle.executeUpdate(liftCardUpdate, {
      args: [{ context: ctx(supervisor, '已整改') }],
    });
    expect(lifted).toMatchObject({ status: 'lifted', closedBy: 'supervisor.fso', closeReason: '已整改' });
    expect(actionsOf(handle)).toEqual(['raise', 'subject-resolved', 'respond', 'lift']);
    await saveHistoryFixture(handle, 'card-resolved-lifted');
  });

  describe('the subject-resolved step and a human step race on one card (steps serialised)', () => {
    const respond = (handle: WorkflowHandle) =>
      untilAccepted(() =>
        handle.executeUpdate(respondToCardUpdate, { args: [{ context: ctx(handler), text: '整改方案' }] }),
      );
    /** Both steps on the ledger once each, one after the other, and the card holding both. */
    const expectBothLanded = async (handle: WorkflowHandle, order: string[], raisedSequence: number) => {
      const after = steps.filter((s) => s.workflowId === handle.workflowId && s.sequence > raisedSequence);
      expect(after.map((s) => s.action)).toEqual(order);
      expect(after.map((s) => s.sequence)).toEqual([raisedSequence + 1, raisedSequence + 2]);
      const card = await state(handle);
      expect(card).toMatchObject({ subjectResolved: true, status: 'open', sequence: raisedSequence + 2 });
      expect(card.responses).toHaveLength(1);
      expect(after[1].stateAfter).toMatchObject({ subjectResolved: true });
      expect(after[1].stateAfter.responses).toHaveLength(1);
    };

    it('a response sent while the subject-resolved step is being recorded lands after it', async () => {
      const { handle, view } = await raise();
      const resolving = held.hold(handle.workflowId, 'subject-resolved');
      await handle.signal(cardSubjectResolvedSignal, { resolvedAt: await serverNow() });
      await resolving.entered;
      const responding = respond(handle);
      resolving.release();
      await responding;
      await eventually(async () => expect((await state(handle)).sequence).toBe(view.sequence + 2));
      await expectBothLanded(handle, ['subject-resolved', 'respond'], view.sequence);
    });

    it('a resolution signalled while a response is being recorded lands after it', async () => {
      const { handle, view } = await raise();
      const responding = held.hold(handle.workflowId, 'respond');
      const answered = respond(handle);
      await responding.entered;
      await handle.signal(cardSubjectResolvedSignal, { resolvedAt: await serverNow() });
      responding.release();
      expect((await answered).refused).toBe(0);
      await eventually(async () => expect((await state(handle)).sequence).toBe(view.sequence + 2));
      await expectBothLanded(handle, ['respond', 'subject-resolved'], view.sequence);
    });
  });

  it('refuses to lift while the subject is open', async () => {
    const { handle } = await raise();
    await handle.executeUpdate(respondToCardUpdate, { args: [{ context: ctx(handler), text: '方案' }] });
    await expect(
      handle.executeUpdate(liftCardUpdate, { args: [{ context: ctx(supervisor) }] }),
    ).rejects.toMatchObject({ cause: { type: 'card.subject-open' } });
  });

  it('joins a second trigger for the same unit and subject, once per trigger key', async () => {
    const { handle, trigger } = await raise();
    const second = { ...trigger, key: `${trigger.key}-again`, reason: 'still overdue' };
    await handle.executeUpdate(joinCardUpdate, { args: [second] });
    const again = await handle.executeUpdate(joinCardUpdate, { args: [second] });
    expect(again.triggers.map((t) => t.key)).toEqual([trigger.key, second.key]);
    expect(actionsOf(handle)).toEqual(['raise', 'join']);
    await saveHistoryFixture(handle, 'card-joined');
  });

  it('is withdrawn by a supervisor with a reason, and completes', async () => {
    const { handle } = await raise();
    await expect(
      handle.executeUpdate(withdrawCardUpdate, { args: [{ context: ctx(supervisor) }] }),
    ).rejects.toMatchObject({ cause: { type: 'card.reason-required' } });
    const withdrawn = await handle.executeUpdate(withdrawCardUpdate, {
      args: [{ context: ctx(supervisor, '误触发') }],
    });
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      closedBy: 'supervisor.fso',
      closeReason: '误触发',
    });
    expect(actionsOf(handle)).toEqual(['raise', 'withdraw']);
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
    await saveHistoryFixture(handle, 'card-withdrawn');
  });

  it('records the red card’s summons (who, when, minutes) and closes on the accountability referral', async () => {
    const { handle, view } = await raise(2);
    expect(view.summons).toMatchObject({ leaderRole: 'leader' });
    const minutes = fileRecord('约谈记录.pdf');
    const summons = (actor: Actor, heldAt: string, attendees = ['县长', '县市场监管局局长']) =>
      handle.executeUpdate(recordSummonsUpdate, {
        args: [{ context: ctx(actor), heldAt, attendees, minutes }],
      });
    // Accountability follows the summons, never before it.
    await expect(
      handle.executeUpdate(referAccountabilityUpdate, {
        args: [{ context: ctx(supervisor, '问责'), letter: fileRecord('移送函.pdf') }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'card.summons' } });
    await env.sleep('2 days');
    const heldAt = new Date((await env.currentTimeMs()) - 3_600_000).toISOString();
    await expect(summons(handler, heldAt)).rejects.toMatchObject({ cause: { type: 'card.not-allowed' } });
    const tomorrow = new Date((await env.currentTimeMs()) + 86_400_000).toISOString();
    await expect(summons(leader, tomorrow)).rejects.toMatchObject({ cause: { type: 'card.summons-record' } });
    await expect(summons(leader, heldAt, ['县长', ' '])).rejects.toMatchObject({
      cause: { type: 'card.summons-record' },
    });
    const held = await summons(leader, heldAt);
    expect(held.summons?.held).toMatchObject({
      heldAt,
      attendees: ['县长', '县市场监管局局长'],
      minutes: { sha256: minutes.sha256 },
      recordedBy: 'leader.gov',
    });
    await expect(summons(leader, heldAt)).rejects.toMatchObject({ cause: { type: 'card.summons' } });
    await expect(
      handle.executeUpdate(referAccountabilityUpdate, {
        args: [{ context: ctx(supervisor), letter: fileRecord('移送函.pdf') }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'card.reason-required' } });
    const referred = await handle.executeUpdate(referAccountabilityUpdate, {
      args: [{ context: ctx(supervisor, '约谈后仍未整改'), letter: fileRecord('移送函.pdf') }],
    });
    expect(referred).toMatchObject({
      status: 'accountability-referred',
      accountability: {
        referredTo: 'discipline-inspection',
        reason: '约谈后仍未整改',
        referredBy: 'supervisor.fso',
      },
      closedBy: 'supervisor.fso',
    });
    expect(actionsOf(handle)).toEqual(['raise', 'record-summons', 'refer-accountability']);
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
    await saveHistoryFixture(handle, 'card-summons-accountability');
  });

  it('starts one level higher when the raiser says the unit had a recent card', async () => {
    const { handle, view } = await raise(1);
    expect(view.levels.map((l) => l.colour)).toEqual(['orange']);
    await saveHistoryFixture(handle, 'card-repeat-start-orange');
  });

  it.each([
    ['yellow/red only', ['yellow', 'red']],
    ['blue/yellow/red', ['blue', 'yellow', 'red']],
  ])('follows another ladder when the policy says so (%s)', async (_name, colours) => {
    ladder = {
      ...defaultLadder,
      version: `test-${colours.join('-')}`,
      levels: colours.map((colour, i) => ({
        ...defaultLadder.levels[Math.min(i, defaultLadder.levels.length - 1)],
        colour,
        nameZh: `${colour}牌`,
      })),
    };
    try {
      const { handle } = await raise();
      for (let i = 1; i < colours.length; i++) {
        const current = await state(handle);
        await untilJustAfter(current.levels.at(-1)!.dueAt);
      }
      const top = await state(handle);
      expect(top.levels.map((l) => l.colour)).toEqual(colours);
      expect(top.atTop).toBe(true);
      expect(top.policyVersion).toBe(ladder.version);
    } finally {
      ladder = defaultLadder;
    }
  });
});
