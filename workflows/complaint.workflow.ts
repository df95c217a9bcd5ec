import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { type ApplicationFailure } from '@temporalio/common';
import { Role, type StepContext } from '../libs/contracts/src/identity.js';
import { REPORTER_ACTOR } from '../libs/contracts/src/identity.js';
import { NotificationKind, type NotificationAudience } from '../libs/contracts/src/notification.contracts.js';
import {
  COMPLAINT_CASE_TYPE,
  complaintReceivedUpdate,
  complaintStateQuery,
  complaintStepUpdate,
  ComplaintStep,
  type ComplaintActivities,
  type ComplaintEscalation,
  type ComplaintState,
  type ComplaintWorkflowInput,
} from '../libs/contracts/src/complaint.contracts.js';
import { CASE_DUE_AT, CASE_OVERDUE, CASE_STATUS } from '../libs/contracts/src/search-attributes.js';
import {
  applyComplaintStep,
  checkComplaintStep,
  clocksToStart,
  clockStart,
  COMPLAINT_TERMINAL_STATUSES,
  fireTimer,
  nextComplaintTimer,
  receiveComplaint,
  startClocks,
  viewComplaint,
  type ComplaintTimer,
} from '../libs/complaints/src/domain/complaint.rules.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import { backgroundNotifications, notificationsBesideTheCase, notifyRequest } from './shared/notify.js';
import { StepGate } from './shared/step-gate.js';
import { recordFirstStep } from './shared/step-failure.js';
import { caseStepPath } from './shared/step-path.js';

const SUPERVISORS = [{ role: Role.Supervisor }];
const AUDITORS = [{ role: Role.Auditor }];

/**
 * One complaint or report (投诉举报) from receipt to close. Its statutory clocks (acceptance 7 wd,
 * verification 15 wd or 30 wd with approval, the named reporter's notice 5 wd) are timers planned from
 * policy data; a reminder goes out before each, and one that runs out marks the case overdue and raises
 * a card on the handling unit. The reporter's identity is never here: only a pseudonym (rule 8), so no
 * ledger entry, notification or search attribute can carry it.
 */
