import { ErrorKind, HTTP_STATUS_BY_KIND, type DubanError, type FieldProblem } from './duban-error.js';

/** RFC 9457 problem details, as every error leaves the API. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://duban.example/problems/';

const TITLES: Record<ErrorKind, string> = {
  [ErrorKind.Validation]: 'The request is invalid',
  [ErrorKind.Unauthenticated]: 'Authentication is required',
  [ErrorKind.Forbidden]: 'This role may not do that',
  [ErrorKind.NotFound]: 'Not found',
  [ErrorKind.Conflict]: 'The request conflicts with the current state',
  [ErrorKind.MethodNotAllowed]: 'This method is not allowed here',
  [ErrorKind.PayloadTooLarge]: 'The request body is too large',
  [ErrorKind.UnsupportedMediaType]: 'The request body has an unsupported encoding or media type',
  [ErrorKind.UnprocessableContent]: 'The request cannot be processed as sent',
  [ErrorKind.TooManyRequests]: 'Too many requests',
  [ErrorKind.Unavailable]: 'A dependency is unavailable',
  [ErrorKind.Internal]: 'Internal error',
};

export function toProblem(error: DubanError, instance?: string): ProblemDocument {
  const problem: ProblemDocument = {
    ...error.details,
    type: PROBLEM_TYPE_BASE + error.code,
    title: TITLES[error.kind],
    status: HTTP_STATUS_BY_KIND[error.kind],
    detail: error.message,
    code: error.code,
  };
  if (instance) problem.instance = instance;
  if (error.fields.length > 0) problem.errors = error.fields;
  return problem;
}
