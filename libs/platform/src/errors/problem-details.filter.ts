import {
  Catch,
  HttpException,
  Inject,
  Logger,
  Optional,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type Request, type Response } from 'express';
import { ErrorKind, type StepRejection } from '../../../contracts/src/errors.js';
import { type Actor } from '../../../contracts/src/identity.js';
import { REFUSAL_LISTENER, type RefusalListener } from '../../../contracts/src/refusal.js';
import { JSON_TOO_DEEP } from '../http/body-parsing.js';
import { routeTemplate } from '../http/route-template.js';
import { assignRequestId } from '../logging/request-id.js';
import { downDependencyIn } from './dependency-down.js';
import { DubanError, HTTP_STATUS_BY_KIND } from './duban-error.js';
import { toProblem } from './problem.js';

const KIND_BY_STATUS = new Map<number, ErrorKind>(
  Object.entries(HTTP_STATUS_BY_KIND).map(([kind, status]) => [status, kind as ErrorKind]),
);

/** Nest wraps body-parser errors in an HttpException whose cause has a `type` such as `entity.too.large`. */
const BODY_PARSER_CODES: Record<string, string> = {
  'entity.too.large': 'request.too-large',
  'entity.parse.failed': 'request.malformed-json',
  'encoding.unsupported': 'request.unsupported-encoding',
  'charset.unsupported': 'request.unsupported-charset',
  [JSON_TOO_DEEP]: 'request.too-deeply-nested',
};

function fromHttpException(error: HttpException): DubanError {
  const status = error.getStatus();
  const kind = KIND_BY_STATUS.get(status) ?? (status >= 500 ? ErrorKind.Internal : ErrorKind.Validation);
  const causeType = (error.cause as { type?: unknown } | undefined)?.type;
  const code =
    (typeof causeType === 'string' ? BODY_PARSER_CODES[causeType] : undefined) ??
    (status === 404 ? 'http.route-not-found' : `http.${status}`);
  // A body over BODY_LIMIT: say the limit (body-parser's, in bytes), so a client can tell how much to cut.
  const limit = (error.cause as { limit?: unknown } | undefined)?.limit;
  const details = code === 'request.too-large' && typeof limit === 'number' ? { limitBytes: limit } : {};
  return new DubanError(kind, code, error.message, details);
}

/**
 * The single place where errors become HTTP responses: RFC 9457 problem+json, a stable `type`,
 * field paths for validation, and never a stack trace.
 */
export function toDubanError(error: unknown): DubanError {
  if (error instanceof DubanError) return error;
  if (error instanceof WorkflowNotFoundError) {
    return new DubanError(ErrorKind.NotFound, 'case.not-found', 'No such case');
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new DubanError(ErrorKind.Conflict, 'case.already-exists', 'A case with this id already exists');
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const failure = stepRejectionIn(error);
    if (failure) {
      const { kind, ...details } = failure.rejection;
      return new DubanError(kind, failure.code, failure.message, details);
    }
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new DubanError(
      ErrorKind.Unavailable,
      'engine.busy',
      'The workflow engine has not answered in time. The step may still be taken: send it again with ' +
        'the same Idempotency-Key to get its result',
    );
  }
  const dependency = downDependencyIn(error);
  if (dependency) {
    return new DubanError(
      ErrorKind.Unavailable,
      'dependency.unavailable',
      `${dependency} does not answer; retry later`,
      {
        dependency,
      },
    );
  }
  return new DubanError(ErrorKind.Internal, 'internal', 'An unexpected error occurred; it has been logged');
}

/**
 * The business failure behind a failed Update: thrown by a validator directly, or by an activity the
 * handler ran (then wrapped in an ActivityFailure). Its first detail is a StepRejection.
 */
function stepRejectionIn(
  error: Error,
): { code: string; message: string; rejection: StepRejection } | undefined {
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    if (!(cause instanceof ApplicationFailure)) continue;
    const rejection = cause.details?.[0] as StepRejection | undefined;
    if (rejection && Object.values(ErrorKind).includes(rejection.kind)) {
      return { code: cause.type ?? 'case.step-rejected', message: cause.message, rejection };
    }
  }
  return undefined;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Optional() @Inject(REFUSAL_LISTENER) private readonly refusals?: RefusalListener) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown; actor?: Actor }>();
    const response = http.getResponse<Response>();
    // Every error carries its request id, body-parser errors included (they run before the logger).
    const requestId = assignRequestId(request, response);
    const error = toDubanError(exception);
    const problem = toProblem(error, request.originalUrl?.split('?')[0]);
    if (error.kind === ErrorKind.Forbidden && request.actor)
      await this.ledgerRefusal(request, request.actor, error);
    if (error.kind === ErrorKind.Internal) {
      this.logger.error({ err: exception, requestId }, 'request failed');
    } else if (error.kind === ErrorKind.Unavailable) {
      this.logger.warn({ code: error.code, details: error.details, requestId }, error.message);
    }
    problem.requestId = requestId;
    if (problem.status === 401) response.setHeader('WWW-Authenticate', bearerChallenge(request));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  /** A refused privileged action is itself ledgered; failing to do so must not change the answer. */
  private async ledgerRefusal(
    request: Request & { id?: unknown },
    actor: Actor,
    error: DubanError,
  ): Promise<void> {
    try {
      await this.refusals?.refused({
        actor,
        method: request.method,
        route: routeTemplate(request),
        params: { ...(request.params as Record<string, string>) },
        code: error.code,
        detail: error.message,
        requestId: typeof request.id === 'string' ? request.id : 'none',
        occurredAt: new Date().toISOString(),
      });
    } catch (err) {
      this.logger.error({ err, code: error.code }, 'could not ledger a refused action');
    }
  }
}

/** RFC 6750 §3: a 401 names the scheme; a token that was sent and refused is an `invalid_token`. */
function bearerChallenge(request: Request): string {
  return request.headers.authorization === undefined
    ? 'Bearer realm="duban"'
    : 'Bearer realm="duban", error="invalid_token"';
}
