import {
  DirectiveStatus,
  DirectiveStep,
  type DirectiveState,
  type DirectiveView,
  type IssueDirectiveInput,
} from '../../../contracts/src/directive.contracts.js';
import { ErrorKind, type RuleViolation } from '../../../contracts/src/errors.js';
import { Role, type Actor } from '../../../contracts/src/identity.js';

const ACKNOWLEDGING_ROLES: readonly Role[] = [Role.Handler, Role.UnitHead];

export function issueDirective(input: IssueDirectiveInput, at: string): DirectiveState {
  return {
    id: input.id,
    title: input.title,
    body: input.body,
    assigneeUnitId: input.assigneeUnitId,
    status: DirectiveStatus.Issued,
    issuedBy: input.context.actor.userId,
    issuedAt: at,
    acknowledgedBy: null,
    acknowledgedAt: null,
    note: null,
    sequence: 1,
  };
}

/** Only the assignee unit's handler or head may acknowledge, and only once. */
export function checkAcknowledge(state: DirectiveState, actor: Actor): RuleViolation | undefined {
  if (state.status !== DirectiveStatus.Issued) {
    return {
      code: 'directive.illegal-step',
      kind: ErrorKind.Conflict,
      message: `The directive is already ${state.status}`,
    };
  }
  if (actor.unitId !== state.assigneeUnitId || !ACKNOWLEDGING_ROLES.includes(actor.role)) {
    return {
      code: 'directive.not-assignee',
      kind: ErrorKind.Forbidden,
      message: "Only a handler or the head of the directive's unit may acknowledge it",
    };
  }
  return undefined;
}

export function acknowledge(
  state: DirectiveState,
  actor: Actor,
  note: string | null,
  at: string,
): DirectiveState {
  return {
    ...state,
    status: DirectiveStatus.Acknowledged,
    acknowledgedBy: actor.userId,
    acknowledgedAt: at,
    note,
    sequence: state.sequence + 1,
  };
}

export function allowedDirectiveSteps(state: DirectiveState, actor: Actor | undefined): DirectiveStep[] {
  return actor && !checkAcknowledge(state, actor) ? [DirectiveStep.Acknowledge] : [];
}

export function viewDirective(state: DirectiveState, actor: Actor | undefined): DirectiveView {
  return { ...state, allowedSteps: allowedDirectiveSteps(state, actor) };
}
