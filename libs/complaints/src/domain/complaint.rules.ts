import { ErrorKind, type RuleViolation } from '../../../contracts/src/errors.js';
import { COUNTY_WIDE_ROLES, Role, type Actor } from '../../../contracts/src/identity.js';
import {
  ComplaintCategory,
  ComplaintClock,
  ComplaintOutcomeKind,
  ComplaintStatus,
  ComplaintStep,
  REPORTER_STEPS,
  RetaliationKind,
  RewardStatus,
  type ComplaintClockRun,
  type ComplaintState,
  type ComplaintStepInput,
  type ComplaintView,
  type PlannedComplaintClock,
  type ReceiveComplaintInput,
  type ReportedBusiness,
  type ReporterView,
} from '../../../contracts/src/complaint.contracts.js';
import { rewardIneligibility } from './reward.js';

/** Case workers of the handling unit, and the county's supervisors, take the handling steps. */
const CASE_WORKERS: readonly Role[] = [Role.Handler, Role.UnitHead, Role.Supervisor];
/** Steps that need a head's or supervisor's authority (an extension, a reward's approval). */
const APPROVERS: readonly Role[] = [Role.UnitHead, Role.Supervisor, Role.Leader];
/** Outcomes that name the case or authority the report went to. */
const OUTCOMES_WITH_REF: readonly ComplaintOutcomeKind[] = [
  ComplaintOutcomeKind.RiskItem,
  ComplaintOutcomeKind.Referral,
  ComplaintOutcomeKind.Merged,
  ComplaintOutcomeKind.Transferred,
];

const violation = (code: string, kind: ErrorKind, message: string): RuleViolation => ({
  code: `complaint.${code}`,
  kind,
  message,
});
const conflict = (code: string, message: string) => violation(code, ErrorKind.Conflict, message);
const invalid = (message: string) => violation('invalid', ErrorKind.Validation, message);
const forbidden = (message: string) => violation('forbidden', ErrorKind.Forbidden, message);

/** Reports about one business share a key: its credit code, else its name without spaces or case. */
export function groupKeyOf(business: ReportedBusiness): string {
  return business.creditCode
    ? `code:${business.creditCode.toUpperCase()}`
    : `name:${business.name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()}`;
}

export function receiveComplaint(input: ReceiveComplaintInput, at: string): ComplaintState {
  return {
    id: input.id,
    category: input.category,
    unitId: input.unitId,
    actionNo: input.actionNo,
    business: input.business,
    groupKey: input.groupKey,
    what: input.what,
    occurredOn: input.occurredOn,
    place: input.place,
    evidence: input.evidence,
    named: input.named,
    traceable: input.traceable,
    pseudonym: input.pseudonym,
    insider: input.insider,
    employer: input.employer,
    status: ComplaintStatus.Received,
    receivedAt: at,
    questions: [],
    acceptance: null,
    extension: null,
    outcome: null,
    informedAt: null,
    reward: null,
    reveals: [],
    retaliation: [],
    clocks: [],
    overdue: false,
    closedAt: null,
    sequence: 1,
  };
}

/** The clock a status starts: acceptance or verification at receipt, the notice after a decision. */
export function clocksToStart(before: ComplaintState | null, after: ComplaintState): ComplaintClock[] {
  if (!before) {
    return [
      after.category === ComplaintCategory.Complaint
        ? ComplaintClock.Acceptance
        : ComplaintClock.Verification,
    ];
  }
  if (!before.extension && after.extension) return [ComplaintClock.VerificationExtended];
  if (before.status !== ComplaintStatus.Decided && after.status === ComplaintStatus.Decided) {
    return [ComplaintClock.OutcomeNotice];
  }
  return [];
}

/** Where a clock counts from: receipt for acceptance and verification (also extended), else now. */
export function clockStart(state: ComplaintState, clock: ComplaintClock, at: string): string {
  return clock === ComplaintClock.OutcomeNotice ? at : state.receivedAt;
}

