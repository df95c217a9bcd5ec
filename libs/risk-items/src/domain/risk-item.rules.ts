import { isLocalDayEnd, resumeDayEndDeadline } from '../../../calendar/src/domain/day-end.js';
import { ErrorKind, type RuleViolation } from '../../../contracts/src/errors.js';
import { Role, type Actor } from '../../../contracts/src/identity.js';
import {
  RiskItemStatus,
  RiskItemStep,
  type EvidenceFile,
  type PlannedDeadline,
  type RegisterRiskItemInput,
  type RiskItemState,
  type RiskItemView,
} from '../../../contracts/src/risk-item.contracts.js';
import { type ReferralLink } from '../../../contracts/src/referral.contracts.js';

/** Who may take a step: the responsible unit's staff, or the county office's supervisors. */
type StepScope =
  | 'responsible-unit'
  | 'county-supervisor'
  | 'supervisor-or-registering-head'
  | 'supervisor-or-case-staff'
  | 'verifier';

interface StepRule {
  from: readonly RiskItemStatus[];
  scope: StepScope;
  /** Steps that change a case against the unit's will must say why. */
  needsReason: boolean;
}

const ACTIVE: readonly RiskItemStatus[] = [RiskItemStatus.Assigned, RiskItemStatus.Rectifying];

/** The transition table of docs/domain.md §3.1. */
export const RISK_ITEM_TRANSITIONS: Readonly<Record<RiskItemStep, StepRule>> = {
  [RiskItemStep.Assign]: {
    from: [RiskItemStatus.Registered],
    scope: 'supervisor-or-registering-head',
    needsReason: false,
  },
  [RiskItemStep.StartRectification]: {
    from: [RiskItemStatus.Assigned],
    scope: 'responsible-unit',
    needsReason: false,
  },
  [RiskItemStep.SubmitRectification]: {
    from: [RiskItemStatus.Rectifying],
    scope: 'responsible-unit',
    needsReason: false,
  },
  [RiskItemStep.Accept]: { from: [RiskItemStatus.Submitted], scope: 'verifier', needsReason: false },
  [RiskItemStep.Reject]: { from: [RiskItemStatus.Submitted], scope: 'verifier', needsReason: true },
  [RiskItemStep.Suspend]: { from: ACTIVE, scope: 'county-supervisor', needsReason: true },
  [RiskItemStep.Resume]: { from: [RiskItemStatus.Suspended], scope: 'county-supervisor', needsReason: false },
  [RiskItemStep.Cancel]: {
    from: [
      RiskItemStatus.Registered,
      RiskItemStatus.Assigned,
      RiskItemStatus.Rectifying,
      RiskItemStatus.Submitted,
      RiskItemStatus.Suspended,
    ],
    scope: 'county-supervisor',
    needsReason: true,
  },
  [RiskItemStep.Replan]: { from: ACTIVE, scope: 'county-supervisor', needsReason: true },
  [RiskItemStep.MarkCriminalThreshold]: {
    from: [
      RiskItemStatus.Registered,
      RiskItemStatus.Assigned,
      RiskItemStatus.Rectifying,
      RiskItemStatus.Submitted,
      RiskItemStatus.Suspended,
    ],
    scope: 'supervisor-or-case-staff',
    needsReason: true,
  },
};

export const TERMINAL_STATUSES: readonly RiskItemStatus[] = [RiskItemStatus.Closed, RiskItemStatus.Cancelled];

/** The roles that work an item in a unit: the only ones that may be named its responsible person. */
export const CASE_STAFF: readonly Role[] = [Role.Handler, Role.UnitHead];

function inScope(scope: StepScope, state: RiskItemState, actor: Actor): boolean {
  switch (scope) {
    case 'responsible-unit':
      return CASE_STAFF.includes(actor.role) && actor.unitId === state.responsibleUnitId;
    case 'county-supervisor':
      return actor.role === Role.Supervisor;
    case 'supervisor-or-registering-head':
      return (
        actor.role === Role.Supervisor ||
        (actor.role === Role.UnitHead && actor.unitId === state.registeringUnitId)
      );
    case 'verifier':
      return actor.role === Role.Supervisor || isDelegatedVerifier(state, actor);
    case 'supervisor-or-case-staff':
      return (
        actor.role === Role.Supervisor ||
        (CASE_STAFF.includes(actor.role) &&
          (actor.unitId === state.registeringUnitId || actor.unitId === state.responsibleUnitId))
      );
  }
}

