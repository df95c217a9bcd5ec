import { ErrorKind, type RuleViolation } from '../../../contracts/src/errors.js';
import { Role, type Actor } from '../../../contracts/src/identity.js';
import {
  POLICE_UNIT_ID,
  ReferralCategory,
  ReferralClock,
  ReferralDocumentKind,
  ReferralStatus,
  ReferralStep,
  type RecordLeadInput,
  type NotApplicableItem,
  type ReferralClockRun,
  type ReferralDocument,
  type ReferralState,
  type ReferralStepInput,
  type ReferralView,
  type SupervisionGround,
} from '../../../contracts/src/referral.contracts.js';

/**
 * Who takes a step: the referring unit's staff, its head only, the police liaison, or a reviewer of a
 * refusal (an auditor's own finding, or a supervisor recording the procuratorate's).
 */
type StepScope = 'regulator-staff' | 'regulator-head' | 'police' | 'refusal-reviewer';

interface StepRule {
  from: readonly ReferralStatus[];
  scope: StepScope;
}

const S = ReferralStatus;

/** Statuses in which the case is still open: duty-crime clues can be transferred from any of them. */
const OPEN_STATUSES: readonly ReferralStatus[] = Object.values(S).filter(
  (s) => s !== S.Refused && s !== S.Closed,
);

/** The transition table of docs/domain.md §3.3: from which statuses a step may be taken, and by whom. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStep, StepRule>> = {
  [ReferralStep.FormTeam]: { from: [S.LeadRecorded], scope: 'regulator-staff' },
  [ReferralStep.SubmitReport]: { from: [S.TeamFormed], scope: 'regulator-staff' },
  [ReferralStep.Decide]: { from: [S.AwaitingDecision], scope: 'regulator-head' },
  [ReferralStep.Transfer]: { from: [S.Approved], scope: 'regulator-staff' },
  [ReferralStep.Receive]: { from: [S.Transferred], scope: 'police' },
  [ReferralStep.NotifyIncomplete]: { from: [S.Received], scope: 'police' },
  [ReferralStep.CompleteFile]: { from: [S.Incomplete], scope: 'regulator-staff' },
  [ReferralStep.ExtendFilingPeriod]: { from: [S.Received], scope: 'police' },
  // Under supervision for a missed filing period, the police may still decide (checked in the input).
  [ReferralStep.DecideFiling]: { from: [S.Received, S.FilingOrdered, S.Supervision], scope: 'police' },
  [ReferralStep.SendNotice]: { from: [S.Decided], scope: 'police' },
  [ReferralStep.RequestReconsideration]: { from: [S.NotFiled], scope: 'regulator-head' },
  [ReferralStep.DecideReconsideration]: { from: [S.Reconsideration], scope: 'police' },
  // R art. 9: after the refusal notice directly, or after the reconsideration; also once the police let
  // the filing period run out (checked in the input).
  [ReferralStep.RequestSupervision]: {
    from: [S.ReconsiderationMaintained, S.NotFiled, S.Received],
    scope: 'regulator-head',
  },
  // The procuratorate has no account: the referring unit's head records its written acts (decision 0009).
  [ReferralStep.RecordProcuratorate]: { from: [S.Supervision, S.Explained], scope: 'regulator-head' },
  [ReferralStep.Explain]: { from: [S.ExplanationDue], scope: 'police' },
  [ReferralStep.AcceptNonFiling]: {
    from: [S.NotFiled, S.ReconsiderationMaintained],
    scope: 'regulator-head',
  },
  [ReferralStep.HandOver]: { from: [S.Filed], scope: 'regulator-staff' },
  [ReferralStep.WithdrawCase]: { from: [S.HandedOver], scope: 'police' },
  [ReferralStep.RecordNonProsecution]: { from: [S.HandedOver], scope: 'regulator-head' },
  [ReferralStep.ConcludeCriminalCase]: { from: [S.HandedOver], scope: 'regulator-head' },
  [ReferralStep.DecidePenalty]: { from: [S.ReturnedForPenalty], scope: 'regulator-head' },
  [ReferralStep.TransferDutyCrimeClue]: { from: OPEN_STATUSES, scope: 'regulator-head' },
  [ReferralStep.RecordRefusalFinding]: { from: [S.Refused], scope: 'refusal-reviewer' },
};

export const REFERRAL_TERMINAL_STATUSES: readonly ReferralStatus[] = [S.Refused, S.Closed];
/** Statuses after the transfer: the police see the case from here on. */
const BEFORE_TRANSFER: readonly ReferralStatus[] = [
  S.LeadRecorded,
  S.TeamFormed,
  S.AwaitingDecision,
  S.Approved,
  S.Refused,
];

