import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';

export enum AuthErrorCode {
  MissingToken = 'auth.missing-token',
  InvalidToken = 'auth.invalid-token',
  RoleNotAllowed = 'auth.role-not-allowed',
}

export const missingToken = () =>
  new DubanError(
    ErrorKind.Unauthenticated,
    AuthErrorCode.MissingToken,
    'A bearer token is required (Authorization: Bearer <jwt>)',
  );
export const invalidToken = (why: string) =>
  new DubanError(
    ErrorKind.Unauthenticated,
    AuthErrorCode.InvalidToken,
    `The bearer token was rejected: ${why}`,
  );
export const roleNotAllowed = (role: string) =>
  new DubanError(
    ErrorKind.Forbidden,
    AuthErrorCode.RoleNotAllowed,
    `The role ${role} may not use this route`,
  );
