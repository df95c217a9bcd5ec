import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '../../contracts/src/identity.js';
import { AppConfig, durationMs } from '../../platform/src/config/app-config.js';
import { AuthSessionEntity } from './auth-session.entity.js';
import { accountLocked, sessionExpired, signInFailed, weakPassword, wrongPassword } from './auth.errors.js';
import {
  afterFailure,
  isLocked,
  sessionExpiry,
  type LockoutRules,
  type SessionRules,
} from './domain/sign-in-policy.js';
import { IdentityAction, IdentityLedger } from './identity-ledger.js';
import { PasswordService } from './password.service.js';
import { newSecret, sha256Hex } from './secrets.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';
import { toPersonView, type PersonView } from './person.view.js';

/** Who is calling with a session cookie, and the CSRF token their unsafe requests must echo. */
export interface SessionPrincipal {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

export interface SignedIn {
  person: PersonView;
  mustChangePassword: boolean;
  /** For the cookies only: never logged, never in a body. */
  sessionSecret: string;
  csrfToken: string;
}

/** A session's last-seen time is written at most this often, so reads do not each cost a write. */
const LAST_SEEN_RESOLUTION_MS = 30_000;

export const actorOf = (person: Pick<UserEntity, 'id' | 'role' | 'unitId'>): Actor => ({
  userId: person.id,
  role: person.role,
  unitId: person.unitId,
});

@Injectable()
export class SessionService {
  readonly sessionRules: SessionRules;
  private readonly lockoutRules: LockoutRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly ledger: IdentityLedger,
  ) {
    this.sessionRules = {
      idleMs: durationMs(config.SESSION_IDLE_TIMEOUT),
      maxLifetimeMs: durationMs(config.SESSION_MAX_LIFETIME),
    };
    this.lockoutRules = {
      maxFailures: config.SIGN_IN_MAX_FAILURES,
      lockoutMs: durationMs(config.SIGN_IN_LOCKOUT),
    };
  }

