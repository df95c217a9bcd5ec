import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type OpenAPIObject, type ResponseObject } from '@nestjs/swagger';
import { type Response } from 'express';
import { map, type Observable } from 'rxjs';

const CREATED_AT = 'duban:created-at';

/**
 * A create route: its 201 answer carries `Location`, the route template of the created resource's GET
 * with each `:field` (or `:field.subfield`) taken from the answer (`@CreatesResourceAt('/risk-items/:id')`).
 */
export const CreatesResourceAt = (template: string) => SetMetadata(CREATED_AT, template);

/** The location of a created resource, or undefined when the answer lacks a field the template needs. */
export function createdLocation(template: string, created: unknown): string | undefined {
  let complete = true;
  const location = template.replace(/:([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)/g, (_match, path: string) => {
    const value = path
      .split('.')
      .reduce<unknown>((at, name) => (at as Record<string, unknown> | undefined)?.[name], created);
    if (typeof value !== 'string' && typeof value !== 'number') complete = false;
    return encodeURIComponent(String(value));
  });
  return complete ? location : undefined;
}

/** Sets `Location` on the 201 answers of the routes marked with `CreatesResourceAt`. */
@Injectable()
export class CreatedLocationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const template = this.reflector.get<string | undefined>(CREATED_AT, context.getHandler());
    if (template === undefined || context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((created: unknown) => {
        // A route may answer 200 when it created nothing (an unchanged plan); only a 201 has a Location.
        const location = response.statusCode === 201 ? createdLocation(template, created) : undefined;
        if (location !== undefined) response.setHeader('Location', location);
        return created;
      }),
    );
  }
}

/**
 * Documents `Location` on every 201 of the document: in this API a 201 always answers a create route
 * (steps answer 200 or 202), and doing it on the document keeps a route from forgetting it.
 */
export function documentCreatedLocation(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['post', 'put'] as const) {
      const created = item[method]?.responses['201'] as ResponseObject | undefined;
      if (!created) continue;
      created.headers = {
        ...created.headers,
        Location: {
          description: 'Where the created resource is read (its GET route)',
          schema: { type: 'string', example: '/risk-items/FX-2026-000123' },
        },
      };
    }
  }
}
