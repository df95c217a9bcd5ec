import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request, type Response as ExpressResponse } from 'express';
import { catchError, concatMap, defer, of, type Observable } from 'rxjs';
import { type Actor } from '../../../contracts/src/identity.js';
import { toDubanError } from '../errors/problem-details.filter.js';
import { toProblem } from '../errors/problem.js';
import {
  answerNotReplayable,
  idempotencyInProgress,
  idempotencyKeyReused,
  idempotencyNeedsCaller,
  invalidIdempotencyKey,
} from './idempotency.errors.js';
import {
  ANSWER_NOT_REPLAYABLE,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  parseIdempotencyKey,
  requestFingerprint,
  STATE_CHANGING_METHODS,
} from './idempotency-key.js';
import { withIdempotentUpdateId } from './idempotent-update.js';
import { IdempotencyService, type IdempotencyHold, type StoredResponse } from './idempotency.service.js';

type IdempotentRequest = Request & { actor?: Actor };

/**
 * `Idempotency-Key` on state-changing requests (IETF draft "The Idempotency-Key HTTP Header Field"):
 * the first request with a key runs and its response is stored; a repeat gets that response back and
 * runs nothing. Runs after the AuthGuard, so keys are scoped to the authenticated caller.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (header === undefined || !STATE_CHANGING_METHODS.has(request.method)) return next.handle();
    if (this.reflector.get<boolean>(ANSWER_NOT_REPLAYABLE, context.getHandler())) throw answerNotReplayable();
    // A key is scoped to its caller. Ignoring it on a public route (a report, a sign-in) would let a
    // retry after a timeout file the same report twice while the client believes it is protected.
    if (!request.actor) throw idempotencyNeedsCaller();
    const key = parseIdempotencyKey(header);
    if (key === undefined) throw invalidIdempotencyKey();
    const path = request.originalUrl.split('?')[0];
    const outcome = await this.records.claim({
      userId: request.actor.userId,
      key,
      method: request.method,
      path,
      fingerprint: requestFingerprint(request.method, path, request.body),
    });
    switch (outcome.kind) {
      case 'claimed':
        return this.execute(context, next, outcome.hold, path);
      case 'replay':
        return of(replay(outcome.response));
      case 'in-progress':
        throw idempotencyInProgress();
      case 'key-reused':
        throw idempotencyKeyReused();
    }
  }

  private execute(
    context: ExecutionContext,
    next: CallHandler,
    hold: IdempotencyHold,
    path: string,
  ): Observable<unknown> {
    const response = context.switchToHttp().getResponse<ExpressResponse>();
    // Nest binds the handler to the async context handle() is called in: the Update id goes with it.
    return withIdempotentUpdateId(hold, () => next.handle()).pipe(
      // The filter still answers the error; this only decides what a repeat of the request gets.
      catchError((error: unknown) =>
        defer(async () => {
          const problem = toProblem(toDubanError(error), path);
          await this.records.settle(
            hold,
            problem.status < 500 ? { statusCode: problem.status, body: problem } : null,
          );
          throw error;
        }),
      ),
      concatMap((body: unknown) =>
        defer(async () => {
          // Read once the handler has run: Nest set the route's status (201 for POST, or its @HttpCode)
          // before, and a handler may have changed it since (e.g. 200 for a no-op).
          await this.records.settle(hold, { statusCode: response.statusCode, body });
          return body;
        }),
      ),
    );
  }
}

/** The stored response as it was, marked as a replay; a web Response's status wins over the route's. */
function replay({ statusCode, body }: StoredResponse): Response {
  const noBody = body === null || body === undefined;
  const type = statusCode >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(noBody ? null : JSON.stringify(body), {
    status: statusCode,
    headers: {
      [IDEMPOTENT_REPLAYED_HEADER]: 'true',
      ...(noBody ? {} : { 'Content-Type': `${type}; charset=utf-8` }),
    },
  });
}