  /**
   * Username and password to a new session. Unknown usernames and wrong passwords get the same answer
   * after the same work; a locked account is refused without looking at the password.
   */
  async signIn(username: string, password: string, requestId: string): Promise<SignedIn> {
    const now = new Date();
    const person = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!person || !person.active) {
      await this.passwords.verify(null, password);
      // The attempted name is not kept: people type passwords into the username field.
      await this.dataSource.transaction((tx) =>
        this.ledger.record(tx, {
          actor: SYSTEM_ACTOR,
          action: IdentityAction.SignInFailed,
          subject: 'person/unknown',
          reason: person ? 'deactivated account' : 'unknown username',
          before: null,
          after: {},
          requestId,
          occurredAt: now,
        }),
      );
      throw signInFailed(this.lockoutRules);
    }
    if (isLocked(person, now)) {
      await this.recordFor(person, IdentityAction.SignInLocked, 'account locked', requestId, now);
      throw accountLocked(person.lockedUntil as Date);
    }
    if (!(await this.passwords.verify(person.passwordHash, password))) {
      const locked = await this.recordFailure(person, requestId, now);
      throw locked ? accountLocked(locked) : signInFailed(this.lockoutRules);
    }
    return this.open(person, { method: 'password' }, requestId, now);
  }

  /**
   * A new session for a person already proven (password, or an OIDC provider's ID token): clears the
   * failure count and ledgers the sign-in with how it was made.
   */
  async open(
    person: UserEntity,
    how: Record<string, unknown>,
    requestId: string,
    now = new Date(),
  ): Promise<SignedIn> {
    const sessionSecret = newSecret();
    const csrfToken = newSecret();
    const unit = await this.dataSource.transaction(async (tx) => {
      await tx.update(UserEntity, { id: person.id }, { failedSignIns: 0, lockedUntil: null });
      await tx.insert(AuthSessionEntity, {
        id: randomUUID(),
        secretSha256: sha256Hex(sessionSecret),
        csrfToken,
        userId: person.id,
        createdAt: now,
        lastSeenAt: now,
      });
      await this.ledger.record(tx, {
        actor: actorOf(person),
        action: IdentityAction.SignIn,
        subject: `person/${person.id}`,
        reason: null,
        before: null,
        after: how,
        requestId,
        occurredAt: now,
      });
      return tx.findOneBy(UnitEntity, { id: person.unitId });
    });
    return {
      person: toPersonView({ ...person, failedSignIns: 0, lockedUntil: null }, unit),
      mustChangePassword: person.mustChangePassword,
      sessionSecret,
      csrfToken,
    };
  }

  /** The live session a cookie names, or 401; an expired one is ended (and ledgered) on the way. */
  async resolve(sessionSecret: string): Promise<SessionPrincipal> {
    const now = new Date();
    const session = await this.dataSource
      .getRepository(AuthSessionEntity)
      .findOneBy({ secretSha256: sha256Hex(sessionSecret), endedAt: IsNull() });
    if (!session) throw sessionExpired('ended');
    const person = await this.dataSource.getRepository(UserEntity).findOneBy({ id: session.userId });
    if (!person?.active) {
      await this.end(session, 'deactivated', 'system');
      throw sessionExpired('ended');
    }
    const expiry = sessionExpiry(session, now, this.sessionRules);
    if (expiry) {
      await this.end(session, expiry, 'system');
      throw sessionExpired(expiry);
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      await this.dataSource.getRepository(AuthSessionEntity).update({ id: session.id }, { lastSeenAt: now });
    }
    return {
      sessionId: session.id,
      csrfToken: session.csrfToken,
      actor: actorOf(person),
      mustChangePassword: person.mustChangePassword,
    };
  }

  /** Ends the session a cookie names, if it is live. */
  async signOut(principal: SessionPrincipal, requestId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const ended = await tx.update(
        AuthSessionEntity,
        { id: principal.sessionId, endedAt: IsNull() },
        { endedAt: new Date(), endReason: 'signed out' },
      );
      if (!ended.affected) return;
      await this.ledger.record(tx, {
        actor: principal.actor,
        action: IdentityAction.SignOut,
        subject: `person/${principal.actor.userId}`,
        reason: null,
        before: null,
        after: { session: principal.sessionId },
        requestId,
      });
    });
  }

  /**
   * The person's own password change: the current one must match (a wrong one counts as a failed
   * sign-in), the new one must pass the policy; their other sessions end.
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    keepSessionId: string | null,
    requestId: string,
  ): Promise<void> {
    const now = new Date();
    const person = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.userId })
      .getOneOrFail();
    if (isLocked(person, now)) throw accountLocked(person.lockedUntil as Date);
    if (!(await this.passwords.verify(person.passwordHash, currentPassword))) {
      const locked = await this.recordFailure(person, requestId, now);
      throw locked ? accountLocked(locked) : wrongPassword();
    }
    this.passwords.assertAcceptable(newPassword, person.username, 'newPassword');
    if (newPassword === currentPassword) {
      throw weakPassword([{ path: 'newPassword', message: 'must differ from the current password' }]);
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        UserEntity,
        { id: person.id },
        { passwordHash, mustChangePassword: false, failedSignIns: 0, lockedUntil: null },
      );
      await this.endSessionsOf(tx, person.id, 'password changed', keepSessionId);
      await this.ledger.record(tx, {
        actor,
        action: IdentityAction.PasswordChanged,
        subject: `person/${person.id}`,
        reason: null,
        before: { mustChangePassword: person.mustChangePassword },
        after: { mustChangePassword: false },
        requestId,
        occurredAt: now,
      });
    });
  }

  /** Ends every live session of a person (deactivation, reset, password change), except one if named. */
  async endSessionsOf(
    manager: EntityManager,
    userId: string,
    reason: string,
    exceptSessionId: string | null = null,
  ): Promise<number> {
    const query = manager
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ endedAt: new Date(), endReason: reason })
      .where('user_id = :userId AND ended_at IS NULL', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    return (await query.execute()).affected ?? 0;
  }

  private async end(session: AuthSessionEntity, reason: string, requestId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const ended = await tx.update(
        AuthSessionEntity,
        { id: session.id, endedAt: IsNull() },
        { endedAt: new Date(), endReason: reason },
      );
      if (!ended.affected) return;
      await this.ledger.record(tx, {
        actor: SYSTEM_ACTOR,
        action: IdentityAction.SessionEnded,
        subject: `person/${session.userId}`,
        reason,
        before: null,
        after: { session: session.id },
        requestId,
      });
    });
  }

  /** Counts a failure (locking at the limit) and ledgers it; returns the lock's end if this one locked. */
  private async recordFailure(person: UserEntity, requestId: string, now: Date): Promise<Date | null> {
    const next = afterFailure(person, now, this.lockoutRules);
    await this.dataSource.transaction(async (tx) => {
      await tx.update(
        UserEntity,
        { id: person.id },
        { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil },
      );
      await this.ledger.record(tx, {
        actor: actorOf(person),
        action: next.lockedNow ? IdentityAction.SignInLocked : IdentityAction.SignInFailed,
        subject: `person/${person.id}`,
        reason: next.lockedNow ? `locked after ${next.failedSignIns} failed attempts` : 'wrong password',
        before: null,
        after: { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil?.toISOString() ?? null },
        requestId,
        occurredAt: now,
      });
    });
    return next.lockedNow ? next.lockedUntil : null;
  }

  private async recordFor(
    person: UserEntity,
    action: IdentityAction,
    reason: string,
    requestId: string,
    now: Date,
  ): Promise<void> {
    await this.dataSource.transaction((tx) =>
      this.ledger.record(tx, {
        actor: actorOf(person),
        action,
        subject: `person/${person.id}`,
        reason,
        before: null,
        after: {},
        requestId,
        occurredAt: now,
      }),
    );
  }
}