/** The head of the responsible unit, for the grades whose verification the policy delegates. */
function isDelegatedVerifier(state: RiskItemState, actor: Actor): boolean {
  return (
    (state.verificationDelegation?.grades ?? []).includes(state.grade) &&
    actor.role === Role.UnitHead &&
    actor.unitId === state.responsibleUnitId
  );
}

const SCOPE_TEXT: Record<StepScope, string> = {
  'responsible-unit': "a handler or the head of the item's responsible unit",
  'county-supervisor': 'a county supervisor (督办员)',
  'supervisor-or-registering-head': 'a county supervisor or the head of the registering unit',
  'supervisor-or-case-staff': "a county supervisor or the staff of the item's units",
  verifier:
    "a county supervisor (or, where the policy delegates the item's grade, the head of its responsible unit)",
};

/** Why `actor` may not take `step` now, or undefined when the step is allowed. */
export function checkRiskItemStep(
  state: RiskItemState,
  step: RiskItemStep,
  actor: Actor,
  reason?: string | null,
): RuleViolation | undefined {
  const rule = RISK_ITEM_TRANSITIONS[step];
  if (TERMINAL_STATUSES.includes(state.status)) {
    return {
      code: 'risk-item.closed',
      kind: ErrorKind.Conflict,
      message: `Risk item ${state.id} is ${state.status} and can no longer change${state.status === RiskItemStatus.Closed ? '; reopen it as a new item' : ''}`,
    };
  }
  if (!rule.from.includes(state.status)) {
    return {
      code: 'risk-item.illegal-step',
      kind: ErrorKind.Conflict,
      message: `Cannot ${step} a risk item that is ${state.status}`,
    };
  }
  if (!inScope(rule.scope, state, actor)) {
    return {
      code: 'risk-item.not-allowed',
      kind: ErrorKind.Forbidden,
      message: `Only ${SCOPE_TEXT[rule.scope]} may ${step} this risk item`,
    };
  }
  if (rule.needsReason && !reason?.trim()) {
    return {
      code: 'risk-item.reason-required',
      kind: ErrorKind.Validation,
      message: `A reason is required to ${step}`,
    };
  }
  return checkCriminalThreshold(state, step);
}

/** The 以罚代刑 guard (R art. 11): an item over the criminal threshold closes only once a referral exists. */
function checkCriminalThreshold(state: RiskItemState, step: RiskItemStep): RuleViolation | undefined {
  if (step === RiskItemStep.MarkCriminalThreshold && state.criminalThreshold) {
    return {
      code: 'risk-item.already-marked',
      kind: ErrorKind.Conflict,
      message: `Risk item ${state.id} is already marked as meeting the criminal threshold`,
    };
  }
  if (step === RiskItemStep.Accept && state.criminalThreshold && !state.referral) {
    return {
      code: 'risk-item.referral-required',
      kind: ErrorKind.Conflict,
      message:
        `Risk item ${state.id} meets the criminal threshold: record a referral to the police (or the head's ` +
        'refusal with its reason) before closing it with an administrative outcome (以罚代刑, R art. 11)',
    };
  }
  return undefined;
}

export function allowedRiskItemSteps(state: RiskItemState, actor: Actor | undefined): RiskItemStep[] {
  if (!actor) return [];
  // A step that needs a reason is allowed if a reason would make it so.
  return Object.values(RiskItemStep).filter((step) => !checkRiskItemStep(state, step, actor, 'reason'));
}

export function viewRiskItem(state: RiskItemState, actor: Actor | undefined): RiskItemView {
  return { ...state, allowedSteps: allowedRiskItemSteps(state, actor) };
}

