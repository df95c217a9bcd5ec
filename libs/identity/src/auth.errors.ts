import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError, type FieldProblem } from '../../platform/src/errors/duban-error.js';
import { type LockoutRules } from './domain/sign-in-policy.js';

/** Never put a password, hash, session id or token into one of these: messages reach clients and logs. */
export enum AuthErrorCode {
  MissingToken = 'auth.missing-token',
  InvalidToken = 'auth.invalid-token',
  RoleNotAllowed = 'auth.role-not-allowed',
  SignInFailed = 'auth.sign-in-failed',
  AccountLocked = 'auth.account-locked',
  AccountInactive = 'auth.account-inactive',
  SessionExpired = 'auth.session-expired',
  CsrfMismatch = 'auth.csrf-mismatch',
  PasswordChangeRequired = 'auth.password-change-required',
  WeakPassword = 'auth.weak-password',
  WrongPassword = 'auth.wrong-password',
}

export const missingToken = () =>
  new DubanError(
    ErrorKind.Unauthenticated,
    AuthErrorCode.MissingToken,
    'Sign in first, or send a bearer token (Authorization: Bearer <token>)',
  );
export const invalidToken = (why: string) =>
  new DubanError(
    ErrorKind.Unauthenticated,
    AuthErrorCode.InvalidToken,
    `The bearer token was rejected: ${why}`,
  );
/** `what` names the refused part where the route itself is open to the role. */
export const roleNotAllowed = (role: string, what = 'use this route') =>
  new DubanError(ErrorKind.Forbidden, AuthErrorCode.RoleNotAllowed, `The role ${role} may not ${what}`);
/**
 * The same answer for an unknown username and a wrong password, so neither can be probed. It states the
 * lockout rule, the same for every name, so a person is warned before the attempt that locks them out.
 */
export const signInFailed = (lockout: LockoutRules) =>
  new DubanError(ErrorKind.Unauthenticated, AuthErrorCode.SignInFailed, 'Wrong username or password', {
    lockout: { maxFailures: lockout.maxFailures, minutes: Math.round(lockout.lockoutMs / 60_000) },
  });
export const accountLocked = (lockedUntil: Date) =>
  new DubanError(
    ErrorKind.TooManyRequests,
    AuthErrorCode.AccountLocked,
    `Too many failed sign-ins: this account is locked until ${lockedUntil.toISOString()}. ` +
      'Try again then, or ask an administrator to reset the password.',
    { lockedUntil: lockedUntil.toISOString() },
  );
export const accountInactive = () =>
  new DubanError(
    ErrorKind.Unauthenticated,
    AuthErrorCode.AccountInactive,
    'This account is deactivated or no longer exists',
  );
export const sessionExpired = (why: 'idle' | 'lifetime' | 'ended') =>
  new DubanError(
    ErrorKind.Unauthenticated,
    AuthErrorCode.SessionExpired,
    {
      idle: 'The session ended after a period without use; sign in again',
      lifetime: 'The session reached its maximum lifetime; sign in again',
      ended: 'The session has ended; sign in again',
    }[why],
    // The console says which in Chinese, and keeps the page open for the same person to sign in again.
    { why },
  );
export const csrfMismatch = () =>
  new DubanError(
    ErrorKind.Forbidden,
    AuthErrorCode.CsrfMismatch,
    'Requests that change something must send the X-CSRF-Token header equal to the duban_csrf cookie',
  );
export const passwordChangeRequired = () =>
  new DubanError(
    ErrorKind.Forbidden,
    AuthErrorCode.PasswordChangeRequired,
    'The password was reset: choose a new one (POST /auth/password) before anything else',
  );
export const weakPassword = (fields: FieldProblem[]) =>
  new DubanError(
    ErrorKind.Validation,
    AuthErrorCode.WeakPassword,
    'The new password is not acceptable',
    {},
    fields,
  );
export const wrongPassword = () =>
  new DubanError(ErrorKind.Validation, AuthErrorCode.WrongPassword, 'The current password is wrong', {}, [
    { path: 'currentPassword', message: 'does not match' },
  ]);