export function isAddressedToPolice(state: Pick<ReferralState, 'status' | 'transfer'>): boolean {
  return state.transfer !== null && !BEFORE_TRANSFER.includes(state.status);
}

function inScope(scope: StepScope, state: ReferralState, actor: Actor): boolean {
  switch (scope) {
    case 'regulator-staff':
      return (actor.role === Role.Handler || actor.role === Role.UnitHead) && actor.unitId === state.unitId;
    case 'regulator-head':
      return actor.role === Role.UnitHead && actor.unitId === state.unitId;
    case 'police':
      return actor.role === Role.PoliceLiaison && actor.unitId === POLICE_UNIT_ID;
    case 'refusal-reviewer':
      return actor.role === Role.Auditor || actor.role === Role.Supervisor;
  }
}

const SCOPE_TEXT: Record<StepScope, string> = {
  'regulator-staff': 'a handler or the head of the referring unit',
  'regulator-head': 'the head of the referring unit',
  police: 'the police liaison (公安联络员)',
  'refusal-reviewer': 'an auditor, or a supervisor recording the procuratorate’s finding',
};

const violation = (code: string, kind: ErrorKind, message: string): RuleViolation => ({
  code: `referral.${code}`,
  kind,
  message,
});

/** Why `actor` may not take `step` now (status and role), or undefined when it may. */
export function checkReferralStepAllowed(
  state: ReferralState,
  step: ReferralStep,
  actor: Actor,
): RuleViolation | undefined {
  const rule = REFERRAL_TRANSITIONS[step];
  // A refusal stays open to review: a finding that it was unfounded reopens the referral.
  if (REFERRAL_TERMINAL_STATUSES.includes(state.status) && !rule.from.includes(state.status)) {
    return violation('closed', ErrorKind.Conflict, `Referral ${state.id} is ${state.status}`);
  }
  if (!rule.from.includes(state.status)) {
    return violation('illegal-step', ErrorKind.Conflict, `Cannot ${step} a referral that is ${state.status}`);
  }
  if (!inScope(rule.scope, state, actor)) {
    return violation('not-allowed', ErrorKind.Forbidden, `Only ${SCOPE_TEXT[rule.scope]} may ${step}`);
  }
  return STATE_CONDITIONS[step]?.(state);
}

/**
 * Steps the table allows from the status that the state can still rule out, whatever is entered, each
 * with why. Checked with the status, so the view's allowed steps leave them out rather than offer a
 * step the API would refuse.
 */
const STATE_CONDITIONS: Partial<Record<ReferralStep, (state: ReferralState) => RuleViolation | undefined>> = {
  [ReferralStep.NotifyIncomplete]: (state) =>
    openClock(state, ReferralClock.IncompleteNotice)?.expiredAt === null
      ? undefined
      : violation(
          'window-closed',
          ErrorKind.Conflict,
          'The 24 hours to call the file incomplete have passed (P art. 180)',
        ),
  [ReferralStep.ExtendFilingPeriod]: (state) =>
    state.approvals.length >= 2
      ? violation('extension-exhausted', ErrorKind.Conflict, 'The filing period was extended twice already')
      : undefined,
  [ReferralStep.RequestSupervision]: (state) =>
    state.status === S.Received && !filingOverdue(state)
      ? violation(
          'filing-period-running',
          ErrorKind.Conflict,
          'Supervision before a decision is asked only once the police let the filing period run out',
        )
      : undefined,
  [ReferralStep.DecideFiling]: (state) =>
    state.status === S.Supervision && state.supervision?.ground !== 'filing-overdue'
      ? violation(
          'illegal-step',
          ErrorKind.Conflict,
          'Under supervision of a refusal the procuratorate acts next (P art. 182)',
        )
      : undefined,
};