/** Adds planned clocks as running. */
export function startClocks(state: ComplaintState, planned: PlannedComplaintClock[]): ComplaintState {
  return {
    ...state,
    clocks: [
      ...state.clocks,
      ...planned.map((p) => ({ ...p, remindedAt: null, stoppedAt: null, expiredAt: null })),
    ],
  };
}

const running = (run: ComplaintClockRun) => run.stoppedAt === null;

/** Clocks a step ends: the one it answers (in time or late). */
function stopClocks(state: ComplaintState, clocks: ComplaintClock[], at: string): ComplaintClockRun[] {
  return state.clocks.map((run) =>
    running(run) && clocks.includes(run.clock) ? { ...run, stoppedAt: at } : run,
  );
}

/** The clock's next event: its reminder while it is due, else its expiry; null when none runs. */
export interface ComplaintTimer {
  clock: ComplaintClock;
  event: 'reminder' | 'expiry';
  at: string;
}

export function nextComplaintTimer(state: ComplaintState): ComplaintTimer | null {
  const timers: ComplaintTimer[] = [];
  for (const run of state.clocks.filter(running)) {
    if (run.reminderAt && !run.remindedAt && !run.expiredAt) {
      timers.push({ clock: run.clock, event: 'reminder', at: run.reminderAt });
    } else if (!run.expiredAt) {
      timers.push({ clock: run.clock, event: 'expiry', at: run.dueAt });
    }
  }
  timers.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return timers[0] ?? null;
}

/** The timer fired: a reminder is noted; an expiry marks the case overdue (the clock keeps running). */
export function fireTimer(state: ComplaintState, timer: ComplaintTimer, at: string): ComplaintState {
  return {
    ...state,
    overdue: state.overdue || timer.event === 'expiry',
    clocks: state.clocks.map((run) =>
      running(run) && run.clock === timer.clock
        ? timer.event === 'reminder'
          ? { ...run, remindedAt: at }
          : { ...run, expiredAt: at }
        : run,
    ),
    sequence: state.sequence + 1,
  };
}

/** Whether a clock ran out and is still waiting for its step: the unit is late on this case. */
export function isLate(state: ComplaintState): boolean {
  return state.clocks.some((run) => running(run) && run.expiredAt !== null);
}

