import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { type StepContext, Role, type Actor } from '../libs/contracts/src/identity.js';
import {
  NotificationKind,
  type NoticesRecorded,
  type NotificationAudience,
  type NotifyRequest,
} from '../libs/contracts/src/notification.contracts.js';
import {
  assignRiskItemUpdate,
  cancelRiskItemUpdate,
  markCriminalThresholdUpdate,
  replanRiskItemUpdate,
  resumeRiskItemUpdate,
  RISK_ITEM_CASE_TYPE,
  riskItemReferralSignal,
  riskItemRegisteredUpdate,
  riskItemStateQuery,
  RiskItemStep,
  startRectificationUpdate,
  submitRectificationUpdate,
  suspendRiskItemUpdate,
  verifyRectificationUpdate,
  type DeadlinePlannedAtTheEdge,
  type DeadlinePurpose,
  type EscalationEvent,
  type PlannedDeadline,
  type RiskItemActivities,
  type RiskItemState,
  type RiskItemView,
  type RiskItemWorkflowInput,
} from '../libs/contracts/src/risk-item.contracts.js';
import {
  CASE_DUE_AT,
  CASE_OVERDUE,
  CASE_STATUS,
  CASE_UNIT,
} from '../libs/contracts/src/search-attributes.js';
import {
  acceptRectification,
  assignRiskItem,
  cancelRiskItem,
  checkRiskItemStep,
  linkReferral,
  markCriminalThreshold,
  markOverdue,
  markReminderSent,
  markVerificationReminded,
  nextRiskItemTimer,
  registerRiskItem,
  rejectRectification,
  replanRiskItem,
  resumeRiskItem,
  startRectification,
  submitRectification,
  suspendRiskItem,
  TERMINAL_STATUSES,
  viewRiskItem,
  type RiskItemTimerKind,
} from '../libs/risk-items/src/domain/risk-item.rules.js';
import { deadlineTakenAt } from '../libs/risk-items/src/domain/risk-item-policy.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import {
  backgroundNotifications,
  CLOCK_NOTIFICATIONS_IN_THE_TASK_PATCH,
  NOTICES_RECORDED_WITH_THE_STEP_PATCH,
  notificationsBesideTheCase,
  notifyRequest,
  type CaseNotifications,
  type Handover,
} from './shared/notify.js';
import { StepGate } from './shared/step-gate.js';
import { recordFirstStep } from './shared/step-failure.js';
import { caseStepPath, continueAsNewDue } from './shared/step-path.js';
import { takesPatch } from './shared/run-paths.js';

/** A resumed 24:00 deadline ends at 24:00 again (decision 0006); older runs kept the exact time left. */
const RESUME_KEEPS_DAY_END_PATCH = 'risk-item-resume-keeps-day-end';

const SUPERVISORS: NotificationAudience = { roles: [{ role: Role.Supervisor }] };

/**
 * One risk item from registration to closure (销号) or cancellation. Human steps are Updates whose
 * validators apply the transition table; deadlines, reminders and the overdue escalation are timers.
 */
