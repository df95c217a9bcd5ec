import { allHandlersFinished, condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { Role, type Actor } from '../libs/contracts/src/identity.js';
import { NotificationKind, type NotificationAudience } from '../libs/contracts/src/notification.contracts.js';
import {
  REPORT_REQUEST_CASE_TYPE,
  reportRequestStateQuery,
  ReportRequestStatus,
  submitReportUpdate,
  type ReportCardEffect,
  type ReportingActivities,
  type ReportRequestState,
  type ReportRequestWorkflowInput,
} from '../libs/contracts/src/reporting.contracts.js';
import { CASE_OVERDUE, CASE_STATUS } from '../libs/contracts/src/search-attributes.js';
import {
  checkReportSubmission,
  markReportMissed,
  markReportReminded,
  nextReportRequestTimer,
  openReportRequest,
  submitReport,
  viewReportRequest,
} from '../libs/reporting/src/domain/report-request.rules.js';
import { now } from './shared/clock.js';
import { ledgerStep } from './shared/ledger-step.js';
import { handedOverOrChildNotifications, notifyRequest } from './shared/notify.js';
import { StepGate } from './shared/step-gate.js';
import { caseStepPath } from './shared/step-path.js';

/**
 * One report request (a monthly dispatch report or a plan deliverable) from opening to submission:
 * a reminder before the due date, and when it passes unanswered the request is missed and a colour
 * card is raised against the unit; a late submission is still accepted and resolves the card's subject.
 */
export async function reportRequestWorkflow({
  opening,
}: ReportRequestWorkflowInput): Promise<ReportRequestState> {
  const { recordReportRequestStep } = caseStepPath<ReportingActivities>().activities;
  let state = openReportRequest(opening, now());
  const gate = new StepGate('report-request', 'report request');
  const notifications = handedOverOrChildNotifications();

  const record = async (
    actor: Actor | null,
    requestId: string | null,
    action: string,
    before: ReportRequestState | null,
    card: ReportCardEffect = null,
  ) => {
    const step = ledgerStep(
      REPORT_REQUEST_CASE_TYPE,
      state,
      actor && requestId ? { actor, requestId } : null,
      action,
    );
    try {
      await recordReportRequestStep(step, card);
    } catch (err) {
      // Not recorded, so not taken: the request stays as it was, with its clocks.
      if (before) state = before;
      throw err;
    }
    upsertSearchAttributes([
      { key: CASE_STATUS, value: state.status },
      { key: CASE_OVERDUE, value: state.status === ReportRequestStatus.Missed },
    ]);
  };

  /** Notifications go out beside the request, like the cards' own: a slow receiver never holds it. */
  const notify = async (
    kind: NotificationKind,
    audience: NotificationAudience,
    title: string,
    body: string,
  ) =>
    notifications.notify(
      notifyRequest(
        {
          caseType: REPORT_REQUEST_CASE_TYPE,
          caseId: state.id,
          unitId: state.unitId,
          sequence: state.sequence,
        },
        kind,
        audience,
        title,
        body,
      ),
    );
  const unitStaff: NotificationAudience = {
    roles: [
      { role: Role.Handler, unitId: state.unitId },
      { role: Role.UnitHead, unitId: state.unitId },
    ],
  };

  setHandler(reportRequestStateQuery, (actor) => viewReportRequest(state, actor));
  gate.register(submitReportUpdate, {
    check: (input) => checkReportSubmission(state, input.context.actor, input.values),
    rejection: (input) => ({ state: viewReportRequest(state, input.context.actor) }),
    handle: async (input) => {
      const before = state;
      state = submitReport(before, input.context.actor, input, now());
      await record(
        input.context.actor,
        input.context.requestId,
        state.submission?.late ? 'submit-late' : 'submit',
        before,
        before.cardRaised ? 'resolve' : null,
      );
      return viewReportRequest(state, input.context.actor);
    },
  });

  await record(null, null, 'open', null);
  // A backfilled past period is recorded, not announced: its staff would otherwise get a burst of stale requests.
  if (!state.openedLate) {
    await notify(
      NotificationKind.Assigned,
      unitStaff,
      state.title.zh,
      `报送期限 due ${state.deadline.dueAt}: ${state.deadline.rule.zh}`,
    );
  }

  while (state.status !== ReportRequestStatus.Submitted) {
    const due = await gate.nextDue(
      nextReportRequestTimer(state),
      (t) => t.at,
      () => state.sequence,
    );
    if (due) {
      await gate.fire(
        async () => {
          const before = state;
          if (due.kind === 'reminder') {
            state = markReportReminded(state);
            await record(null, null, 'reminder', before);
            await notify(
              NotificationKind.Reminder,
              unitStaff,
              `${state.title.zh} 即将到期 / due soon`,
              `报送期限 due ${state.deadline.dueAt}`,
            );
          } else {
            state = markReportMissed(state);
            await record(null, null, 'missed', before, state.cardRaised ? 'raise' : null);
            if (!state.openedLate) {
              await notify(
                NotificationKind.Overdue,
                { roles: [...(unitStaff.roles ?? []), { role: Role.Supervisor }] },
                `${state.title.zh} 逾期未报 / Report missed`,
                `报送期限 was due ${state.deadline.dueAt}`,
              );
            }
          }
        },
        () => state.sequence,
      );
    }
    await condition(() => gate.idle);
  }
  await condition(allHandlersFinished);
  await notifications.settled();
  return state;
}