const invalid = (code: string, message: string) => violation(code, ErrorKind.Validation, message);

function requireDocument(
  doc: ReferralDocument | undefined,
  kind: ReferralDocumentKind,
): RuleViolation | undefined {
  if (!doc) return invalid('document-required', `This step needs a ${kind} document record`);
  if (doc.kind !== kind) return invalid('document-kind', `Expected a ${kind} document, got ${doc.kind}`);
  return undefined;
}

function requireReason(reason: string | null | undefined, what: string): RuleViolation | undefined {
  return reason?.trim() ? undefined : invalid('reason-required', `A reason is required to ${what}`);
}

/** The dossier kinds the checklist requires and the transfer neither carries nor declares not applicable. */
export function missingDossierItems(
  required: readonly ReferralDocumentKind[],
  dossier: ReferralDocument[],
  notApplicable: readonly NotApplicableItem[] = [],
) {
  return required.filter(
    (kind) => !dossier.some((doc) => doc.kind === kind) && !notApplicable.some((item) => item.kind === kind),
  );
}

/** Why the transfer's dossier is not acceptable (R art. 6), or undefined. */
function checkDossier(state: ReferralState, input: ReferralStepInput): RuleViolation | undefined {
  const documents = input.documents ?? [];
  const notApplicable = input.notApplicable ?? [];
  const allowed = state.mayBeNotApplicable ?? [];
  for (const item of notApplicable) {
    if (!allowed.includes(item.kind)) {
      return invalid('not-applicable-refused', `The checklist does not let ${item.kind} be left out`);
    }
    if (!item.reason.trim()) return invalid('reason-required', `Say why ${item.kind} does not apply`);
    if (documents.some((doc) => doc.kind === item.kind)) {
      return invalid(
        'not-applicable-refused',
        `${item.kind} is both in the dossier and declared not applicable`,
      );
    }
  }
  const required = input.penaltyMade
    ? [...state.requiredDossier, ReferralDocumentKind.PenaltyDecision]
    : state.requiredDossier;
  const missing = missingDossierItems(required, documents, notApplicable);
  return missing.length === 0
    ? undefined
    : invalid('dossier-incomplete', `The transfer dossier lacks: ${missing.join(', ')} (R art. 6)`);
}

/** The filing clocks: whichever applies, by category and approvals. */
const FILING_CLOCKS: readonly ReferralClock[] = [
  ReferralClock.FilingDecision,
  ReferralClock.FilingDecisionFoodDrug,
  ReferralClock.FilingDecisionMajor,
  ReferralClock.FilingDecisionExtension,
];

/** The police let the filing period run out and have not decided yet. */
function filingOverdue(state: ReferralState): boolean {
  return state.clocks.some(
    (run) => FILING_CLOCKS.includes(run.clock) && run.expiredAt !== null && run.stoppedAt === null,
  );
}

/** The incomplete-file window (24 h from acceptance) is still open at `at` (its timer may not have fired yet). */
function incompleteWindowOpen(state: ReferralState, at: string): boolean {
  const window = openClock(state, ReferralClock.IncompleteNotice);
  return window !== undefined && Date.parse(at) < Date.parse(window.dueAt);
}