/** When the unit's next statutory step is due: the earliest running clock; null when none runs. */
export function dueAtOf(state: ComplaintState): string | null {
  const due = state.clocks
    .filter(running)
    .map((run) => run.dueAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return due[0] ?? null;
}

function isCaseWorker(state: ComplaintState, actor: Actor): boolean {
  return (
    CASE_WORKERS.includes(actor.role) &&
    (COUNTY_WIDE_ROLES.includes(actor.role) || actor.unitId === state.unitId)
  );
}

/** The status and category a step needs, then who may take it; null when it may be taken now. */
export function checkComplaintStep(
  state: ComplaintState,
  step: ComplaintStep,
  input: ComplaintStepInput,
): RuleViolation | null {
  const actor = input.context?.actor ?? null;
  if (REPORTER_STEPS.includes(step) !== (actor === null)) {
    return forbidden(`${step} is ${actor ? 'the reporter’s' : 'a case worker’s'} step`);
  }
  if (state.status === ComplaintStatus.Closed) return conflict('closed', `Complaint ${state.id} is closed`);
  const isComplaint = state.category === ComplaintCategory.Complaint;
  const status = (...allowed: ComplaintStatus[]) =>
    allowed.includes(state.status)
      ? null
      : conflict('illegal-step', `${step} is not possible while ${state.status}`);
  const worker = () =>
    actor && isCaseWorker(state, actor)
      ? null
      : forbidden(`Only case workers of ${state.unitId} may ${step}`);
  const approver = () =>
    actor &&
    APPROVERS.includes(actor.role) &&
    (COUNTY_WIDE_ROLES.includes(actor.role) || actor.unitId === state.unitId)
      ? null
      : forbidden(`Only a unit head, supervisor or leader may ${step}`);
  const needsReason = () => (input.reason?.trim() ? null : invalid(`${step} needs a reason`));
  switch (step) {
    case ComplaintStep.Accept:
      if (!isComplaint) return conflict('illegal-step', 'Only a complaint is accepted; a report is verified');
      return status(ComplaintStatus.Received) ?? worker();
    case ComplaintStep.Refuse:
      if (!isComplaint) return conflict('illegal-step', 'Only a complaint is refused; a report is decided');
      return status(ComplaintStatus.Received) ?? worker() ?? needsReason();
    case ComplaintStep.ExtendVerification:
      if (isComplaint) return conflict('illegal-step', 'Only a report’s verification is extended');
      if (state.extension)
        return conflict('already-extended', 'The verification period was already extended');
      return status(ComplaintStatus.Received) ?? approver() ?? needsReason();
    case ComplaintStep.Ask:
      return worker() ?? (input.question?.trim() ? null : invalid('ask needs a question'));
    case ComplaintStep.Answer: {
      const question = state.questions.find((q) => q.id === input.questionId);
      if (!question)
        return violation('unknown-question', ErrorKind.NotFound, `No question ${input.questionId}`);
      if (question.answer !== null) return conflict('already-answered', 'This question is already answered');
      return input.answer?.trim() ? null : invalid('answer needs text');
    }
    case ComplaintStep.Decide: {
      const blocked =
        status(isComplaint ? ComplaintStatus.Accepted : ComplaintStatus.Received) ??
        worker() ??
        needsReason();
      if (blocked) return blocked;
      const outcome = input.outcome;
      if (!outcome || outcome.kind === ComplaintOutcomeKind.Refused)
        return invalid('decide needs an outcome');
      if (OUTCOMES_WITH_REF.includes(outcome.kind) !== Boolean(outcome.ref)) {
        return invalid(
          `outcome ${outcome.kind} ${OUTCOMES_WITH_REF.includes(outcome.kind) ? 'needs' : 'takes no'} ref`,
        );
      }
      return null;
    }
    case ComplaintStep.InformReporter:
      return status(ComplaintStatus.Decided) ?? worker();
    case ComplaintStep.ProposeReward: {
      const blocked = status(ComplaintStatus.Decided, ComplaintStatus.Concluded) ?? worker();
      if (blocked) return blocked;
      if (isComplaint) return conflict('illegal-step', 'Rewards are for reports, not complaints');
      if (state.reward) return conflict('reward-exists', 'A reward is already proposed for this report');
      const reasons = rewardIneligibility({
        traceable: state.traceable,
        substantiated: state.outcome?.substantiated ?? false,
        firstReporter: input.firstReporter ?? false,
        officialOnDuty: input.officialOnDuty ?? true,
      });
      if (reasons.length > 0)
        return violation('not-eligible', ErrorKind.UnprocessableContent, reasons.join('; '));
      return input.reward ? null : invalid('propose-reward needs the reward');
    }
    case ComplaintStep.ApproveReward:
      if (state.reward?.status !== RewardStatus.Proposed)
        return conflict('illegal-step', 'No proposed reward to approve');
      if (actor?.userId === state.reward.proposedBy) {
        return forbidden('The reward must be approved by someone other than who proposed it');
      }
      return approver();
    case ComplaintStep.ClaimReward:
      return state.reward?.status === RewardStatus.Approved
        ? null
        : conflict('illegal-step', 'No approved reward to claim');
    case ComplaintStep.RecordPayout:
      if (state.reward?.status !== RewardStatus.Claimed)
        return conflict('illegal-step', 'The reward is not claimed');
      return (
        worker() ??
        (input.payoutReference?.trim() ? null : invalid('record-payout needs the payment reference'))
      );
    case ComplaintStep.Close:
      if (state.reward && state.reward.status !== RewardStatus.Paid) {
        return conflict('reward-open', 'A reward is under way: pay it before closing');
      }
      return status(ComplaintStatus.Concluded) ?? worker() ?? needsReason();
    case ComplaintStep.RequestReveal:
      // The designated roles are policy data, checked at the edge; the workflow holds dual control.
      return needsReason();
    case ComplaintStep.ApproveReveal: {
      const request = state.reveals.find((r) => r.id === input.revealId);
      if (!request || request.approvedAt)
        return conflict('illegal-step', `No reveal request ${input.revealId} to approve`);
      return actor?.userId === request.requestedBy
        ? forbidden('A reveal must be approved by a second person, not the requester')
        : null;
    }
    case ComplaintStep.Reveal: {
      const request = state.reveals.find((r) => r.id === input.revealId);
      if (!request?.approvedAt || request.revealedAt) {
        return conflict(
          'reveal-not-approved',
          `Reveal request ${input.revealId} is not approved or already used`,
        );
      }
      return actor?.userId === request.requestedBy
        ? null
        : forbidden('Only the requester sees the identity, once');
    }
    case ComplaintStep.RecordRetaliation:
      if (!state.insider) return conflict('illegal-step', 'Retaliation is recorded on an insider’s report');
      return worker() ?? (input.retaliation ? null : invalid('record-retaliation needs the action'));
  }
}

/** Applies a step the check allowed; clocks the step answers stop. */
export function applyComplaintStep(
  state: ComplaintState,
  step: ComplaintStep,
  input: ComplaintStepInput,
  at: string,
): ComplaintState {
  const by = input.context?.actor.userId ?? 'reporter';
  const reason = input.reason ?? null;
  const next = (changes: Partial<ComplaintState>, stop: ComplaintClock[] = []): ComplaintState => {
    const merged = { ...state, ...changes, sequence: state.sequence + 1 };
    return { ...merged, clocks: stopClocks(merged, stop, at) };
  };
  const verification = [ComplaintClock.Verification, ComplaintClock.VerificationExtended];
  switch (step) {
    case ComplaintStep.Accept:
      return next({ status: ComplaintStatus.Accepted, acceptance: { accepted: true, by, at, reason } }, [
        ComplaintClock.Acceptance,
      ]);
    case ComplaintStep.Refuse:
      return next(
        {
          status: ComplaintStatus.Closed,
          acceptance: { accepted: false, by, at, reason },
          outcome: {
            kind: ComplaintOutcomeKind.Refused,
            ref: null,
            reason: reason ?? '',
            substantiated: false,
            decidedBy: by,
            decidedAt: at,
          },
          closedAt: at,
        },
        [ComplaintClock.Acceptance],
      );
    case ComplaintStep.ExtendVerification:
      return next(
        { extension: { approvedBy: by, requestedBy: input.approvedBy ?? by, at, reason: reason ?? '' } },
        [ComplaintClock.Verification],
      );
    case ComplaintStep.Ask:
      return next({
        questions: [
          ...state.questions,
          {
            id: state.questions.length + 1,
            question: input.question!,
            askedBy: by,
            askedAt: at,
            answer: null,
            answeredAt: null,
          },
        ],
      });
    case ComplaintStep.Answer:
      return next({
        questions: state.questions.map((q) =>
          q.id === input.questionId ? { ...q, answer: input.answer!, answeredAt: at } : q,
        ),
      });
    case ComplaintStep.Decide:
      return next(
        {
          status: state.named ? ComplaintStatus.Decided : ComplaintStatus.Concluded,
          outcome: { ...input.outcome!, reason: reason ?? '', decidedBy: by, decidedAt: at },
        },
        verification,
      );
    case ComplaintStep.InformReporter:
      return next({ status: ComplaintStatus.Concluded, informedAt: at }, [ComplaintClock.OutcomeNotice]);
    case ComplaintStep.ProposeReward:
      return next({
        reward: {
          ...input.reward!,
          status: RewardStatus.Proposed,
          proposedBy: by,
          proposedAt: at,
          approvedBy: null,
          approvedAt: null,
          claimedAt: null,
          payout: null,
        },
      });
    case ComplaintStep.ApproveReward:
      return next({
        reward: { ...state.reward!, status: RewardStatus.Approved, approvedBy: by, approvedAt: at },
      });
    case ComplaintStep.ClaimReward:
      return next({ reward: { ...state.reward!, status: RewardStatus.Claimed, claimedAt: at } });
    case ComplaintStep.RecordPayout: {
      const concluded = state.status === ComplaintStatus.Concluded;
      return next({
        reward: {
          ...state.reward!,
          status: RewardStatus.Paid,
          payout: { reference: input.payoutReference!, paidBy: by, paidAt: at },
        },
        ...(concluded ? { status: ComplaintStatus.Closed, closedAt: at } : {}),
      });
    }
    case ComplaintStep.Close:
      return next({ status: ComplaintStatus.Closed, closedAt: at });
    case ComplaintStep.RequestReveal:
      return next({
        reveals: [
          ...state.reveals,
          {
            id: state.reveals.length + 1,
            requestedBy: by,
            reason: reason ?? '',
            requestedAt: at,
            approvedBy: null,
            approvedAt: null,
            revealedAt: null,
          },
        ],
      });
    case ComplaintStep.ApproveReveal:
      return next({
        reveals: state.reveals.map((r) =>
          r.id === input.revealId ? { ...r, approvedBy: by, approvedAt: at } : r,
        ),
      });
    case ComplaintStep.Reveal:
      return next({
        reveals: state.reveals.map((r) => (r.id === input.revealId ? { ...r, revealedAt: at } : r)),
      });
    case ComplaintStep.RecordRetaliation:
      return next({
        retaliation: [...state.retaliation, { ...input.retaliation!, recordedBy: by, recordedAt: at }],
      });
  }
}

export const COMPLAINT_TERMINAL_STATUSES: readonly ComplaintStatus[] = [ComplaintStatus.Closed];

/** Steps this actor may try now (reporter steps are not listed: they are taken through the public routes). */
export function allowedComplaintSteps(state: ComplaintState, actor: Actor | null): ComplaintStep[] {
  if (!actor) return [];
  const probe: ComplaintStepInput = {
    context: { actor, requestId: 'probe' },
    requestId: 'probe',
    reason: 'probe',
    question: 'probe',
    outcome: { kind: ComplaintOutcomeKind.Closed, ref: null, substantiated: false },
    payoutReference: 'probe',
    retaliation: { kind: RetaliationKind.Other, description: 'probe', occurredOn: '2000-01-01' },
  };
  return Object.values(ComplaintStep).filter(
    (step) =>
      !REPORTER_STEPS.includes(step) &&
      ![ComplaintStep.ProposeReward, ComplaintStep.ApproveReveal, ComplaintStep.Reveal].includes(step) &&
      checkComplaintStep(state, step, probe) === null,
  );
}

export function viewComplaint(state: ComplaintState, actor: Actor | null): ComplaintView {
  return { ...state, allowedSteps: allowedComplaintSteps(state, actor) };
}

/** The reporter's view: status, questions and outcome kind; never who handled it or internal notes. */
export function reporterView(state: ComplaintState): ReporterView {
  return {
    category: state.category,
    status: state.status,
    receivedAt: state.receivedAt,
    questions: state.questions.map(({ id, question, askedAt, answer, answeredAt }) => ({
      id,
      question,
      askedAt,
      answer,
      answeredAt,
    })),
    outcome: state.outcome ? { kind: state.outcome.kind, decidedAt: state.outcome.decidedAt } : null,
    reward: state.reward ? { status: state.reward.status, amountFen: state.reward.amountFen } : null,
  };
}