export function registerRiskItem(input: RegisterRiskItemInput, at: string): RiskItemState {
  return {
    id: input.id,
    source: input.source,
    sourceDate: input.sourceDate,
    actionNo: input.actionNo,
    business: input.business,
    description: input.description,
    grade: input.grade,
    ...(input.verificationDelegation ? { verificationDelegation: input.verificationDelegation } : {}),
    status: RiskItemStatus.Registered,
    registeredBy: input.context.actor.userId,
    registeringUnitId: input.context.actor.unitId,
    registeredAt: at,
    responsibleUnitId: null,
    responsibleUserId: null,
    deadline: null,
    reminderSent: false,
    overdue: false,
    verificationDueAt: null,
    verificationReminded: false,
    suspension: null,
    rectification: null,
    verifications: [],
    round: 0,
    cancelReason: null,
    closedAt: null,
    reopenOf: input.reopenOf,
    sequence: 1,
  };
}

const next = (state: RiskItemState, changes: Partial<RiskItemState>): RiskItemState => ({
  ...state,
  ...changes,
  sequence: state.sequence + 1,
});

/** A fresh rectification clock: a new deadline clears the reminder and overdue marks. */
function withDeadline(deadline: PlannedDeadline): Partial<RiskItemState> {
  return { deadline, reminderSent: false, overdue: false };
}

export function assignRiskItem(
  state: RiskItemState,
  responsibleUnitId: string,
  responsibleUserId: string | null,
  deadline: PlannedDeadline,
): RiskItemState {
  return next(state, {
    status: RiskItemStatus.Assigned,
    responsibleUnitId,
    responsibleUserId,
    round: 1,
    ...withDeadline(deadline),
  });
}

export function startRectification(state: RiskItemState): RiskItemState {
  return next(state, { status: RiskItemStatus.Rectifying });
}

export function submitRectification(
  state: RiskItemState,
  actor: Actor,
  measures: string,
  evidence: EvidenceFile[],
  at: string,
  verificationDueAt: string,
): RiskItemState {
  return next(state, {
    status: RiskItemStatus.Submitted,
    rectification: { measures, evidence, submittedBy: actor.userId, submittedAt: at },
    verificationDueAt,
    verificationReminded: false,
  });
}

export function acceptRectification(state: RiskItemState, actor: Actor, at: string): RiskItemState {
  return next(state, {
    // Closed without a transfer although the head found the threshold met (以罚代刑, flagged). A refusal
    // that reasons the facts below the threshold is lawful (R art. 5) and is not flagged by itself.
    ...(state.criminalThreshold
      ? { administrativeOnly: state.referral?.status === 'refused' && state.referral.thresholdMet === true }
      : {}),
    status: RiskItemStatus.Closed,
    closedAt: at,
    verificationDueAt: null,
    verifications: [
      ...state.verifications,
      { result: 'accepted', reason: null, verifiedBy: actor.userId, verifiedAt: at },
    ],
  });
}

/** A failed verification sends the item back to rectifying, on a new deadline (docs/domain.md §3.1). */
export function rejectRectification(
  state: RiskItemState,
  actor: Actor,
  reason: string,
  at: string,
  deadline: PlannedDeadline,
): RiskItemState {
  return next(state, {
    status: RiskItemStatus.Rectifying,
    round: state.round + 1,
    verificationDueAt: null,
    verifications: [
      ...state.verifications,
      { result: 'rejected', reason, verifiedBy: actor.userId, verifiedAt: at },
    ],
    ...withDeadline(deadline),
  });
}

/** Pauses the clock: what is left of the deadline (and of the reminder lead) is kept exactly. */
export function suspendRiskItem(state: RiskItemState, at: string): RiskItemState {
  const now = Date.parse(at);
  const due = state.deadline ? Date.parse(state.deadline.dueAt) : now;
  const reminderLeadMs =
    state.deadline?.reminderAt && !state.reminderSent ? due - Date.parse(state.deadline.reminderAt) : null;
  return next(state, {
    status: RiskItemStatus.Suspended,
    suspension: { resumeTo: state.status, remainingMs: Math.max(0, due - now), reminderLeadMs, since: at },
  });
}

/**
 * Restarts the clock with what was left. A deadline at 24:00 keeps ending at 24:00: the whole days left
 * after the suspension day are counted again after the resume day (`keepDayEnd`, decision 0006); any
 * other deadline (hours, an explicit instant) and a clock that had run out keep the exact time left.
 */
