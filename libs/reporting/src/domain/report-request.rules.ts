import { ErrorKind, type RuleViolation } from '../../../contracts/src/errors.js';
import { Role, type Actor } from '../../../contracts/src/identity.js';
import {
  ReportRequestStatus,
  type IndicatorValue,
  type ReportRequestOpening,
  type ReportRequestState,
  type ReportRequestView,
} from '../../../contracts/src/reporting.contracts.js';
import { reportValueProblems } from './report-values.js';

/** Who answers a request: the lead unit's own staff. */
const ANSWERING_ROLES: readonly Role[] = [Role.Handler, Role.UnitHead];

export function openReportRequest(opening: ReportRequestOpening, openedAt: string): ReportRequestState {
  return {
    ...opening,
    status: ReportRequestStatus.Open,
    openedAt,
    openedLate: Date.parse(opening.deadline.dueAt) <= Date.parse(openedAt),
    reminded: false,
    cardRaised: false,
    submission: null,
    sequence: 1,
  };
}

export type ReportRequestTimerKind = 'reminder' | 'missed';

/** The next timer of an unanswered request: the reminder (unless already past at opening), then the due date. */
export function nextReportRequestTimer(
  state: ReportRequestState,
): { kind: ReportRequestTimerKind; at: string } | null {
  if (state.status !== ReportRequestStatus.Open) return null;
  const { reminderAt, dueAt } = state.deadline;
  if (!state.reminded && reminderAt && Date.parse(reminderAt) > Date.parse(state.openedAt)) {
    return { kind: 'reminder', at: reminderAt };
  }
  return { kind: 'missed', at: dueAt };
}

export function markReportReminded(state: ReportRequestState): ReportRequestState {
  return { ...state, reminded: true, sequence: state.sequence + 1 };
}

/** Missed: a card is raised unless the request was opened after its due date (a backfilled past period). */
export function markReportMissed(state: ReportRequestState): ReportRequestState {
  return {
    ...state,
    status: ReportRequestStatus.Missed,
    cardRaised: !state.openedLate,
    sequence: state.sequence + 1,
  };
}

export function checkReportSubmission(
  state: ReportRequestState,
  actor: Actor,
  values: readonly IndicatorValue[],
): RuleViolation | null {
  if (state.status === ReportRequestStatus.Submitted) {
    return {
      code: 'report-request.already-submitted',
      kind: ErrorKind.Conflict,
      message: `Report request ${state.id} was already submitted`,
    };
  }
  if (!ANSWERING_ROLES.includes(actor.role) || actor.unitId !== state.unitId) {
    return {
      code: 'report-request.not-your-unit',
      kind: ErrorKind.Forbidden,
      message: `Only staff of ${state.unitId} answer report request ${state.id}`,
    };
  }
  const problems = reportValueProblems(state.indicators, values);
  return problems.length === 0
    ? null
    : {
        code: 'report-request.invalid-values',
        kind: ErrorKind.Validation,
        message: problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      };
}

export function submitReport(
  state: ReportRequestState,
  actor: Actor,
  input: { values: IndicatorValue[]; progress: string; problems: string },
  at: string,
): ReportRequestState {
  return {
    ...state,
    status: ReportRequestStatus.Submitted,
    submission: {
      values: input.values.map((v) => ({ ...v })),
      progress: input.progress,
      problems: input.problems,
      submittedBy: actor.userId,
      submittedAt: at,
      late: state.status === ReportRequestStatus.Missed,
    },
    sequence: state.sequence + 1,
  };
}

export function viewReportRequest(state: ReportRequestState, actor: Actor | undefined): ReportRequestView {
  return {
    ...state,
    canSubmit:
      actor !== undefined &&
      state.status !== ReportRequestStatus.Submitted &&
      ANSWERING_ROLES.includes(actor.role) &&
      actor.unitId === state.unitId,
  };
}
