import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { type Observable } from 'rxjs';
import { ErrorKind } from '../../../contracts/src/errors.js';
import { DubanError } from '../errors/duban-error.js';

const BODY_MEDIA_TYPES = 'duban:body-media-types';

/** JSON, and the `+json` types built on it. */
const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/** A route that takes bodies in these media types besides JSON (POST /plan/versions: YAML). */
export const AcceptsBodyAlsoAs = (...mediaTypes: string[]) => SetMetadata(BODY_MEDIA_TYPES, mediaTypes);

/**
 * A request body in a media type its route does not read is refused with 415, rather than reaching
 * the route as no body (and a list of missing fields) or as text. Routes read JSON unless they say more.
 */
@Injectable()
export class BodyMediaTypeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const extra = this.reflector.get<string[] | undefined>(BODY_MEDIA_TYPES, context.getHandler()) ?? [];
    const accepted = [...JSON_MEDIA_TYPES, ...extra];
    if (hasContent(request) && !request.is(accepted)) throw unsupportedMediaType(request, accepted);
    return next.handle();
  }
}

/** A body with content: clients send `Content-Length: 0` and no type on a POST without a body. */
function hasContent(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
}

function unsupportedMediaType(request: Request, accepted: string[]): DubanError {
  return new DubanError(
    ErrorKind.UnsupportedMediaType,
    'request.unsupported-media-type',
    `A body sent as ${request.headers['content-type'] ?? 'no media type'} is not read here; ` +
      `send ${accepted.join(' or ')}`,
    { accepted },
  );
}