/** Why the step's content is not acceptable (the step itself being allowed), or undefined. */
export function checkReferralStepInput(
  state: ReferralState,
  step: ReferralStep,
  input: ReferralStepInput,
  at: string,
): RuleViolation | undefined {
  const reason = input.context.reason;
  switch (step) {
    case ReferralStep.FormTeam: {
      const officers = new Set(input.officers ?? []);
      return officers.size >= 2
        ? undefined
        : invalid('team-too-small', 'A case team needs at least two different officers (R art. 5)');
    }
    case ReferralStep.SubmitReport:
      return requireDocument(input.document, ReferralDocumentKind.WrittenReport);
    case ReferralStep.Decide:
      if (input.approved === undefined)
        return invalid('decision-required', 'Say whether the transfer is approved');
      if (input.approved) return undefined;
      if (input.thresholdMet === undefined) {
        return invalid(
          'threshold-assessment-required',
          'A refusal says whether the facts meet the criminal threshold (立案追诉标准)',
        );
      }
      return (
        requireReason(reason, 'refuse a transfer (R art. 5)') ??
        (input.penalty ? requireDocument(input.penalty, ReferralDocumentKind.PenaltyDecision) : undefined)
      );
    case ReferralStep.Transfer:
      return checkDossier(state, input);
    case ReferralStep.Receive:
      return undefined;
    case ReferralStep.NotifyIncomplete:
      if (!incompleteWindowOpen(state, at)) {
        return violation(
          'window-closed',
          ErrorKind.Conflict,
          'The 24 hours to call the file incomplete have passed (P art. 180)',
        );
      }
      return input.missing?.trim()
        ? undefined
        : invalid('missing-required', 'Say which materials are missing');
    case ReferralStep.CompleteFile:
    case ReferralStep.HandOver:
      return (input.documents ?? []).length > 0
        ? undefined
        : invalid('documents-required', `${step} needs at least one document record`);
    case ReferralStep.ExtendFilingPeriod: {
      const approval = input.approval;
      if (!approval?.approver.trim()) {
        return invalid('approver-required', 'A longer filing period needs the approver recorded');
      }
      const expected = state.approvals.length === 0 ? 'county-police-head' : 'higher-police';
      if (approval.level !== expected) {
        return invalid('approval-level', `The next extension needs the approval of the ${expected}`);
      }
      return requireDocument(approval.document, ReferralDocumentKind.Approval);
    }
    case ReferralStep.DecideFiling:
      if (input.filed === undefined) return invalid('decision-required', 'Say whether the case is filed');
      if (state.status === S.FilingOrdered && !input.filed) {
        return violation(
          'filing-ordered',
          ErrorKind.Conflict,
          'The procuratorate ordered the case filed (P art. 182)',
        );
      }
      return input.filed ? undefined : requireReason(reason, 'decide not to file');
    case ReferralStep.SendNotice:
      return requireDocument(input.document, ReferralDocumentKind.Notice);
    case ReferralStep.RequestSupervision:
    case ReferralStep.RequestReconsideration:
      return requireDocument(input.document, ReferralDocumentKind.RequestLetter);
    case ReferralStep.DecideReconsideration:
      return input.reconsideration
        ? undefined
        : invalid('decision-required', 'Say whether the case is filed or the refusal maintained');
    case ReferralStep.RecordProcuratorate: {
      const allowed: string[] =
        state.status === S.Supervision ? ['explanation-requested'] : ['filing-ordered', 'reasons-accepted'];
      if (!input.event || !allowed.includes(input.event)) {
        return violation(
          'illegal-step',
          ErrorKind.Conflict,
          `In ${state.status} the procuratorate's next act is ${allowed.join(' or ')}`,
        );
      }
      return requireDocument(input.document, ReferralDocumentKind.ProcuratorateDocument);
    }
    case ReferralStep.Explain:
      return requireDocument(input.document, ReferralDocumentKind.Explanation);
    case ReferralStep.AcceptNonFiling:
      return requireReason(reason, 'accept the police decision not to file');
    case ReferralStep.WithdrawCase:
      return (
        requireReason(reason, 'withdraw a filed case (撤案)') ??
        requireDocument(input.document, ReferralDocumentKind.Notice)
      );
    case ReferralStep.RecordNonProsecution:
    case ReferralStep.ConcludeCriminalCase:
      return requireDocument(input.document, ReferralDocumentKind.ProcuratorateDocument);
    case ReferralStep.DecidePenalty:
      return input.penalty
        ? requireDocument(input.penalty, ReferralDocumentKind.PenaltyDecision)
        : requireReason(reason, 'close a returned case without a penalty decision');
    case ReferralStep.TransferDutyCrimeClue:
      return (
        requireReason(reason, 'transfer duty-crime clues') ??
        requireDocument(input.document, ReferralDocumentKind.SupervisoryTransferLetter)
      );
    case ReferralStep.RecordRefusalFinding: {
      const expected = input.foundBy === 'auditor' ? Role.Auditor : Role.Supervisor;
      if (!input.foundBy)
        return invalid('finder-required', 'Say whose finding it is: auditor or procuratorate');
      if (input.context.actor.role !== expected) {
        return violation(
          'not-allowed',
          ErrorKind.Forbidden,
          input.foundBy === 'auditor'
            ? 'Only an auditor records an audit finding'
            : 'A supervisor records the procuratorate’s finding',
        );
      }
      return (
        requireReason(reason, 'find a refusal unfounded') ??
        requireDocument(input.document, ReferralDocumentKind.Finding)
      );
    }
  }
}

