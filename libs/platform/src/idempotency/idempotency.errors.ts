import { ErrorKind } from '../../../contracts/src/errors.js';
import { DubanError } from '../errors/duban-error.js';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.js';

export enum IdempotencyErrorCode {
  InvalidKey = 'idempotency.invalid-key',
  KeyReused = 'idempotency.key-reused',
  InProgress = 'idempotency.in-progress',
  NotReplayable = 'idempotency.not-replayable',
  NeedsCaller = 'idempotency.needs-caller',
}

export const invalidIdempotencyKey = () =>
  new DubanError(
    ErrorKind.Validation,
    IdempotencyErrorCode.InvalidKey,
    `${IDEMPOTENCY_KEY_HEADER} must be 1 to 128 characters of A-Z a-z 0-9 _ . : -`,
  );
export const idempotencyKeyReused = () =>
  new DubanError(
    ErrorKind.UnprocessableContent,
    IdempotencyErrorCode.KeyReused,
    `This ${IDEMPOTENCY_KEY_HEADER} was already used for a different request; use a new key`,
  );
export const idempotencyInProgress = () =>
  new DubanError(
    ErrorKind.Conflict,
    IdempotencyErrorCode.InProgress,
    `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry later`,
  );
export const answerNotReplayable = () =>
  new DubanError(
    ErrorKind.Validation,
    IdempotencyErrorCode.NotReplayable,
    `This route's answer holds a secret shown once and is never stored: send it without ${IDEMPOTENCY_KEY_HEADER}`,
  );
export const idempotencyNeedsCaller = () =>
  new DubanError(
    ErrorKind.Validation,
    IdempotencyErrorCode.NeedsCaller,
    `An ${IDEMPOTENCY_KEY_HEADER} is kept per signed-in caller, and this request has none: send it without the key`,
  );
