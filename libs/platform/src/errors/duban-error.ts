import { ErrorKind } from '../../../contracts/src/errors.js';

export { ErrorKind };

/**
 * The one error model. Each bounded context declares its codes; every code maps to one HTTP status and
 * one stable problem `type`, so clients can branch on `type` without parsing messages.
 */
export const HTTP_STATUS_BY_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Validation]: 400,
  [ErrorKind.Unauthenticated]: 401,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.NotFound]: 404,
  [ErrorKind.Conflict]: 409,
  [ErrorKind.MethodNotAllowed]: 405,
  [ErrorKind.PayloadTooLarge]: 413,
  [ErrorKind.UnsupportedMediaType]: 415,
  [ErrorKind.UnprocessableContent]: 422,
  [ErrorKind.TooManyRequests]: 429,
  [ErrorKind.Unavailable]: 503,
  [ErrorKind.Internal]: 500,
};

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `business.creditCode` or `evidence[0].sha256`. */
  path: string;
  message: string;
}

export class DubanError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, specific code such as `calendar.out-of-range`; becomes the problem `type`. */
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DubanError';
  }
}