export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintState> {
  const { workflowId } = workflowInfo();
  const {
    activities: { recordComplaintStep, planComplaintClock },
    current,
  } = caseStepPath<ComplaintActivities>();
  const received = 'received' in input ? input.received : undefined;
  let state = 'continued' in input ? input.continued : receiveComplaint(input.received, now());
  let receiptRecorded = !received;
  let receiptFailure: ApplicationFailure | undefined;
  const gate = new StepGate('complaint', 'complaint');

  const record = async (
    context: StepContext | null,
    action: string,
    before: ComplaintState | null,
    requestId: string | null = null,
    escalation: ComplaintEscalation | null = null,
  ): Promise<void> => {
    const engineStep = ledgerStep(COMPLAINT_CASE_TYPE, state, context, action);
    // Without a case worker's context, a step with a request is the reporter's (through the public
    // routes), one without is the engine's (a timer).
    const step = !context && requestId ? { ...engineStep, actor: REPORTER_ACTOR, requestId } : engineStep;
    log.info('recording complaint step', { requestId: step.requestId, action, sequence: step.sequence });
    try {
      await recordComplaintStep(step, escalation);
    } catch (err) {
      // Not recorded, so not taken: the case stays as it was, with its clocks.
      if (before) state = before;
      throw err;
    }
    const due = nextComplaintTimer(state);
    upsertSearchAttributes([
      { key: CASE_STATUS, value: state.status },
      { key: CASE_OVERDUE, value: state.overdue },
      ...(due ? [{ key: CASE_DUE_AT, value: new Date(due.at) }] : []),
    ]);
  };

  const notifications = current ? notificationsBesideTheCase() : backgroundNotifications();
  const notify = (kind: NotificationKind, audience: NotificationAudience, title: string, body: string) =>
    notifications.notify(
      notifyRequest(
        { caseType: COMPLAINT_CASE_TYPE, caseId: state.id, unitId: state.unitId, sequence: state.sequence },
        kind,
        audience,
        title,
        body,
      ),
    );
  const caseWorkers = [
    { role: Role.Handler, unitId: state.unitId },
    { role: Role.UnitHead, unitId: state.unitId },
  ];

  /** Plans the clocks the new state starts, under the policy in force. */
  const withClocks = async (before: ComplaintState | null, next: ComplaintState, at: string) => {
    const planned = [];
    for (const clock of clocksToStart(before, next)) {
      planned.push(await planComplaintClock({ clock, from: clockStart(next, clock, at) }));
    }
    return startClocks(next, planned);
  };

  setHandler(complaintStateQuery, (actor) => viewComplaint(state, actor));
  setHandler(complaintReceivedUpdate, async (actor) => {
    await condition(() => receiptRecorded || receiptFailure !== undefined);
    if (receiptFailure) throw receiptFailure;
    return viewComplaint(state, actor);
  });
  gate.register(complaintStepUpdate, {
    check: (step, stepInput) => checkComplaintStep(state, step, stepInput),
    rejection: (_step, stepInput) => ({ state: viewComplaint(state, stepInput.context?.actor ?? null) }),
    handle: async (step, stepInput) => {
      const before = state;
      const at = now();
      state = await withClocks(before, applyComplaintStep(before, step, stepInput, at), at);
      const escalation: ComplaintEscalation | null =
        step === ComplaintStep.RecordRetaliation
          ? {
              key: `${workflowId}:${state.sequence}:retaliation`,
              caseId: state.id,
              unitId: state.unitId,
              reason: `complaint-retaliation:${stepInput.retaliation?.kind}`,
              occurredAt: at,
            }
          : null;
      await record(stepInput.context, step, before, stepInput.requestId, escalation);
      if (step === ComplaintStep.Reveal || step === ComplaintStep.ApproveReveal) {
        // Auditors hear of every reveal: the case number and who, never the identity.
        notify(
          NotificationKind.Assigned,
          { roles: AUDITORS },
          `举报人身份${step === ComplaintStep.Reveal ? '已查看' : '查看已批准'} ${state.id} / Reporter identity ${step === ComplaintStep.Reveal ? 'revealed' : 'reveal approved'}`,
          `${stepInput.context?.actor.userId ?? ''} — request ${stepInput.revealId}`,
        );
      } else if (step === ComplaintStep.Answer) {
        notify(
          NotificationKind.Assigned,
          { roles: caseWorkers },
          `举报人已答复 ${state.id} / The reporter answered`,
          state.status,
        );
      } else if (step === ComplaintStep.RecordRetaliation) {
        notify(
          NotificationKind.Overdue,
          { roles: [...SUPERVISORS, ...caseWorkers] },
          `疑似打击报复内部举报人 ${state.id} / Possible retaliation against an insider`,
          stepInput.retaliation?.kind ?? '',
        );
      }
      return viewComplaint(state, stepInput.context?.actor ?? null);
    },
  });

  const fire = (timer: ComplaintTimer): Promise<void> =>
    gate.fire(
      async () => {
        const before = state;
        const at = now();
        state = fireTimer(state, timer, at);
        const run = state.clocks.find((c) => c.clock === timer.clock && c.stoppedAt === null);
        const expired = timer.event === 'expiry';
        const escalation: ComplaintEscalation | null = expired
          ? {
              key: `${workflowId}:${state.sequence}:clock-expired`,
              caseId: state.id,
              unitId: state.unitId,
              reason: `complaint-clock-expired:${timer.clock}`,
              occurredAt: at,
            }
          : null;
        await record(
          null,
          `clock-${expired ? 'expired' : 'reminder'}:${timer.clock}`,
          before,
          null,
          escalation,
        );
        notify(
          expired ? NotificationKind.Overdue : NotificationKind.Reminder,
          { roles: expired ? [...caseWorkers, ...SUPERVISORS] : caseWorkers },
          `投诉举报 ${state.id} ${expired ? '时限已过' : '即将到期'} / Complaint clock ${expired ? 'expired' : 'due soon'}: ${timer.clock}`,
          `${run?.dueAt ?? ''} — ${run?.rule.zh ?? ''}`,
        );
      },
      () => state.sequence,
    );

  if (received) {
    await recordFirstStep(
      async () => {
        state = await withClocks(null, state, state.receivedAt);
        await record(null, 'receive', null, received.requestId);
      },
      (failure) => (receiptFailure = failure),
    );
    receiptRecorded = true;
    notify(
      NotificationKind.Assigned,
      { roles: caseWorkers },
      `新投诉举报 ${state.id} / New complaint or report`,
      state.category,
    );
  }

  while (!COMPLAINT_TERMINAL_STATUSES.includes(state.status)) {
    const due = await gate.nextDue(
      nextComplaintTimer(state),
      (t) => t.at,
      () => state.sequence,
    );
    if (due) await fire(due);
    await condition(() => gate.idle);
    if (workflowInfo().continueAsNewSuggested) {
      await notifications.settled();
      await condition(allHandlersFinished);
      await continueAsNew<typeof complaintWorkflow>({ continued: state });
    }
  }
  await condition(allHandlersFinished);
  await notifications.settled();
  return state;
}
