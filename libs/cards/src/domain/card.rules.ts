import {
  CARD_CASE_TYPE,
  CardStatus,
  CardStep,
  CardSubjectType,
  type CardOpening,
  type CardState,
  type CardStepOrigin,
  type CardTrigger,
  type CardView,
  type PlannedCardLevel,
  type RecordSummonsInput,
} from '../../../contracts/src/card.contracts.js';
import { type FileRecord } from '../../../contracts/src/file-record.js';
import { ErrorKind, type RuleViolation } from '../../../contracts/src/errors.js';
import { Role, type Actor } from '../../../contracts/src/identity.js';
import { caseLedgerStep, type LedgerStep } from '../../../contracts/src/ledger.js';
import {
  caseNotifyRequest,
  NotificationKind,
  type NotificationAudience,
  type NotifyRequest,
} from '../../../contracts/src/notification.contracts.js';
import type { UnitKind } from '../../../identity/src/unit.entity.js';

const STAFF: readonly Role[] = [Role.Handler, Role.UnitHead];

/**
 * Cards are raised on the units the campaign supervises; the county government directs the campaign
 * (its leader is the red card's recipient) and never bears one, whoever or whatever raises it.
 */
export function checkCardUnit(unit: { id: string; kind: UnitKind }): RuleViolation | undefined {
  if (unit.kind !== 'county_government') return undefined;
  return {
    code: 'card.unit-not-supervised',
    kind: ErrorKind.UnprocessableContent,
    message: `${unit.id} is the county government, which directs the campaign: no card is raised on it`,
  };
}

/** Why `actor` may not take `step` on the card now, or undefined. */
export function checkCardStep(
  state: CardState,
  step: CardStep,
  actor: Actor,
  reason?: string | null,
): RuleViolation | undefined {
  if (state.status !== CardStatus.Open) {
    return { code: 'card.closed', kind: ErrorKind.Conflict, message: `Card ${state.id} is ${state.status}` };
  }
  switch (step) {
    case CardStep.Respond:
      if (!STAFF.includes(actor.role) || actor.unitId !== state.unitId) {
        return {
          code: 'card.not-allowed',
          kind: ErrorKind.Forbidden,
          message: "Only a handler or the head of the card's unit may respond to it",
        };
      }
      return undefined;
    case CardStep.Lift:
      if (actor.role !== Role.Supervisor) return supervisorsOnly(step);
      // A supervisor's own card has no other case behind it: accepting the response resolves it.
      if (!state.subjectResolved && state.subject.type !== CardSubjectType.Manual) {
        return {
          code: 'card.subject-open',
          kind: ErrorKind.Conflict,
          message: `The card's subject ${state.subject.type} ${state.subject.id} is not resolved yet`,
        };
      }
      if (state.responses.length === 0) {
        return {
          code: 'card.no-response',
          kind: ErrorKind.Conflict,
          message: 'The unit has not responded to the card yet',
        };
      }
      return undefined;
    case CardStep.Withdraw:
      if (actor.role !== Role.Supervisor) return supervisorsOnly(step);
      if (!reason?.trim()) {
        return {
          code: 'card.reason-required',
          kind: ErrorKind.Validation,
          message: 'A reason is required to withdraw',
        };
      }
      return undefined;
    case CardStep.RecordSummons:
      if (actor.role !== Role.Supervisor && actor.role !== Role.Leader) {
        return {
          code: 'card.not-allowed',
          kind: ErrorKind.Forbidden,
          message: 'Only a county supervisor or leader may record a summons',
        };
      }
      if (!state.summons) return summonsViolation('This card has no summons (约谈) scheduled');
      return state.summons.held ? summonsViolation('The summons was recorded already') : undefined;
    case CardStep.ReferAccountability:
      if (actor.role !== Role.Supervisor) return supervisorsOnly(step);
      if (!state.summons?.held)
        return summonsViolation('Accountability follows the summons: record it first');
      if (!reason?.trim()) {
        return {
          code: 'card.reason-required',
          kind: ErrorKind.Validation,
          message: 'A reason is required to refer accountability',
        };
      }
      return undefined;
  }
}

const summonsViolation = (message: string): RuleViolation => ({
  code: 'card.summons',
  kind: ErrorKind.Conflict,
  message,
});

