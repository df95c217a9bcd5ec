/** The lockout state of an account as stored. */
export interface LockoutState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface LockoutRules {
  maxFailures: number;
  lockoutMs: number;
}

/** Whether the account refuses sign-ins at `now` (even with the right password). */
export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after a failed sign-in: the count grows, and the attempt that reaches the limit locks the
 * account for the lockout period. A failure after a lockout has run out starts counting afresh.
 */
export function afterFailure(
  state: LockoutState,
  now: Date,
  rules: LockoutRules,
): LockoutState & { lockedNow: boolean } {
  const expired = state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
  const failedSignIns = (expired ? 0 : state.failedSignIns) + 1;
  if (failedSignIns >= rules.maxFailures) {
    return { failedSignIns, lockedUntil: new Date(now.getTime() + rules.lockoutMs), lockedNow: true };
  }
  return { failedSignIns, lockedUntil: expired ? null : state.lockedUntil, lockedNow: false };
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionRules {
  idleMs: number;
  maxLifetimeMs: number;
}

/** Why a session is over at `now`, or null while it is live. */
export function sessionExpiry(
  session: SessionTimes,
  now: Date,
  rules: SessionRules,
): 'idle' | 'lifetime' | null {
  if (now.getTime() - session.createdAt.getTime() >= rules.maxLifetimeMs) return 'lifetime';
  if (now.getTime() - session.lastSeenAt.getTime() >= rules.idleMs) return 'idle';
  return null;
}