export function checkReferralStep(
  state: ReferralState,
  step: ReferralStep,
  input: ReferralStepInput,
  at: string,
): RuleViolation | undefined {
  return (
    checkReferralStepAllowed(state, step, input.context.actor) ??
    checkReferralStepInput(state, step, input, at)
  );
}

export function allowedReferralSteps(state: ReferralState, actor: Actor | undefined): ReferralStep[] {
  if (!actor) return [];
  return Object.values(ReferralStep).filter((step) => !checkReferralStepAllowed(state, step, actor));
}

/** The police see a referral once it is addressed to them, without the regulator's internal records. */
export function viewReferral(state: ReferralState, actor: Actor | undefined): ReferralView {
  const view = { ...state, allowedSteps: allowedReferralSteps(state, actor) };
  return actor?.role === Role.PoliceLiaison ? { ...view, team: null, report: null } : view;
}

export function recordLead(input: RecordLeadInput, at: string): ReferralState {
  return {
    id: input.id,
    source: input.source,
    sourceRef: input.sourceRef,
    actionNo: input.actionNo,
    category: input.category,
    summary: input.summary,
    requiredDossier: input.requiredDossier,
    mayBeNotApplicable: input.mayBeNotApplicable ?? [],
    subject: input.subject ?? null,
    status: S.LeadRecorded,
    unitId: input.context.actor.unitId,
    recordedBy: input.context.actor.userId,
    recordedAt: at,
    team: null,
    report: null,
    decision: null,
    transfer: null,
    receipt: null,
    incompleteRounds: [],
    approvals: [],
    filing: null,
    notices: [],
    reconsideration: null,
    supervision: null,
    handover: null,
    clocks: [],
    overdue: false,
    criminalOutcome: null,
    penaltyAfterReturn: null,
    dutyCrimeTransfers: [],
    refusalFindings: [],
    procuratorateLiaison: [],
    outcome: null,
    administrativeOnly: false,
    closedAt: null,
    sequence: 1,
  };
}

/** How a step is applied where a workflow still replays histories recorded before a change. */
export interface ReferralStepOptions {
  /**
   * The handover leaves the case open until the criminal case is withdrawn, not prosecuted or concluded;
   * histories recorded before that closed the referral at the handover (decision 0019).
   */
  followCriminalCase: boolean;
  /**
   * The request letters (reconsideration, supervision) and the police's explanation are kept with the
   * state; histories recorded before that dropped them (decision 0019, addendum of 2026-12-03).
   */
  keepRequestDocuments: boolean;
}

/** The options of a step applied by today's code. */
export const CURRENT_STEP_OPTIONS: ReferralStepOptions = {
  followCriminalCase: true,
  keepRequestDocuments: true,
};

const docOf = (input: ReferralStepInput): ReferralDocument => {
  if (!input.document) throw new Error('step applied without its validated document');
  return input.document;
};

