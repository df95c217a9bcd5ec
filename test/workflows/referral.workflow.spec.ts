import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { type Worker } from '@temporalio/worker';
import { Role } from '../../libs/contracts/src/identity.js';
import { type LedgerStep } from '../../libs/contracts/src/ledger.js';
import { NotificationKind, type NotifyRequest } from '../../libs/contracts/src/notification.contracts.js';
import {
  LeadSource,
  ReferralCategory,
  ReferralClock,
  ReferralDocumentKind,
  referralRecordedUpdate,
  referralStateQuery,
  referralStepUpdate,
  ReferralStep,
  referralWorkflowId,
  type PlanReferralClockRequest,
  type ReferralEscalation,
  type ReferralState,
  type ReferralStepInput,
  type ReferralView,
} from '../../libs/contracts/src/referral.contracts.js';
import { planReferralClock } from '../../libs/referrals/src/domain/referral-policy.js';
import { loadReferralPolicy } from '../../libs/referrals/src/referral-policy.loader.js';
import { eventually } from '../helpers/eventually.js';
import { timeSkippingHolidayTable } from '../helpers/holiday-table.js';
import { saveHistoryFixture } from '../helpers/history-fixtures.js';
import { REPRODUCED, replayOfTestRun } from '../helpers/replay-test-run.js';
import { FULL_DOSSIER, referralDoc } from '../helpers/referral-fixtures.js';
import { dispatchNotificationOn } from '../helpers/notification-dispatch.js';
import { createTestWorker, startTimeSkippingEnv } from '../helpers/time-skipping.js';
import { ctx, handler, head, police } from '../helpers/step-context.js';

const auditor = { userId: 'auditor.discipline', role: Role.Auditor, unitId: 'discipline' };

const D = ReferralDocumentKind;

