import {
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { ALL_ROLES } from '../../../contracts/src/identity.js';
import { PROBLEM_TYPE_BASE } from './problem.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_SCHEMA_NAME = 'Problem';
export const PROBLEM_SCHEMA_REF = `#/components/schemas/${PROBLEM_SCHEMA_NAME}`;

/** Set by `Public()` (libs/identity); becomes `security: []` here. */
export const PUBLIC_EXTENSION = 'x-public';
/** Set by `Roles()` (libs/identity): the roles a route allows, kept in the document for clients. */
export const ROLES_EXTENSION = 'x-roles';
/** Either credential: a bearer token (scripts) or the console's session cookie (with the CSRF header). */
export const BEARER_SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

/** RFC 9457 problem details as `toProblem` and the ProblemDetailsFilter write them. */
const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details. Branch on `code` (or `type`), never on `title` or `detail`.',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri', example: `${PROBLEM_TYPE_BASE}request.invalid` },
    title: { type: 'string', example: 'The request is invalid' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request has invalid fields' },
    instance: { type: 'string', description: 'The path of the request', example: '/risk-items' },
    code: { type: 'string', description: 'Stable error code', example: 'request.invalid' },
    requestId: { type: 'string', description: 'Also sent as the X-Request-Id header' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field (validation errors)',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', example: 'business.creditCode' },
          message: { type: 'string', example: 'creditCode must be a valid unified social credit code' },
        },
      },
    },
  },
  additionalProperties: { description: 'Recovery details, e.g. the current state and the allowed steps' },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters or body (malformed JSON, unknown or invalid fields, a malformed Idempotency-Key)',
  401: 'No valid bearer token or session (signed out, expired, or the person is deactivated)',
  403: 'The role may not call this route, or may not take this step on this case (the refusal is ledgered); with the session cookie, also a missing X-CSRF-Token (`auth.csrf-mismatch`) or a reset password not yet changed',
  404: 'No such record, or one outside the caller’s scope (its existence is not revealed)',
  409: 'The step conflicts with the current state (with the state and the allowed steps), or a request with the same Idempotency-Key is still running',
  413: 'The body is larger than BODY_LIMIT',
  415: 'The body is not JSON (or is in an unsupported encoding)',
  422: 'The request cannot be processed as sent (e.g. an Idempotency-Key reused for another request)',
  503: 'PostgreSQL or Temporal does not answer, the engine did not take the step within ENGINE_WAIT_SECONDS (engine.busy: send it again with the same Idempotency-Key), or a step needs data that is not there yet (e.g. a holiday notice)',
};

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The error statuses an operation can answer, from what the edge does to every request: the auth
 * guard (401, 403 for a role not allowed or a step the role may not take), validation of parameters
 * and bodies (400), body parsing (413, 415), path ids (404), idempotency keys on state-changing
 * routes (409 in progress, 422 reused; the steps' own conflicts are 409 too), and dependencies (503).
 */
export function requiredErrorStatuses(operation: OperationObject, method: string): number[] {
  const authenticated = (operation.security ?? []).length > 0;
  const roles = (operation as unknown as Record<string, unknown>)[ROLES_EXTENSION] as string[] | undefined;
  const changesState = STATE_CHANGING.has(method);
  const parameters = operation.parameters ?? [];
  const statuses = [503];
  if (authenticated) statuses.push(401);
  if (authenticated && (changesState || (roles !== undefined && roles.length < ALL_ROLES.length))) {
    statuses.push(403);
  }
  if (parameters.length > 0 || operation.requestBody || changesState) statuses.push(400);
  if (parameters.some((p) => 'in' in p && p.in === 'path')) statuses.push(404);
  if (changesState) statuses.push(409, 413, 415, 422);
  return statuses.sort((a, b) => a - b);
}

/**
 * Declares every error status of every operation, with the one problem+json schema; done on the
 * document, like the Idempotency-Key header, so that no route can forget one. A status a route
 * declares itself (e.g. 422 on an audit moment) keeps its description and gets the schema too.
 */
export function documentProblemResponses(document: OpenAPIObject): void {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const extensions = operation as unknown as Record<string, unknown>;
      operation.security = extensions[PUBLIC_EXTENSION] === true ? [] : BEARER_SECURITY;
      delete extensions[PUBLIC_EXTENSION];
      const responses = operation.responses as Record<string, ResponseObject>;
      const statuses = new Set([
        ...requiredErrorStatuses(operation, method),
        ...Object.keys(responses)
          .map(Number)
          .filter((status) => status >= 400),
      ]);
      for (const status of statuses) {
        responses[status] = {
          description: responses[status]?.description || (DESCRIPTIONS[status] ?? 'Error'),
          content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
        };
      }
    }
  }
}