/** The next state after a validated step (clocks are synchronised separately, see `wantedClocks`). */
export function applyReferralStep(
  state: ReferralState,
  step: ReferralStep,
  input: ReferralStepInput,
  at: string,
  options: ReferralStepOptions = CURRENT_STEP_OPTIONS,
): ReferralState {
  const by = input.context.actor.userId;
  const reason = input.context.reason?.trim() || null;
  const next = (changes: Partial<ReferralState>): ReferralState => ({
    ...state,
    ...changes,
    sequence: state.sequence + 1,
  });
  /** The step's document where this run keeps it (spread into the record it belongs to). */
  const kept = (key: 'document' | 'explanation') =>
    options.keepRequestDocuments ? { [key]: docOf(input) } : {};
  const close = (outcome: ReferralState['outcome'], changes: Partial<ReferralState> = {}) =>
    next({ status: outcome === 'refused-by-head' ? S.Refused : S.Closed, outcome, closedAt: at, ...changes });
  switch (step) {
    case ReferralStep.FormTeam:
      return next({
        status: S.TeamFormed,
        team: { officers: [...new Set(input.officers)], formedAt: at, formedBy: by },
      });
    case ReferralStep.SubmitReport:
      return next({
        status: S.AwaitingDecision,
        report: { document: docOf(input), submittedBy: by, submittedAt: at },
      });
    case ReferralStep.Decide: {
      if (input.approved === true) {
        return next({
          status: S.Approved,
          decision: { approved: true, reason, decidedBy: by, decidedAt: at },
        });
      }
      const thresholdMet = input.thresholdMet === true;
      const decision = {
        approved: false,
        reason,
        thresholdMet,
        penalty: input.penalty ?? null,
        decidedBy: by,
        decidedAt: at,
      };
      // A reasoned refusal below the threshold is lawful (R art. 5); over it, it is 以罚代刑 (R art. 11).
      return close('refused-by-head', {
        decision,
        administrativeOnly: state.administrativeOnly || thresholdMet,
      });
    }
    case ReferralStep.Transfer:
      return next({
        status: S.Transferred,
        transfer: {
          dossier: input.documents ?? [],
          notApplicable: (input.notApplicable ?? []).map((item) => ({ ...item, reason: item.reason.trim() })),
          transferredBy: by,
          transferredAt: at,
        },
      });
    case ReferralStep.Receive:
      return next({
        status: S.Received,
        receipt: { receivedBy: by, receivedAt: at, document: input.document ?? null },
      });
    case ReferralStep.NotifyIncomplete:
      return next({
        status: S.Incomplete,
        incompleteRounds: [
          ...state.incompleteRounds,
          { notifiedAt: at, notifiedBy: by, missing: input.missing ?? '', completedAt: null, documents: [] },
        ],
      });
    case ReferralStep.CompleteFile: {
      const rounds = [...state.incompleteRounds];
      const last = rounds[rounds.length - 1];
      rounds[rounds.length - 1] = { ...last, completedAt: at, documents: input.documents ?? [] };
      return next({ status: S.Received, incompleteRounds: rounds });
    }
    case ReferralStep.ExtendFilingPeriod: {
      const approval = input.approval;
      if (!approval) throw new Error('extension applied without its validated approval');
      return next({
        approvals: [
          ...state.approvals,
          {
            level: approval.level,
            approver: approval.approver.trim(),
            approvedAt: at,
            document: approval.document,
          },
        ],
      });
    }
    case ReferralStep.DecideFiling:
      return next({
        status: S.Decided,
        filing: { filed: input.filed === true, decidedBy: by, decidedAt: at, reason },
      });
    case ReferralStep.SendNotice: {
      const filed = state.filing?.filed === true;
      return next({
        status: filed ? S.Filed : S.NotFiled,
        notices: [...state.notices, { filed, sentBy: by, sentAt: at, document: docOf(input) }],
      });
    }
    case ReferralStep.RequestReconsideration:
      return next({
        status: S.Reconsideration,
        reconsideration: {
          requestedBy: by,
          requestedAt: at,
          ...kept('document'),
          decision: null,
          decidedAt: null,
        },
      });
    case ReferralStep.DecideReconsideration: {
      const decision = input.reconsideration ?? 'maintain';
      const reconsideration = state.reconsideration && { ...state.reconsideration, decision, decidedAt: at };
      return decision === 'file'
        ? next({
            status: S.Filed,
            reconsideration,
            filing: { filed: true, decidedBy: by, decidedAt: at, reason },
          })
        : next({ status: S.ReconsiderationMaintained, reconsideration });
    }
    case ReferralStep.RequestSupervision: {
      const grounds: Partial<Record<ReferralStatus, SupervisionGround>> = {
        [S.NotFiled]: 'non-filing',
        [S.Received]: 'filing-overdue',
      };
      return next({
        status: S.Supervision,
        supervision: {
          requestedBy: by,
          requestedAt: at,
          ...kept('document'),
          events: [],
          explainedAt: null,
          ground: grounds[state.status] ?? 'reconsideration-maintained',
        },
      });
    }
    case ReferralStep.RecordProcuratorate: {
      const event = input.event ?? 'explanation-requested';
      const supervision = state.supervision ?? {
        requestedBy: by,
        requestedAt: at,
        events: [],
        explainedAt: null,
      };
      const recorded = {
        ...supervision,
        events: [...supervision.events, { event, recordedBy: by, at, document: docOf(input) }],
      };
      switch (event) {
        case 'explanation-requested':
          return next({ status: S.ExplanationDue, supervision: recorded });
        case 'filing-ordered':
          return next({ status: S.FilingOrdered, supervision: recorded });
        case 'reasons-accepted':
          return close('non-filing-upheld-by-procuratorate', { supervision: recorded });
      }
      break;
    }
    case ReferralStep.Explain:
      return next({
        status: S.Explained,
        supervision: state.supervision && { ...state.supervision, explainedAt: at, ...kept('explanation') },
      });
    case ReferralStep.AcceptNonFiling:
      return close('non-filing-accepted');
    case ReferralStep.HandOver: {
      const handover = { documents: input.documents ?? [], handedOverBy: by, handedOverAt: at };
      return options.followCriminalCase
        ? next({ status: S.HandedOver, handover })
        : close('filed-handed-over', { handover });
    }
    case ReferralStep.WithdrawCase:
    case ReferralStep.RecordNonProsecution:
      return next({
        status: S.ReturnedForPenalty,
        criminalOutcome: {
          outcome: step === ReferralStep.WithdrawCase ? 'withdrawn' : 'not-prosecuted',
          recordedBy: by,
          at,
          reason,
          document: docOf(input),
        },
      });
    case ReferralStep.ConcludeCriminalCase:
      return close('criminal-case-concluded', {
        criminalOutcome: { outcome: 'concluded', recordedBy: by, at, reason, document: docOf(input) },
      });
    case ReferralStep.DecidePenalty:
      return close('returned-penalty-decided', {
        penaltyAfterReturn: { document: input.penalty ?? null, reason, decidedBy: by, decidedAt: at },
      });
    case ReferralStep.TransferDutyCrimeClue:
      return next({
        dutyCrimeTransfers: [
          ...(state.dutyCrimeTransfers ?? []),
          { transferredBy: by, at, reason: reason ?? '', document: docOf(input) },
        ],
      });
    case ReferralStep.RecordRefusalFinding:
      // The refusal stands on the record; the case goes back to the head, and stays flagged.
      return next({
        status: S.AwaitingDecision,
        outcome: null,
        closedAt: null,
        administrativeOnly: true,
        refusalFindings: [
          ...(state.refusalFindings ?? []),
          {
            foundBy: input.foundBy ?? 'auditor',
            recordedBy: by,
            at,
            reason: reason ?? '',
            document: docOf(input),
          },
        ],
      });
  }
  throw new Error(`unhandled referral step ${String(step)}`);
}

