import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { CardSignals } from '../../libs/cards/src/card-signals.service.js';
import { loadCardLadder } from '../../libs/cards/src/card-ladder.loader.js';
import { planCardLevel } from '../../libs/cards/src/domain/card-ladder.js';
import { cardOpened } from '../../libs/cards/src/domain/card.rules.js';
import {
  cardStateQuery,
  cardWorkflowId,
  CardSubjectType,
  type CardOpened,
  type CardOpeningRequest,
  type CardState,
  type CardSubject,
  type CardTrigger,
} from '../../libs/contracts/src/card.contracts.js';
import { STEP_FAILED } from '../../libs/contracts/src/incident.contracts.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import {
  LeadSource,
  ReferralCategory,
  referralWorkflowId,
  type PlanReferralClockRequest,
  type ReferralEscalation,
  type ReferralState,
} from '../../libs/contracts/src/referral.contracts.js';
import {
  assignRiskItemUpdate,
  replanRiskItemUpdate,
  riskItemRegisteredUpdate,
  riskItemStateQuery,
  riskItemWorkflowId,
  RiskGrade,
  RiskSource,
  type EscalationEvent,
  type PlanDeadlineRequest,
  type RiskItemState,
} from '../../libs/contracts/src/risk-item.contracts.js';
import { AppConfig } from '../../libs/platform/src/config/app-config.js';
import { CaseSignals } from '../../libs/platform/src/temporal/case-signals.service.js';
import { planReferralClock } from '../../libs/referrals/src/domain/referral-policy.js';
import { tellOthersOfReferralStep } from '../../libs/referrals/src/referral.activities.js';
import { loadReferralPolicy } from '../../libs/referrals/src/referral-policy.loader.js';
import { planRiskItemDeadline } from '../../libs/risk-items/src/domain/risk-item-policy.js';
import { tellCardOfRiskItemStep } from '../../libs/risk-items/src/risk-item.activities.js';
import { loadRiskItemPolicy } from '../../libs/risk-items/src/risk-item-policy.loader.js';
import { eventually } from '../helpers/eventually.js';
import { saveHistoryFixture } from '../helpers/history-fixtures.js';
import { REPRODUCED, replayOfTestRun } from '../helpers/replay-test-run.js';
import { dataErrorStepFailure } from '../helpers/step-failures.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { dispatchNotificationOn } from '../helpers/notification-dispatch.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { ctx, handler, supervisor } from '../helpers/step-context.js';

/**
 * Decision 0015: cases reach each other only by signals, so no activity waits on another workflow.
 * The worker here has ONE activity slot: an activity that waited for the card (whose own activities
 * need that slot) would freeze it at the first overdue item. The recording doubles send the same
 * effects as the real activities (the shared `tell…` functions), through the real signal sender.
 */
