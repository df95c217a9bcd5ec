import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type Actor, type SystemActor } from '../../contracts/src/identity.js';
import { DailyChainKind, dailyChainId } from '../../ledger/src/daily-chain.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';

export const IDENTITY_CASE_TYPE = 'identity';

/** What happened to people, units, sessions, tokens and webhooks; the action names auditors filter on. */
export enum IdentityAction {
  SignIn = 'sign-in',
  SignInFailed = 'sign-in.failed',
  SignInLocked = 'sign-in.locked',
  SignOut = 'sign-out',
  SessionEnded = 'session.ended',
  PasswordChanged = 'password.changed',
  PasswordReset = 'password.reset',
  PersonCreated = 'person.created',
  PersonChanged = 'person.changed',
  PersonDeactivated = 'person.deactivated',
  PersonReactivated = 'person.reactivated',
  TokenCreated = 'token.created',
  TokenRevoked = 'token.revoked',
  UnitCreated = 'unit.created',
  UnitChanged = 'unit.changed',
  UnitDeactivated = 'unit.deactivated',
  UnitReactivated = 'unit.reactivated',
  TaskForceJoined = 'task-force.joined',
  TaskForceLeft = 'task-force.left',
  /** An outside system let in to (or shut out of) the case notifications: access, like a token. */
  WebhookCreated = 'webhook.created',
  WebhookDeactivated = 'webhook.deactivated',
}

/** One change as the identity chain keeps it: ids and field values, never a password, hash or token. */
export interface IdentityChange {
  actor: Actor | SystemActor;
  action: IdentityAction;
  /** What changed (`person/handler.amr`, `unit/amr`, `token/<uuid>`, `webhook/<uuid>`). */
  subject: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  requestId: string;
  occurredAt?: Date;
}

/** Appends to the day's `identity/<day>` chain, in the caller's transaction (the change commits with it). */
@Injectable()
export class IdentityLedger {
  constructor(private readonly ledger: LedgerService) {}

  async record(manager: EntityManager, change: IdentityChange): Promise<void> {
    const occurredAt = (change.occurredAt ?? new Date()).toISOString();
    const chainId = dailyChainId(DailyChainKind.Identity, occurredAt);
    await this.ledger.appendNext(manager, {
      caseType: IDENTITY_CASE_TYPE,
      caseId: chainId,
      actor: change.actor,
      action: change.action,
      reason: change.reason,
      stateBefore: change.before,
      stateAfter: { subject: change.subject, ...change.after },
      occurredAt,
      workflowId: chainId,
      runId: NO_WORKFLOW_RUN,
      requestId: change.requestId,
    });
  }
}