/** The filing clock that applies: by category, then longer with each recorded approval. */
function filingClock(state: ReferralState): ReferralClock {
  if (state.approvals.length >= 2) return ReferralClock.FilingDecisionExtension;
  if (state.approvals.length === 1) return ReferralClock.FilingDecisionMajor;
  return state.category === ReferralCategory.FoodDrug
    ? ReferralClock.FilingDecisionFoodDrug
    : ReferralClock.FilingDecision;
}

/** When the police last accepted a complete file: the receipt, or the latest completion. */
function acceptedAt(state: ReferralState): string {
  const completed = state.incompleteRounds.map((r) => r.completedAt).filter((t): t is string => t !== null);
  return completed[completed.length - 1] ?? state.receipt?.receivedAt ?? state.recordedAt;
}

/** The clocks that must run in the state's status, each with the instant it starts from. */
export function wantedClocks(
  state: ReferralState,
  at: string,
): Array<{ clock: ReferralClock; from: string }> {
  const now = (clock: ReferralClock) => [{ clock, from: at }];
  switch (state.status) {
    case S.LeadRecorded:
      return [{ clock: ReferralClock.FormTeam, from: state.recordedAt }];
    case S.AwaitingDecision: {
      // After a finding reopened a refusal, the head's period runs from the finding.
      const findings = state.refusalFindings ?? [];
      const from = findings[findings.length - 1]?.at ?? state.report?.submittedAt ?? at;
      return [{ clock: ReferralClock.Decision, from }];
    }
    case S.Approved:
      return now(ReferralClock.Transfer);
    case S.Transferred:
      return now(ReferralClock.Receipt);
    case S.Received: {
      const from = acceptedAt(state);
      return [
        { clock: ReferralClock.IncompleteNotice, from },
        { clock: filingClock(state), from },
      ];
    }
    case S.Incomplete:
      return now(ReferralClock.Completion);
    case S.Decided:
      return now(ReferralClock.DecisionNotice);
    case S.Filed:
      return now(ReferralClock.Handover);
    case S.NotFiled:
      return now(ReferralClock.ReconsiderationRequest);
    case S.Reconsideration:
      return now(ReferralClock.ReconsiderationDecision);
    case S.ReconsiderationMaintained:
      return now(ReferralClock.SupervisionRequest);
    case S.ExplanationDue:
      return now(ReferralClock.PoliceExplanation);
    case S.FilingOrdered:
      return now(ReferralClock.FilingAfterOrder);
    case S.TeamFormed:
    case S.Supervision:
    case S.HandedOver:
    case S.ReturnedForPenalty:
    case S.Explained:
    case S.Refused:
    case S.Closed:
      return [];
  }
}

