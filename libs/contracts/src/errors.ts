/**
 * Error kinds shared by the API edge and workflow code. A workflow rejects a step by throwing an
 * ApplicationFailure whose `type` is a stable code and whose first detail is a `StepRejection`;
 * the API maps it to problem+json once.
 */
export enum ErrorKind {
  Validation = 'validation',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  Conflict = 'conflict',
  MethodNotAllowed = 'method-not-allowed',
  PayloadTooLarge = 'payload-too-large',
  UnsupportedMediaType = 'unsupported-media-type',
  UnprocessableContent = 'unprocessable-content',
  TooManyRequests = 'too-many-requests',
  Unavailable = 'unavailable',
  Internal = 'internal',
}

export interface StepRejection {
  kind: ErrorKind;
  /** Anything the client needs to recover, e.g. the current state and the allowed steps. */
  [extension: string]: unknown;
}

/** Why a domain rule refuses a step: a stable code, the HTTP-facing kind and a sentence for the user. */
export interface RuleViolation {
  code: string;
  kind: ErrorKind;
  message: string;
}