export function resumeRiskItem(state: RiskItemState, at: string, keepDayEnd: boolean): RiskItemState {
  const suspension = state.suspension;
  if (!suspension) throw new Error('resume without suspension');
  const dayEnd =
    keepDayEnd && state.deadline && suspension.remainingMs > 0 && isLocalDayEnd(state.deadline.dueAt)
      ? resumeDayEndDeadline(state.deadline.dueAt, suspension.since, at)
      : null;
  const dueAt = dayEnd?.dueAt ?? new Date(Date.parse(at) + suspension.remainingMs).toISOString();
  const reminderAt =
    suspension.reminderLeadMs !== null
      ? new Date(Date.parse(dueAt) - suspension.reminderLeadMs).toISOString()
      : null;
  const kept = dayEnd
    ? {
        en: `remaining time kept: ${dayEnd.daysLeft} whole days after the suspension day, counted from the resume day: due ${dayEnd.lastDay} 24:00 (Asia/Shanghai)`,
        zh: `剩余期限不变：中止之日后尚余${dayEnd.daysLeft}日，自恢复之日起算，${dayEnd.lastDay} 24:00到期`,
      }
    : { en: `remaining time kept: due ${dueAt}`, zh: `剩余期限不变：${dueAt}到期` };
  const deadline: PlannedDeadline | null = state.deadline
    ? {
        ...state.deadline,
        dueAt,
        reminderAt: reminderAt ?? state.deadline.reminderAt,
        rule: {
          en: `${state.deadline.rule.en}; suspended ${suspension.since}, resumed ${at}, ${kept.en}`,
          zh: `${state.deadline.rule.zh}；${suspension.since}中止，${at}恢复，${kept.zh}`,
        },
      }
    : null;
  return next(state, { status: suspension.resumeTo, suspension: null, deadline });
}

export function cancelRiskItem(state: RiskItemState, reason: string, at: string): RiskItemState {
  return next(state, {
    status: RiskItemStatus.Cancelled,
    cancelReason: reason,
    closedAt: at,
    verificationDueAt: null,
    suspension: null,
  });
}

export function replanRiskItem(state: RiskItemState, deadline: PlannedDeadline): RiskItemState {
  return next(state, withDeadline(deadline));
}

export function markCriminalThreshold(
  state: RiskItemState,
  actor: Actor,
  reason: string,
  at: string,
): RiskItemState {
  return next(state, { criminalThreshold: { markedBy: actor.userId, markedAt: at, reason } });
}

/**
 * A referral from this item was recorded (or refused by the head): the item is over the threshold by
 * the referral's own account. A closed or cancelled item is never edited, so it ignores the link.
 */
export function linkReferral(state: RiskItemState, link: ReferralLink): RiskItemState | undefined {
  if (TERMINAL_STATUSES.includes(state.status)) return undefined;
  // A repeated signal (a retried activity) changes nothing.
  if (state.referral?.referralId === link.referralId && state.referral.status === link.status)
    return undefined;
  const criminalThreshold = state.criminalThreshold ?? {
    markedBy: 'system',
    markedAt: link.at,
    reason: `referral ${link.referralId} recorded`,
  };
  return next(state, { criminalThreshold, referral: link });
}

export function markReminderSent(state: RiskItemState): RiskItemState {
  return next(state, { reminderSent: true });
}

export function markOverdue(state: RiskItemState): RiskItemState {
  return next(state, { overdue: true });
}

export function markVerificationReminded(state: RiskItemState): RiskItemState {
  return next(state, { verificationReminded: true });
}

export type RiskItemTimerKind = 'reminder' | 'overdue' | 'verification-due';

/** The next clock event the workflow must wait for, or undefined when no clock runs. */
export function nextRiskItemTimer(state: RiskItemState): { kind: RiskItemTimerKind; at: string } | undefined {
  if (ACTIVE.includes(state.status) && state.deadline) {
    if (!state.reminderSent && state.deadline.reminderAt)
      return { kind: 'reminder', at: state.deadline.reminderAt };
    if (!state.overdue) return { kind: 'overdue', at: state.deadline.dueAt };
  }
  if (state.status === RiskItemStatus.Submitted && state.verificationDueAt && !state.verificationReminded) {
    return { kind: 'verification-due', at: state.verificationDueAt };
  }
  return undefined;
}