export function openClock(state: ReferralState, clock: ReferralClock): ReferralClockRun | undefined {
  return state.clocks.find((run) => run.clock === clock && run.stoppedAt === null);
}

/** Clocks wanted now but not running yet: the workflow plans these through the calendar. */
export function clocksToPlan(
  state: ReferralState,
  at: string,
): Array<{ clock: ReferralClock; from: string }> {
  return wantedClocks(state, at).filter(({ clock }) => !openClock(state, clock));
}

/** Stops the clocks no longer wanted (their step was taken) and starts the newly planned ones. */
export function syncClocks(
  state: ReferralState,
  planned: Array<Omit<ReferralClockRun, 'stoppedAt' | 'expiredAt'>>,
  at: string,
): ReferralState {
  const wanted = new Set(wantedClocks(state, at).map((w) => w.clock));
  const clocks = state.clocks.map((run) =>
    run.stoppedAt === null && !wanted.has(run.clock) ? { ...run, stoppedAt: at } : run,
  );
  return {
    ...state,
    clocks: [...clocks, ...planned.map((p) => ({ ...p, stoppedAt: null, expiredAt: null }))],
  };
}

/** The next clock to run out, or undefined when none is waiting. */
export function nextReferralTimer(state: ReferralState): ReferralClockRun | undefined {
  return state.clocks
    .filter((run) => run.stoppedAt === null && run.expiredAt === null)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}

/**
 * A clock ran out: a duty marks the case overdue (and escalates); a window just closes. A police duty is
 * also recorded for the procuratorate's liaison: it, not the food-safety office, supervises the police.
 */
export function expireClock(state: ReferralState, clock: ReferralClock, at: string): ReferralState {
  const run = openClock(state, clock);
  const escalates = run?.onExpiry === 'escalate';
  const forProcuratorate = escalates && run.party === 'police';
  return {
    ...state,
    clocks: state.clocks.map((r) => (r === run ? { ...r, expiredAt: at } : r)),
    overdue: state.overdue || escalates,
    ...(forProcuratorate
      ? {
          procuratorateLiaison: [
            ...(state.procuratorateLiaison ?? []),
            { clock, dueAt: run.dueAt, recordedAt: at },
          ],
        }
      : {}),
    sequence: state.sequence + 1,
  };
}

/** The unit of the party that let a clock run out: the referring unit, or the police. */
export function latePartyUnit(state: ReferralState, run: ReferralClockRun): string {
  return run.party === 'police' ? POLICE_UNIT_ID : state.unitId;
}