describe('referral workflow (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `referrals-${randomUUID()}`;
  const steps: Array<{ step: LedgerStep<ReferralState>; escalation: ReferralEscalation | null }> = [];
  const notifications: NotifyRequest[] = [];
  const table = timeSkippingHolidayTable();
  const policy = loadReferralPolicy();

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    worker = await createTestWorker(env, taskQueue, {
      recordReferralStep: (step: LedgerStep<ReferralState>, escalation: ReferralEscalation | null) => {
        steps.push({ step, escalation });
        return Promise.resolve();
      },
      planReferralClock: (request: PlanReferralClockRequest) =>
        Promise.resolve(planReferralClock(policy, request.clock, request.from, table)),
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

  const recordLead = async (category = ReferralCategory.FoodDrug) => {
    const id = `YS-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const handle = await env.client.workflow.start('referralWorkflow', {
      workflowId: referralWorkflowId(id),
      taskQueue,
      args: [
        {
          lead: {
            id,
            source: LeadSource.Inspection,
            sourceRef: 'JC-2026-0042',
            actionNo: 5,
            category,
            summary: '疑似生产销售有毒有害食品',
            requiredDossier: policy.requiredDossier,
            context: ctx(handler),
          },
        },
      ],
    });
    await handle.executeUpdate(referralRecordedUpdate, { args: [handler] });
    return handle;
  };
  const take = (
    handle: WorkflowHandle,
    step: ReferralStep,
    input: ReferralStepInput,
  ): Promise<ReferralView> => handle.executeUpdate(referralStepUpdate, { args: [step, input] });
  const finalState = (handle: WorkflowHandle) =>
    new Client({ connection: env.connection, namespace: env.namespace }).workflow
      .getHandle(handle.workflowId)
      .result() as Promise<ReferralState>;
  const stepsOf = (handle: WorkflowHandle) => steps.filter((s) => s.step.workflowId === handle.workflowId);
  const actions = (handle: WorkflowHandle) => stepsOf(handle).map((s) => s.step.action);
  const untilJustAfter = async (iso: string) =>
    env.sleep(Date.parse(iso) - (await env.currentTimeMs()) + 60_000);
  const openClock = (view: ReferralView, clock: ReferralClock) =>
    view.clocks.find((c) => c.clock === clock && c.stoppedAt === null)!;

  /** Lead → team → report → approval → transfer → receipt, each step in time. */
  const upToReceipt = async (handle: WorkflowHandle) => {
    await take(handle, ReferralStep.FormTeam, {
      context: ctx(handler),
      officers: ['handler.amr', 'head.amr'],
    });
    const reported = await take(handle, ReferralStep.SubmitReport, {
      context: ctx(handler),
      document: referralDoc(D.WrittenReport),
    });
    expect(openClock(reported, ReferralClock.Decision).rule.en).toContain('R art. 5');
    const approved = await take(handle, ReferralStep.Decide, { context: ctx(head), approved: true });
    expect(openClock(approved, ReferralClock.Transfer).rule.en).toContain('24 hours');
    await take(handle, ReferralStep.Transfer, { context: ctx(handler), documents: FULL_DOSSIER });
    return take(handle, ReferralStep.Receive, { context: ctx(police) });
  };

  it('runs the filed path: decision, transfer, receipt, filing, notice, handover; no clock runs out', async () => {
    const handle = await recordLead();
    const received = await upToReceipt(handle);
    expect(received.status).toBe('received');
    const filingClock = openClock(received, ReferralClock.FilingDecisionFoodDrug);
    expect(filingClock).toMatchObject({ party: 'police', basis: 'F', sure: 'S' });
    expect(openClock(received, ReferralClock.IncompleteNotice).onExpiry).toBe('close-window');

    await env.sleep('2 days');
    const decided = await take(handle, ReferralStep.DecideFiling, { context: ctx(police), filed: true });
    expect(decided.status).toBe('decided');
    await take(handle, ReferralStep.SendNotice, { context: ctx(police), document: referralDoc(D.Notice) });
    const handedOver = await take(handle, ReferralStep.HandOver, {
      context: ctx(handler),
      documents: [referralDoc(D.HandoverList)],
    });
    // The referral follows the criminal case after the handover, until it ends.
    expect(handedOver).toMatchObject({ status: 'handed-over', closedAt: null });
    await take(handle, ReferralStep.ConcludeCriminalCase, {
      context: ctx(head, '已判决'),
      document: referralDoc(D.ProcuratorateDocument),
    });
    const final = await finalState(handle);
    expect(final).toMatchObject({
      status: 'closed',
      outcome: 'criminal-case-concluded',
      overdue: false,
      administrativeOnly: false,
    });
    expect(final.clocks.every((c) => c.stoppedAt !== null)).toBe(true);
    // The incomplete-file window closed after 24 h without escalating anything.
    expect(actions(handle)).toEqual([
      'record-lead',
      'form-team',
      'submit-report',
      'decide',
      'transfer',
      'receive',
      'clock-expired:incomplete-notice',
      'decide-filing',
      'send-notice',
      'hand-over',
      'conclude-criminal-case',
    ]);
    expect(stepsOf(handle).every((s) => s.escalation === null)).toBe(true);
    await eventually(() =>
      expect(
        notifications.some(
          (n) => n.caseId === final.id && n.audience.roles?.[0]?.role === Role.PoliceLiaison,
        ),
      ).toBe(true),
    );
    // The audit's replay verification reproduces every step of the run.
    const recorded = stepsOf(handle).map((s) => s.step);
    expect(await replayOfTestRun(handle, recorded)).toMatchObject(REPRODUCED);
    await saveHistoryFixture(handle, 'referral-filed-concluded');
  });

  it('records a reasoned refusal below the threshold unflagged; an auditor’s finding reopens and flags it', async () => {
    const handle = await recordLead();
    await take(handle, ReferralStep.FormTeam, {
      context: ctx(handler),
      officers: ['handler.amr', 'head.amr'],
    });
    await take(handle, ReferralStep.SubmitReport, {
      context: ctx(handler),
      document: referralDoc(D.WrittenReport),
    });
    await expect(
      take(handle, ReferralStep.Decide, { context: ctx(head), approved: false, thresholdMet: false }),
    ).rejects.toMatchObject({
      cause: { type: 'referral.reason-required' },
    });
    await expect(
      take(handle, ReferralStep.Decide, { context: ctx(handler, 'x'), approved: false }),
    ).rejects.toMatchObject({
      cause: { type: 'referral.not-allowed' },
    });
    await expect(
      take(handle, ReferralStep.Decide, { context: ctx(head, '涉案金额未达追诉标准'), approved: false }),
    ).rejects.toMatchObject({ cause: { type: 'referral.threshold-assessment-required' } });
    await take(handle, ReferralStep.Decide, {
      context: ctx(head, '涉案金额未达追诉标准'),
      approved: false,
      thresholdMet: false,
    });
    const final = await finalState(handle);
    expect(final).toMatchObject({
      status: 'refused',
      outcome: 'refused-by-head',
      administrativeOnly: false,
      decision: { approved: false, reason: '涉案金额未达追诉标准', thresholdMet: false },
    });
    // The run has ended; a finding starts a new run from the refused state (update-with-start).
    await env.sleep('10 days');
    const reopened = await env.client.workflow.executeUpdateWithStart(referralStepUpdate, {
      args: [
        ReferralStep.RecordRefusalFinding,
        {
          context: ctx(auditor, '检验结论已达追诉标准'),
          foundBy: 'auditor',
          document: referralDoc(D.Finding),
        },
      ],
      startWorkflowOperation: new WithStartWorkflowOperation('referralWorkflow', {
        workflowId: handle.workflowId,
        workflowIdConflictPolicy: 'USE_EXISTING',
        taskQueue,
        args: [{ reopened: final }],
      }),
    });
    expect(reopened).toMatchObject({ status: 'awaiting-decision', administrativeOnly: true, closedAt: null });
    const decisionClock = openClock(reopened, ReferralClock.Decision);
    expect(decisionClock.startedAt).toBe(reopened.refusalFindings?.[0].at);
    // The head now has 3 days again; letting them pass escalates against the referring unit.
    const reopenedHandle = env.client.workflow.getHandle(handle.workflowId);
    await untilJustAfter(decisionClock.dueAt);
    const late = await reopenedHandle.query(referralStateQuery, head);
    expect(late.overdue).toBe(true);
    expect(actions(handle).slice(-2)).toEqual(['record-refusal-finding', 'clock-expired:decision']);
    await reopenedHandle.executeUpdate(referralStepUpdate, {
      args: [ReferralStep.Decide, { context: ctx(head), approved: true }],
    });
    await saveHistoryFixture(reopenedHandle, 'referral-refusal-found-unfounded');
  });

  it('goes through refusal, reconsideration and procuratorate supervision to a filing and handover', async () => {
    const handle = await recordLead(ReferralCategory.General);
    const received = await upToReceipt(handle);
    expect(openClock(received, ReferralClock.FilingDecision).party).toBe('police');
    await take(handle, ReferralStep.DecideFiling, { context: ctx(police, '不构成犯罪'), filed: false });
    const notFiled = await take(handle, ReferralStep.SendNotice, {
      context: ctx(police),
      document: referralDoc(D.Notice),
    });
    expect(notFiled.status).toBe('not-filed');
    expect(openClock(notFiled, ReferralClock.ReconsiderationRequest).party).toBe('regulator');
    await take(handle, ReferralStep.RequestReconsideration, {
      context: ctx(head),
      document: referralDoc(D.RequestLetter),
    });
    const maintained = await take(handle, ReferralStep.DecideReconsideration, {
      context: ctx(police),
      reconsideration: 'maintain',
    });
    expect(maintained.status).toBe('reconsideration-maintained');
    await take(handle, ReferralStep.RequestSupervision, {
      context: ctx(head),
      document: referralDoc(D.RequestLetter),
    });
    // The procuratorate's acts are recorded by the referring unit's head, in order.
    await expect(
      take(handle, ReferralStep.RecordProcuratorate, {
        context: ctx(head),
        event: 'filing-ordered',
        document: referralDoc(D.ProcuratorateDocument),
      }),
    ).rejects.toMatchObject({ cause: { type: 'referral.illegal-step' } });
    const asked = await take(handle, ReferralStep.RecordProcuratorate, {
      context: ctx(head),
      event: 'explanation-requested',
      document: referralDoc(D.ProcuratorateDocument),
    });
    expect(openClock(asked, ReferralClock.PoliceExplanation).dueAt).toBeDefined();
    await take(handle, ReferralStep.Explain, { context: ctx(police), document: referralDoc(D.Explanation) });
    const ordered = await take(handle, ReferralStep.RecordProcuratorate, {
      context: ctx(head),
      event: 'filing-ordered',
      document: referralDoc(D.ProcuratorateDocument),
    });
    expect(openClock(ordered, ReferralClock.FilingAfterOrder).rule.en).toContain('15 calendar days');
    await expect(
      take(handle, ReferralStep.DecideFiling, { context: ctx(police, 'x'), filed: false }),
    ).rejects.toMatchObject({ cause: { type: 'referral.filing-ordered' } });
    await take(handle, ReferralStep.DecideFiling, { context: ctx(police), filed: true });
    await take(handle, ReferralStep.SendNotice, { context: ctx(police), document: referralDoc(D.Notice) });
    await take(handle, ReferralStep.HandOver, {
      context: ctx(head),
      documents: [referralDoc(D.HandoverList)],
    });
    // The police later withdraw the case (撤案): it comes back for an administrative penalty.
    const returned = await take(handle, ReferralStep.WithdrawCase, {
      context: ctx(police, '不应追究刑事责任'),
      document: referralDoc(D.Notice),
    });
    expect(returned).toMatchObject({
      status: 'returned-for-penalty',
      criminalOutcome: { outcome: 'withdrawn' },
    });
    await take(handle, ReferralStep.DecidePenalty, {
      context: ctx(head),
      penalty: referralDoc(D.PenaltyDecision),
    });
    const final = await finalState(handle);
    expect(final).toMatchObject({ status: 'closed', outcome: 'returned-penalty-decided', overdue: false });
    expect(final.supervision?.events.map((e) => e.event)).toEqual([
      'explanation-requested',
      'filing-ordered',
    ]);
    await saveHistoryFixture(handle, 'referral-supervision-withdrawn-penalty');
  });

  it('loops through an incomplete file: 24 h notice window, 3 d completion, filing clock restarts', async () => {
    const handle = await recordLead();
    const received = await upToReceipt(handle);
    const firstClock = openClock(received, ReferralClock.FilingDecisionFoodDrug);
    await env.sleep('2 hours');
    const incomplete = await take(handle, ReferralStep.NotifyIncomplete, {
      context: ctx(police),
      missing: '检验报告原件',
    });
    expect(incomplete.status).toBe('incomplete');
    expect(openClock(incomplete, ReferralClock.Completion).party).toBe('regulator');
    await env.sleep('1 day');
    const completed = await take(handle, ReferralStep.CompleteFile, {
      context: ctx(handler),
      documents: [referralDoc(D.Supplement)],
    });
    expect(completed.status).toBe('received');
    // The clock restarts at completion; its due day comes from the calendar, so on some days both
    // starts roll over to the same working day and the due time does not move.
    const restarted = openClock(completed, ReferralClock.FilingDecisionFoodDrug);
    expect(Date.parse(restarted.startedAt)).toBeGreaterThan(Date.parse(firstClock.startedAt));
    expect(restarted.dueAt).toBe(
      planReferralClock(policy, ReferralClock.FilingDecisionFoodDrug, restarted.startedAt, table).dueAt,
    );
    // After the new 24 h window the police can no longer call the file incomplete.
    await env.sleep('25 hours');
    await expect(
      take(handle, ReferralStep.NotifyIncomplete, { context: ctx(police), missing: 'x' }),
    ).rejects.toMatchObject({ cause: { type: 'referral.window-closed' } });
    const current = await handle.query(referralStateQuery, police);
    expect(current.incompleteRounds).toHaveLength(1);
    expect(current.overdue).toBe(false);
    await take(handle, ReferralStep.DecideFiling, { context: ctx(police, '证据不足'), filed: false });
    await take(handle, ReferralStep.SendNotice, { context: ctx(police), document: referralDoc(D.Notice) });
    await take(handle, ReferralStep.AcceptNonFiling, { context: ctx(head, '同意公安机关意见') });
    expect(await finalState(handle)).toMatchObject({ status: 'closed', outcome: 'non-filing-accepted' });
    await saveHistoryFixture(handle, 'referral-incomplete-loop');
  });

  /** Lets the clock run out, checks what happened, and takes the step late. */
  const expires = async (
    handle: WorkflowHandle,
    view: ReferralView,
    clock: ReferralClock,
    lateUnit: string,
  ): Promise<void> => {
    await untilJustAfter(openClock(view, clock).dueAt);
    const expired = stepsOf(handle).find((s) => s.step.action === `clock-expired:${clock}`);
    expect(expired?.escalation).toMatchObject({ clock, unitId: lateUnit });
    expect(expired?.step.actor).toMatchObject({ userId: 'system' });
    const state = await handle.query(referralStateQuery, head);
    expect(state.overdue).toBe(true);
    await eventually(() =>
      expect(
        notifications.some(
          (n) => n.kind === NotificationKind.Overdue && n.caseId === state.id && n.title.includes(clock),
        ),
      ).toBe(true),
    );
  };

  it('lets every duty clock of the refusal path run out, escalating against the late party', async () => {
    const handle = await recordLead();
    await take(handle, ReferralStep.FormTeam, {
      context: ctx(handler),
      officers: ['handler.amr', 'head.amr'],
    });
    let view = await take(handle, ReferralStep.SubmitReport, {
      context: ctx(handler),
      document: referralDoc(D.WrittenReport),
    });
    await expires(handle, view, ReferralClock.Decision, 'amr');
    view = await take(handle, ReferralStep.Decide, { context: ctx(head), approved: true });
    await expires(handle, view, ReferralClock.Transfer, 'amr');
    view = await take(handle, ReferralStep.Transfer, { context: ctx(handler), documents: FULL_DOSSIER });
    await expires(handle, view, ReferralClock.Receipt, 'police');
    await take(handle, ReferralStep.Receive, { context: ctx(police) });
    view = await take(handle, ReferralStep.NotifyIncomplete, { context: ctx(police), missing: '清单' });
    await expires(handle, view, ReferralClock.Completion, 'amr');
    view = await take(handle, ReferralStep.CompleteFile, {
      context: ctx(handler),
      documents: [referralDoc(D.Supplement)],
    });
    await expires(handle, view, ReferralClock.FilingDecisionFoodDrug, 'police');
    await expect(
      take(handle, ReferralStep.ExtendFilingPeriod, {
        context: ctx(police),
        approval: { level: 'county-police-head', approver: ' ', document: referralDoc(D.Approval) },
      }),
    ).rejects.toMatchObject({ cause: { type: 'referral.approver-required' } });
    view = await take(handle, ReferralStep.ExtendFilingPeriod, {
      context: ctx(police),
      approval: { level: 'county-police-head', approver: '县公安局局长', document: referralDoc(D.Approval) },
    });
    await expires(handle, view, ReferralClock.FilingDecisionMajor, 'police');
    view = await take(handle, ReferralStep.ExtendFilingPeriod, {
      context: ctx(police),
      approval: { level: 'higher-police', approver: '市公安局', document: referralDoc(D.Approval) },
    });
    expect(openClock(view, ReferralClock.FilingDecisionExtension).rule.en).toContain('(30 + 30)');
    await expires(handle, view, ReferralClock.FilingDecisionExtension, 'police');
    view = await take(handle, ReferralStep.DecideFiling, {
      context: ctx(police, '不构成犯罪'),
      filed: false,
    });
    await expires(handle, view, ReferralClock.DecisionNotice, 'police');
    view = await take(handle, ReferralStep.SendNotice, {
      context: ctx(police),
      document: referralDoc(D.Notice),
    });
    await expires(handle, view, ReferralClock.ReconsiderationRequest, 'amr');
    view = await take(handle, ReferralStep.RequestReconsideration, {
      context: ctx(head),
      document: referralDoc(D.RequestLetter),
    });
    await expires(handle, view, ReferralClock.ReconsiderationDecision, 'police');
    view = await take(handle, ReferralStep.DecideReconsideration, {
      context: ctx(police),
      reconsideration: 'maintain',
    });
    await expires(handle, view, ReferralClock.SupervisionRequest, 'amr');
    await take(handle, ReferralStep.RequestSupervision, {
      context: ctx(head),
      document: referralDoc(D.RequestLetter),
    });
    view = await take(handle, ReferralStep.RecordProcuratorate, {
      context: ctx(head),
      event: 'explanation-requested',
      document: referralDoc(D.ProcuratorateDocument),
    });
    await expires(handle, view, ReferralClock.PoliceExplanation, 'police');
    await take(handle, ReferralStep.Explain, { context: ctx(police), document: referralDoc(D.Explanation) });
    view = await take(handle, ReferralStep.RecordProcuratorate, {
      context: ctx(head),
      event: 'filing-ordered',
      document: referralDoc(D.ProcuratorateDocument),
    });
    await expires(handle, view, ReferralClock.FilingAfterOrder, 'police');
    await take(handle, ReferralStep.DecideFiling, { context: ctx(police), filed: true });
    view = await take(handle, ReferralStep.SendNotice, {
      context: ctx(police),
      document: referralDoc(D.Notice),
    });
    await expires(handle, view, ReferralClock.Handover, 'amr');
    await take(handle, ReferralStep.HandOver, {
      context: ctx(handler),
      documents: [referralDoc(D.HandoverList)],
    });
    await take(handle, ReferralStep.RecordNonProsecution, {
      context: ctx(head),
      document: referralDoc(D.ProcuratorateDocument),
    });
    await take(handle, ReferralStep.DecidePenalty, { context: ctx(head, '已过行政处罚时效') });
    const final = await finalState(handle);
    expect(final).toMatchObject({ status: 'closed', criminalOutcome: { outcome: 'not-prosecuted' } });
    // Every police clock that ran out is on the procuratorate's liaison record.
    expect(final.procuratorateLiaison?.map((entry) => entry.clock)).toEqual(
      final.clocks
        .filter((c) => c.expiredAt && c.party === 'police' && c.onExpiry === 'escalate')
        .map((c) => c.clock),
    );
    const expiredClocks = final.clocks.filter((c) => c.expiredAt !== null && c.onExpiry === 'escalate');
    // Every duty clock but the general filing period (this is a food and drug case).
    expect(expiredClocks.map((c) => c.clock).sort()).toEqual(
      Object.values(ReferralClock)
        .filter(
          (c) =>
            c !== ReferralClock.IncompleteNotice &&
            c !== ReferralClock.FilingDecision &&
            c !== ReferralClock.FormTeam,
        )
        .sort(),
    );
    // A late step still stops its clock, so per-step durations include the lateness.
    expect(final.clocks.every((c) => c.stoppedAt !== null)).toBe(true);
    await saveHistoryFixture(handle, 'referral-every-clock-expired-not-prosecuted');
  });

  it('lets the general 3-day filing clock run out against the police', async () => {
    const handle = await recordLead(ReferralCategory.General);
    const received = await upToReceipt(handle);
    await expires(handle, received, ReferralClock.FilingDecision, 'police');
    const state = await handle.query(referralStateQuery, head);
    expect(state.clocks.find((c) => c.clock === ReferralClock.FilingDecision)).toMatchObject({
      basis: 'R art. 8 (review within 3 d)',
      stoppedAt: null,
      interpretation: { en: expect.stringContaining('restarts from the completion') },
    });
    // The county leader hears of it and the procuratorate's liaison record holds it.
    expect(state.procuratorateLiaison?.map((entry) => entry.clock)).toEqual([ReferralClock.FilingDecision]);
    await eventually(() =>
      expect(
        notifications.some(
          (n) =>
            n.caseId === state.id &&
            n.kind === NotificationKind.Overdue &&
            n.audience.roles?.some((r) => r.role === Role.Leader),
        ),
      ).toBe(true),
    );
    // The unit asks the procuratorate to supervise the missed filing; the police may still decide, late.
    const supervision = await take(handle, ReferralStep.RequestSupervision, {
      context: ctx(head),
      document: referralDoc(D.RequestLetter),
    });
    expect(supervision).toMatchObject({ status: 'supervision', supervision: { ground: 'filing-overdue' } });
    expect(
      supervision.clocks.find((c) => c.clock === ReferralClock.FilingDecision)?.stoppedAt,
    ).not.toBeNull();
    const decided = await take(handle, ReferralStep.DecideFiling, { context: ctx(police), filed: true });
    expect(decided.status).toBe('decided');
    await saveHistoryFixture(handle, 'referral-supervision-filing-overdue');
  });

  it('asks the procuratorate to supervise straight after the non-filing notice (R art. 9)', async () => {
    const handle = await recordLead(ReferralCategory.General);
    await upToReceipt(handle);
    await take(handle, ReferralStep.DecideFiling, { context: ctx(police, '不构成犯罪'), filed: false });
    await take(handle, ReferralStep.SendNotice, { context: ctx(police), document: referralDoc(D.Notice) });
    const supervision = await take(handle, ReferralStep.RequestSupervision, {
      context: ctx(head),
      document: referralDoc(D.RequestLetter),
    });
    expect(supervision).toMatchObject({ status: 'supervision', supervision: { ground: 'non-filing' } });
    expect(supervision.clocks.filter((c) => c.stoppedAt === null)).toEqual([]);
    // Duty-crime clues found on the way go to the supervisory commission, the case going on.
    const clue = await take(handle, ReferralStep.TransferDutyCrimeClue, {
      context: ctx(head, '监管人员涉嫌滥用职权'),
      document: referralDoc(D.SupervisoryTransferLetter),
    });
    expect(clue).toMatchObject({
      status: 'supervision',
      dutyCrimeTransfers: [{ reason: '监管人员涉嫌滥用职权' }],
    });
  });

  it('plans the case team’s clock with the lead (立即: 24 h, the county’s reading) and escalates it', async () => {
    const handle = await recordLead();
    const recorded = await handle.query(referralStateQuery, head);
    const teamClock = openClock(recorded, ReferralClock.FormTeam);
    expect(Date.parse(teamClock.dueAt) - Date.parse(recorded.recordedAt)).toBe(24 * 3_600_000);
    expect(teamClock.interpretation?.zh).toContain('立即');
    await expires(handle, recorded, ReferralClock.FormTeam, 'amr');
    const formed = await take(handle, ReferralStep.FormTeam, {
      context: ctx(handler),
      officers: ['handler.amr', 'head.amr'],
    });
    expect(formed.clocks.find((c) => c.clock === ReferralClock.FormTeam)?.stoppedAt).not.toBeNull();
    await saveHistoryFixture(handle, 'referral-team-clock-expired');
  });

  it('refuses steps out of order, by the wrong party or without the dossier, changing nothing', async () => {
    const handle = await recordLead();
    await expect(
      take(handle, ReferralStep.Transfer, { context: ctx(handler), documents: FULL_DOSSIER }),
    ).rejects.toMatchObject({
      cause: { type: 'referral.illegal-step' },
    });
    await expect(
      take(handle, ReferralStep.FormTeam, {
        context: ctx(handler),
        officers: ['handler.amr', 'handler.amr'],
      }),
    ).rejects.toMatchObject({ cause: { type: 'referral.team-too-small' } });
    await expect(
      take(handle, ReferralStep.FormTeam, { context: ctx(police), officers: ['a', 'b'] }),
    ).rejects.toMatchObject({ cause: { type: 'referral.not-allowed' } });
    await take(handle, ReferralStep.FormTeam, {
      context: ctx(handler),
      officers: ['handler.amr', 'head.amr'],
    });
    await take(handle, ReferralStep.SubmitReport, {
      context: ctx(handler),
      document: referralDoc(D.WrittenReport),
    });
    await take(handle, ReferralStep.Decide, { context: ctx(head), approved: true });
    const before = await handle.query(referralStateQuery, head);
    await expect(
      take(handle, ReferralStep.Transfer, { context: ctx(handler), documents: FULL_DOSSIER.slice(0, 3) }),
    ).rejects.toMatchObject({
      cause: { type: 'referral.dossier-incomplete', message: expect.stringContaining('test-reports') },
    });
    expect(await handle.query(referralStateQuery, head)).toEqual(before);
    // The police see nothing of the regulator's internal records.
    const policeView = await handle.query(referralStateQuery, police);
    expect(policeView).toMatchObject({ team: null, report: null, allowedSteps: [] });
  });
});