/** Why a summons record is not acceptable (the step being allowed), or undefined. */
export function checkSummonsRecord(input: RecordSummonsInput, at: string): RuleViolation | undefined {
  const invalid = (message: string): RuleViolation => ({
    code: 'card.summons-record',
    kind: ErrorKind.Validation,
    message,
  });
  if (Date.parse(input.heldAt) > Date.parse(at)) return invalid('A summons is recorded once it was held');
  const attendees = input.attendees.map((a) => a.trim()).filter((a) => a.length > 0);
  return attendees.length < 2 ? invalid('A summons has at least the leader and the unit head') : undefined;
}

export function recordSummons(state: CardState, input: RecordSummonsInput, at: string): CardState {
  if (!state.summons) throw new Error('summons recorded on a card without one');
  const held = {
    heldAt: new Date(input.heldAt).toISOString(),
    attendees: input.attendees.map((a) => a.trim()).filter((a) => a.length > 0),
    minutes: input.minutes,
    recordedBy: input.context.actor.userId,
    recordedAt: at,
  };
  return next(state, { summons: { ...state.summons, held } });
}

/** The red card's outcome: accountability referred to the discipline inspection body; the card closes. */
export function referAccountability(
  state: CardState,
  actor: Actor,
  letter: FileRecord,
  reason: string,
  at: string,
) {
  const accountability = {
    referredTo: 'discipline-inspection' as const,
    reason,
    letter,
    referredBy: actor.userId,
    referredAt: at,
  };
  return next(state, {
    accountability,
    status: CardStatus.AccountabilityReferred,
    closedBy: actor.userId,
    closedAt: at,
    closeReason: reason,
  });
}

function supervisorsOnly(step: CardStep): RuleViolation {
  return {
    code: 'card.not-allowed',
    kind: ErrorKind.Forbidden,
    message: `Only a county supervisor may ${step} a card`,
  };
}

export function allowedCardSteps(state: CardState, actor: Actor | undefined): CardStep[] {
  if (!actor) return [];
  return Object.values(CardStep).filter((step) => !checkCardStep(state, step, actor, 'reason'));
}

export function viewCard(state: CardState, actor: Actor | undefined): CardView {
  return { ...state, allowedSteps: allowedCardSteps(state, actor) };
}

const reached = (plan: PlannedCardLevel, at: string) => ({
  level: plan.level,
  colour: plan.colour,
  nameZh: plan.nameZh,
  reachedAt: at,
  dueAt: plan.dueAt,
  rule: plan.rule,
  recipients: plan.recipients,
});

export function raiseCard(
  trigger: CardTrigger,
  opening: CardOpening,
  plan: PlannedCardLevel,
  at: string,
): CardState {
  return {
    id: opening.id,
    unitId: trigger.unitId,
    subject: trigger.subject,
    reason: trigger.reason,
    status: CardStatus.Open,
    level: plan.level,
    levels: [reached(plan, at)],
    atTop: plan.isTop,
    policyVersion: plan.policyVersion,
    triggers: [{ key: trigger.key, at, reason: trigger.reason }],
    subjectResolved: false,
    responses: [],
    summons: plan.summonsAt ? { scheduledFor: plan.summonsAt, leaderRole: 'leader' } : null,
    closedBy: null,
    closedAt: null,
    closeReason: null,
    sequence: 1,
  };
}

/** The notice of the level the card has just reached: its recipients and rule, from the ladder policy. */
export function cardLevelNotice(origin: { workflowId: string; at: string }, card: CardState): NotifyRequest {
  const level = card.levels[card.levels.length - 1];
  const audience: NotificationAudience = {
    roles: level.recipients.map((r) => ({
      role: r.role as Role,
      ...(r.scope === 'card-unit' ? { unitId: card.unitId } : {}),
    })),
  };
  return caseNotifyRequest(
    origin,
    { caseType: CARD_CASE_TYPE, caseId: card.id, unitId: card.unitId, sequence: card.sequence },
    NotificationKind.Escalation,
    audience,
    `${level.nameZh}：${card.id}`,
    `${level.rule.zh}${card.summons ? `；约谈日期 summons on ${card.summons.scheduledFor}` : ''}`,
  );
}