export async function riskItemWorkflow(input: RiskItemWorkflowInput): Promise<RiskItemState> {
  const { workflowId } = workflowInfo();
  const {
    activities: { recordRiskItemStep, planRiskItemDeadline },
    current,
  } = caseStepPath<RiskItemActivities>();
  const registration = 'registration' in input ? input.registration : undefined;
  let state = 'continued' in input ? input.continued : registerRiskItem(input.registration, now());
  let registeredRecorded = !registration;
  /** Set when the registration itself failed for good: the item never came to be. */
  let registrationFailure: ApplicationFailure | undefined;
  const gate = new StepGate('risk-item', 'risk item');

  const record = async (
    context: StepContext | null,
    action: string,
    before: RiskItemState | null,
    escalation: EscalationEvent | null = null,
    notices: NotifyRequest[] = [],
  ): Promise<NoticesRecorded | undefined> => {
    const step = ledgerStep(RISK_ITEM_CASE_TYPE, state, context, action);
    log.info('recording risk item step', { requestId: step.requestId, action, sequence: step.sequence });
    let recorded: NoticesRecorded | undefined;
    try {
      recorded = await recordRiskItemStep(step, escalation, notices);
    } catch (err) {
      // Not recorded, so not taken: the item stays as it was, with its clocks.
      if (before) state = before;
      throw err;
    }
    upsertSearchAttributes([
      { key: CASE_STATUS, value: state.status },
      { key: CASE_UNIT, value: state.responsibleUnitId ?? state.registeringUnitId },
      { key: CASE_OVERDUE, value: state.overdue },
      ...(state.deadline ? [{ key: CASE_DUE_AT, value: new Date(state.deadline.dueAt) }] : []),
    ]);
    return recorded;
  };

  const beside = current ? notificationsBesideTheCase() : undefined;
  const notifications: CaseNotifications = beside ?? backgroundNotifications();
  /** Decided once per run, so a run keeps one way to notify to its end (older runs replay theirs). */
  const noticesWithTheStep = beside !== undefined && takesPatch(NOTICES_RECORDED_WITH_THE_STEP_PATCH);
  const notice = (
    kind: NotificationKind,
    audience: NotificationAudience,
    title: string,
    body: string,
  ): NotifyRequest =>
    notifyRequest(
      {
        caseType: RISK_ITEM_CASE_TYPE,
        caseId: state.id,
        unitId: state.responsibleUnitId ?? state.registeringUnitId,
        sequence: state.sequence,
      },
      kind,
      audience,
      title,
      body,
    );
  /**
   * Records a step and hands its notice over: to the inbox in the record's own transaction since
   * NOTICES_RECORDED_WITH_THE_STEP_PATCH, its outbound delivery (only when the record says it has a
   * target) after a human step's answer or in a clock step's own task; before, the whole notification
   * after the record.
   */
  const recordWithNotice = async (
    context: StepContext | null,
    action: string,
    before: RiskItemState | null,
    escalation: EscalationEvent | null,
    noticeOf: () => NotifyRequest | undefined,
  ): Promise<void> => {
    if (beside && noticesWithTheStep) {
      const request = noticeOf();
      const recorded = await record(context, action, before, escalation, request ? [request] : []);
      // In the inbox already; only a notice with an outbound target starts a delivery.
      if (request && recorded?.outbound)
        beside.deliver([request], context ? 'after-the-answer' : 'in-the-task');
      return;
    }
    await record(context, action, before, escalation);
    const request = noticeOf();
    if (!request) return;
    // A clock step's notification: nobody waits on the step's answer (decided per step, for replay).
    const handover: Handover =
      context === null && current && takesPatch(CLOCK_NOTIFICATIONS_IN_THE_TASK_PATCH)
        ? 'in-the-task'
        : 'after-the-answer';
    notifications.notify(request, handover);
  };

  /** Unit head(s) and, when named, the responsible person of the responsible unit. */
  const responsibleUnit = (): NotificationAudience => ({
    userIds: state.responsibleUserId ? [state.responsibleUserId] : [],
    roles: state.responsibleUnitId ? [{ role: Role.UnitHead, unitId: state.responsibleUnitId }] : [],
  });

  /**
   * A step's deadline: the API's plan when the step is taken on the day it was planned (no local
   * activity, no activation after it), else planned here, in the step's local activity.
   */
  const deadlineOf = async (
    purpose: DeadlinePurpose,
    before: RiskItemState,
    planned: DeadlinePlannedAtTheEdge | undefined,
  ): Promise<PlannedDeadline> =>
    deadlineTakenAt(planned, now()) ??
    (await planRiskItemDeadline({ purpose, grade: before.grade, from: now() }));

  /**
   * Registers a human step: the validator applies the transition table to the current state, the
   * handler computes the next state (mutating before its first await, so a concurrent second step
   * fails validation) and waits until the step is on the ledger.
   */
  function humanStep<Input extends { context: StepContext }>(
    update: UpdateDefinition<RiskItemView, [Input]>,
    step: (input: NoInfer<Input>) => RiskItemStep,
    apply: (input: NoInfer<Input>, before: RiskItemState) => Promise<RiskItemState> | RiskItemState,
    noticeOf?: (input: NoInfer<Input>) => NotifyRequest,
  ): void {
    gate.register(update, {
      check: (input) => checkRiskItemStep(state, step(input), input.context.actor, input.context.reason),
      rejection: (input) => ({ state: viewRiskItem(state, input.context.actor) }),
      handle: async (input) => {
        const before = state;
        const result = apply(input, before);
        state = result instanceof Promise ? await result : result;
        await recordWithNotice(input.context, step(input), before, null, () => noticeOf?.(input));
        return viewRiskItem(state, input.context.actor);
      },
    });
  }

  setHandler(riskItemStateQuery, (actor) => viewRiskItem(state, actor));
  setHandler(riskItemRegisteredUpdate, async (actor: Actor) => {
    await condition(() => registeredRecorded || registrationFailure !== undefined);
    if (registrationFailure) throw registrationFailure;
    return viewRiskItem(state, actor);
  });

  humanStep(
    assignRiskItemUpdate,
    () => RiskItemStep.Assign,
    async ({ responsibleUnitId, responsibleUserId, planned }, before) =>
      assignRiskItem(
        before,
        responsibleUnitId,
        responsibleUserId,
        await deadlineOf('rectification', before, planned),
      ),
    () =>
      notice(
        NotificationKind.Assigned,
        responsibleUnit(),
        `隐患 ${state.id} 已交办 / Risk item assigned`,
        `整改期限 due ${state.deadline?.dueAt}: ${state.deadline?.rule.zh}`,
      ),
  );
  humanStep(
    startRectificationUpdate,
    () => RiskItemStep.StartRectification,
    (_input, before) => startRectification(before),
  );
  humanStep(
    submitRectificationUpdate,
    () => RiskItemStep.SubmitRectification,
    async ({ context, measures, evidence, planned }, before) => {
      const verification = await deadlineOf('verification', before, planned);
      return submitRectification(before, context.actor, measures, evidence, now(), verification.dueAt);
    },
    () =>
      notice(
        NotificationKind.VerificationDue,
        SUPERVISORS,
        `隐患 ${state.id} 整改已提交，待验收 / Rectification submitted`,
        `验收期限 verify by ${state.verificationDueAt}`,
      ),
  );
  humanStep(
    verifyRectificationUpdate,
    ({ result }) => (result === 'accepted' ? RiskItemStep.Accept : RiskItemStep.Reject),
    async ({ context, result, planned }, before) => {
      if (result === 'accepted') return acceptRectification(before, context.actor, now());
      const deadline = await deadlineOf('rectification', before, planned);
      return rejectRectification(before, context.actor, context.reason ?? '', now(), deadline);
    },
    ({ result }) =>
      result === 'accepted'
        ? notice(
            NotificationKind.Closed,
            responsibleUnit(),
            `隐患 ${state.id} 已销号 / Closed`,
            '验收通过 accepted',
          )
        : notice(
            NotificationKind.Returned,
            responsibleUnit(),
            `隐患 ${state.id} 验收未通过，请重新整改 / Returned for rectification`,
            `新整改期限 new due ${state.deadline?.dueAt}`,
          ),
  );
  humanStep(
    suspendRiskItemUpdate,
    () => RiskItemStep.Suspend,
    (_input, before) => suspendRiskItem(before, now()),
  );
  humanStep(
    resumeRiskItemUpdate,
    () => RiskItemStep.Resume,
    // Histories recorded before the 24:00 rule replay with the exact-remaining-time rule they ran with.
    (_input, before) => resumeRiskItem(before, now(), takesPatch(RESUME_KEEPS_DAY_END_PATCH)),
  );
  humanStep(
    cancelRiskItemUpdate,
    () => RiskItemStep.Cancel,
    ({ context }, before) => cancelRiskItem(before, context.reason ?? '', now()),
  );
  humanStep(
    replanRiskItemUpdate,
    () => RiskItemStep.Replan,
    async ({ context, dueAt, planned }, before) => {
      if (dueAt) {
        return replanRiskItem(before, {
          dueAt,
          reminderAt: null,
          rule: {
            en: `re-planned by ${context.actor.userId}: due ${dueAt} (${context.reason})`,
            zh: `由${context.actor.userId}重新确定期限：${dueAt}（${context.reason}）`,
          },
          policyVersion: before.deadline?.policyVersion ?? 'manual',
        });
      }
      return replanRiskItem(before, await deadlineOf('rectification', before, planned));
    },
  );

  humanStep(
    markCriminalThresholdUpdate,
    () => RiskItemStep.MarkCriminalThreshold,
    ({ context }, before) => markCriminalThreshold(before, context.actor, context.reason ?? '', now()),
  );
  // From the referral context: a referral recorded from this item (or refused with a reason) is ledgered here too.
  setHandler(riskItemReferralSignal, async (link) => {
    await condition(() => gate.idle);
    const linked = linkReferral(state, link);
    if (!linked) return;
    await gate.signalled(async () => {
      const before = state;
      state = linked;
      await record(null, link.status === 'refused' ? 'referral-refused' : 'referral-recorded', before);
    });
  });

  const fireTimer = async (kind: RiskItemTimerKind): Promise<void> => {
    const before = state;
    switch (kind) {
      case 'reminder':
        state = markReminderSent(state);
        await recordWithNotice(null, 'reminder', before, null, () =>
          notice(
            NotificationKind.Reminder,
            responsibleUnit(),
            `隐患 ${state.id} 整改即将到期 / Deadline approaching`,
            `整改期限 due ${state.deadline?.dueAt}`,
          ),
        );
        return;
      case 'overdue': {
        state = markOverdue(state);
        const unitId = state.responsibleUnitId ?? state.registeringUnitId;
        const escalation: EscalationEvent = {
          key: `${workflowId}:${state.sequence}:overdue`,
          caseType: RISK_ITEM_CASE_TYPE,
          caseId: state.id,
          unitId,
          reason: 'risk-item-overdue',
          occurredAt: now(),
        };
        await recordWithNotice(null, 'overdue', before, escalation, () =>
          notice(
            NotificationKind.Overdue,
            {
              ...responsibleUnit(),
              roles: [...(responsibleUnit().roles ?? []), ...(SUPERVISORS.roles ?? [])],
            },
            `隐患 ${state.id} 已逾期 / Overdue`,
            `整改期限 was due ${state.deadline?.dueAt}`,
          ),
        );
        return;
      }
      case 'verification-due':
        state = markVerificationReminded(state);
        await recordWithNotice(null, 'verification-overdue', before, null, () =>
          notice(
            NotificationKind.VerificationDue,
            SUPERVISORS,
            `隐患 ${state.id} 验收已超期 / Verification overdue`,
            `verify was due ${state.verificationDueAt}`,
          ),
        );
        return;
    }
  };

  if (registration) {
    await recordFirstStep(
      () => record(registration.context, registration.reopenOf ? 'reopen' : 'register', null),
      (failure) => (registrationFailure = failure),
    );
    registeredRecorded = true;
  }

  while (!TERMINAL_STATUSES.includes(state.status)) {
    const due = await gate.nextDue(
      nextRiskItemTimer(state),
      (t) => t.at,
      () => state.sequence,
    );
    if (due)
      await gate.fire(
        () => fireTimer(due.kind),
        () => state.sequence,
      );
    await condition(() => gate.idle);
    if (continueAsNewDue(input.historyLimit)) {
      await notifications.settled();
      await condition(allHandlersFinished);
      await continueAsNew<typeof riskItemWorkflow>({ continued: state, historyLimit: input.historyLimit });
    }
  }
  await condition(allHandlersFinished);
  await notifications.settled();
  return state;
}