describe('effects on other cases go by signal, never by a waiting activity (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let cards: CardSignals;
  let signals: CaseSignals;
  const taskQueue = `cross-case-${randomUUID()}`;
  const table = timeSkippingHolidayTable();
  const ladder = loadCardLadder();
  const riskPolicy = loadRiskItemPolicy();
  const referralPolicy = loadReferralPolicy();
  const cardSteps: Array<LedgerStep<CardState>> = [];
  let cardNumber = 0;
  /** Units whose card opening waits until the test lets it go (to race a resolution against it). */
  const heldOpenings = new Map<string, Promise<void>>();
  /** Subjects whose card opening fails for good, as the worker's interceptor reports a data error. */
  const refusedOpenings = new Set<string>();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    signals = new CaseSignals(env.client, Object.assign(new AppConfig(), { TEMPORAL_TASK_QUEUE: taskQueue }));
    // No unit here is the county government: the unit lookup finds none and every trigger is sent.
    cards = new CardSignals(signals, { query: () => Promise.resolve([]) } as unknown as DataSource);
    worker = await createTestWorker(
      env,
      taskQueue,
      {
        recordRiskItemStep: (step: LedgerStep<RiskItemState>, escalation: EscalationEvent | null) =>
          tellCardOfRiskItemStep(cards, step, escalation),
        planRiskItemDeadline: (request: PlanDeadlineRequest) =>
          Promise.resolve(
            planRiskItemDeadline(riskPolicy, request.purpose, request.grade, request.from, table),
          ),
        recordReferralStep: (step: LedgerStep<ReferralState>, escalation: ReferralEscalation | null) =>
          tellOthersOfReferralStep(cards, signals, step, escalation, referralPolicy),
        planReferralClock: (request: PlanReferralClockRequest) =>
          Promise.resolve(planReferralClock(referralPolicy, request.clock, request.from, table)),
        recordCardStep: (step: LedgerStep<CardState>) => {
          cardSteps.push(step);
          return Promise.resolve();
        },
        // The real activity's opening, with a counter for the number and no database.
        openCardWithItsRecord: async ({ origin, trigger }: CardOpeningRequest): Promise<CardOpened> => {
          await heldOpenings.get(trigger.unitId);
          if (refusedOpenings.has(trigger.subject.id))
            throw dataErrorStepFailure(`incident-${trigger.subject.id}`);
          cardNumber += 1;
          const { state, step } = cardOpened(origin, trigger, {
            id: `KP-2026-${String(cardNumber).padStart(6, '0')}`,
            repeatOf: null,
            plan: planCardLevel(ladder, 0, origin.at, table),
          });
          cardSteps.push(step);
          return { state, outbound: false };
        },
        planCardLevel: ({ level, from }: { level: number; from: string }) =>
          Promise.resolve(planCardLevel(ladder, level, from, table)),
        notifyInbox: () => Promise.resolve({ recipients: 1 }),
        deliverOutbound: () => Promise.resolve({ delivered: 0 }),
        dispatchNotification: dispatchNotificationOn(env, taskQueue),
      },
      { maxConcurrentActivityTaskExecutions: 1 },
    );
    running = worker.run();
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
  });

  const card = (unitId: string, subject: CardSubject) =>
    env.client.workflow.getHandle(cardWorkflowId(unitId, subject));
  const cardStepsOf = (handle: WorkflowHandle) => cardSteps.filter((s) => s.workflowId === handle.workflowId);
  const cardActions = (handle: WorkflowHandle) => cardStepsOf(handle).map((s) => s.action);
  /** Result without the time-skipping client's auto-unlock, which would fast-forward the other cases. */
  const resultOf = (handle: WorkflowHandle) =>
    new Client({ connection: env.connection, namespace: env.namespace }).workflow
      .getHandle(handle.workflowId)
      .result();
  const trigger = (unitId: string, subject: CardSubject, key = `k-${randomUUID()}`): CardTrigger => ({
    key,
    unitId,
    subject,
    reason: 'test trigger',
    context: null,
  });
  const subject = (): CardSubject => ({ type: CardSubjectType.MissedReport, id: `SB-${randomUUID()}` });

  const register = async (id: string) => {
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
            business: { name: 'n', creditCode: '91350100M000100Y43', address: 'a', townshipId: 't' },
            description: 'd',
            grade: RiskGrade.General,
            reopenOf: null,
            context: ctx(handler),
          },
        },
      ],
    });
    await handle.executeUpdate(riskItemRegisteredUpdate, { args: [handler] });
    return handle;
  };

  it('raises the cards of risk items that fall overdue at the same instant, on a worker with one activity slot', async () => {
    const ids = [1, 2, 3].map((n) => `FX-2026-${String(n).padStart(3, '0')}${randomUUID().slice(0, 3)}`);
    const dueAt = new Date((await env.currentTimeMs()) + 3_600_000).toISOString();
    const items = await Promise.all(ids.map(register));
    for (const item of items) {
      await item.executeUpdate(assignRiskItemUpdate, {
        args: [{ context: ctx(supervisor), responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' }],
      });
      await item.executeUpdate(replanRiskItemUpdate, {
        args: [{ context: ctx(supervisor, '统一期限'), dueAt }],
      });
    }
    await env.sleep('2 hours');

    for (const id of ids) {
      const handle = card('amr', { type: CardSubjectType.OverdueRiskItem, id });
      await eventually(() => expect(cardActions(handle)).toEqual(['raise']));
      const raised = await handle.query(cardStateQuery, supervisor);
      expect(raised).toMatchObject({
        status: 'open',
        unitId: 'amr',
        subject: { id },
        levels: [{ colour: 'yellow' }],
      });
      expect(raised.triggers).toHaveLength(1);
      expect(raised.triggers[0].key).toMatch(/:overdue$/);
    }
    // The audit replays a card a clock raised, its opening (recorded by the opening activity) included.
    const first = card('amr', { type: CardSubjectType.OverdueRiskItem, id: ids[0] });
    expect(await replayOfTestRun(first, cardStepsOf(first))).toMatchObject(REPRODUCED);
    for (const item of items) expect((await item.query(riskItemStateQuery, supervisor)).overdue).toBe(true);
  });

  it('joins the same card when a trigger is sent twice (a retried activity), once per key', async () => {
    const about = subject();
    const first = trigger('agri', about, 'retried-key');
    await cards.raise(first);
    await cards.raise(first);
    const handle = card('agri', about);
    await eventually(() => expect(cardActions(handle)).toEqual(['raise']));
    await cards.raise(trigger('agri', about, 'second-key'));
    await eventually(() => expect(cardActions(handle)).toEqual(['raise', 'join']));
    const joined = await handle.query(cardStateQuery, supervisor);
    expect(joined.triggers.map((t) => t.key)).toEqual(['retried-key', 'second-key']);
    expect(new Set(cardStepsOf(handle).map((s) => s.caseId)).size).toBe(1);
    expect(await replayOfTestRun(handle, cardStepsOf(handle))).toMatchObject(REPRODUCED);
    await saveHistoryFixture(handle, 'card-opened-with-its-record-join');
  });

  it('does not lose a resolution sent while the card is still being opened', async () => {
    const about = subject();
    let release = () => {};
    heldOpenings.set('police', new Promise<void>((resolve) => (release = resolve)));
    await cards.raise(trigger('police', about));
    await cards.resolveSubject('police', about, new Date(await env.currentTimeMs()).toISOString());
    release();
    const handle = card('police', about);
    await eventually(() => expect(cardActions(handle)).toEqual(['raise', 'subject-resolved']));
    expect(await handle.query(cardStateQuery, supervisor)).toMatchObject({
      status: 'open',
      subjectResolved: true,
    });
    heldOpenings.delete('police');
    await saveHistoryFixture(handle, 'card-opened-with-its-record-resolved-while-opening');
  });

  it('ends a card whose opening fails for good with the typed failure, with no card recorded', async () => {
    const about = subject();
    refusedOpenings.add(about.id);
    await cards.raise(trigger('fso', about));
    const handle = card('fso', about);
    const failure = await resultOf(handle).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((failure as Error).cause).toMatchObject({ type: STEP_FAILED });
    expect(cardActions(handle)).toEqual([]);
  });

  it('ends without a card when a resolution comes for a subject that never had one', async () => {
    const about = subject();
    await cards.resolveSubject('fso', about, new Date(await env.currentTimeMs()).toISOString());
    const handle = card('fso', about);
    await expect(resultOf(handle)).resolves.toBeNull();
    expect(cardActions(handle)).toEqual([]);
    await saveHistoryFixture(handle, 'card-resolution-without-card');
  });

  it('links a referral recorded from a risk item to that item', async () => {
    const itemId = `FX-2026-9${randomUUID().slice(0, 5)}`;
    const item = await register(itemId);
    const referralId = `YS-2026-${randomUUID().slice(0, 6)}`;
    await env.client.workflow.start('referralWorkflow', {
      workflowId: referralWorkflowId(referralId),
      taskQueue,
      args: [
        {
          lead: {
            id: referralId,
            source: LeadSource.RiskItem,
            sourceRef: itemId,
            actionNo: 5,
            category: ReferralCategory.FoodDrug,
            summary: '疑似生产销售有毒有害食品',
            requiredDossier: referralPolicy.requiredDossier,
            context: ctx(handler),
          },
        },
      ],
    });
    await eventually(async () =>
      expect((await item.query(riskItemStateQuery, supervisor)).referral).toMatchObject({
        referralId,
        status: 'recorded',
      }),
    );
  });
});