/**
 * A card opened by its first trigger, as one step: the state it opens with, the raise's ledger entry and
 * its first level's notice. The opening activity records these; the workflow keeps the state it returns.
 */
export function cardOpened(
  origin: CardStepOrigin,
  trigger: CardTrigger,
  opening: CardOpening,
): { state: CardState; step: LedgerStep<CardState>; notices: NotifyRequest[] } {
  const state: CardState = {
    ...raiseCard(trigger, opening, opening.plan, origin.at),
    chainRunId: origin.chainRunId,
  };
  return {
    state,
    step: cardRaiseStep(origin, trigger, state),
    notices: [cardLevelNotice(origin, state)],
  };
}

/**
 * The ledger step of a card's opening. The opening activity records it; the card workflow rebuilds it
 * from its request and the activity's answer, so the audit's replay sees the step it never hands over.
 */
export const cardRaiseStep = (
  origin: CardStepOrigin,
  trigger: CardTrigger,
  state: CardState,
): LedgerStep<CardState> => caseLedgerStep(origin, CARD_CASE_TYPE, state, trigger.context, 'raise');

const next = (state: CardState, changes: Partial<CardState>): CardState => ({
  ...state,
  ...changes,
  sequence: state.sequence + 1,
});

/** The card climbs one level because its deadline passed with the subject unresolved. */
export function escalateCard(state: CardState, plan: PlannedCardLevel, at: string): CardState {
  return next(state, {
    level: plan.level,
    levels: [...state.levels, reached(plan, at)],
    atTop: plan.isTop,
    summons:
      state.summons ?? (plan.summonsAt ? { scheduledFor: plan.summonsAt, leaderRole: 'leader' } : null),
  });
}

/** A repeated delivery of a trigger already on the card (same key) changes nothing. */
export function hasTrigger(state: CardState, key: string): boolean {
  return state.triggers.some((t) => t.key === key);
}

export function joinTrigger(state: CardState, trigger: CardTrigger, at: string): CardState {
  return next(state, { triggers: [...state.triggers, { key: trigger.key, at, reason: trigger.reason }] });
}

export function markSubjectResolved(state: CardState): CardState {
  return next(state, { subjectResolved: true });
}

/**
 * The most text a card's responses hold together. Every step carries the card's whole state, and a
 * state past Temporal's payload limits fails every later task: a unit that filled it with responses
 * would leave its card open for ever, beyond escalation, lifting and withdrawal. Counted in UTF-16
 * units, at most about 400 KB of UTF-8; twenty full-length responses fit, longer material goes in files.
 */
export const CARD_RESPONSES_MAX_CHARACTERS = 100_000;

/** Why `text` does not fit beside the card's earlier responses, or undefined. */
export function checkResponseRoom(state: CardState, text: string): RuleViolation | undefined {
  const held = state.responses.reduce((n, r) => n + r.text.length, 0);
  if (held + text.length <= CARD_RESPONSES_MAX_CHARACTERS) return undefined;
  return {
    code: 'card.responses-full',
    kind: ErrorKind.Conflict,
    message:
      `The card's responses hold ${held} of ${CARD_RESPONSES_MAX_CHARACTERS} characters, so this one ` +
      `(${text.length}) does not fit; send longer material as files with a short response`,
  };
}

export function respondToCard(state: CardState, actor: Actor, text: string, at: string): CardState {
  return next(state, {
    responses: [...state.responses, { text, respondedBy: actor.userId, respondedAt: at, level: state.level }],
  });
}

export function closeCard(
  state: CardState,
  status: CardStatus.Lifted | CardStatus.Withdrawn,
  actor: Actor,
  at: string,
  reason: string | null,
): CardState {
  // Lifting means the subject is settled (for a manual card, by accepting the unit's response).
  const subjectResolved = state.subjectResolved || status === CardStatus.Lifted;
  return next(state, { status, closedBy: actor.userId, closedAt: at, closeReason: reason, subjectResolved });
}

/** When the card climbs next, or undefined once it is closed, resolved or at the top of the ladder. */
export function nextEscalationAt(state: CardState): string | undefined {
  if (state.status !== CardStatus.Open || state.subjectResolved || state.atTop) return undefined;
  return state.levels[state.levels.length - 1]?.dueAt;
}
