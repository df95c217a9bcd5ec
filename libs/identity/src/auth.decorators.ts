import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { type Request } from 'express';
import { type Actor, type Role } from '../../contracts/src/identity.js';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from '../../platform/src/errors/problem.openapi.js';
import { type SessionPrincipal } from './session.service.js';

export const IS_PUBLIC = 'duban:isPublic';
export const ALLOWED_ROLES = 'duban:allowedRoles';
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'duban:allowedBeforePasswordChange';

/**
 * Marks a route that needs no token (health, docs). Everything else is authenticated. The OpenAPI
 * document learns it here, so its 401/403 responses follow the guard (documentProblemResponses).
 */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Restricts a route to these roles; other authenticated callers get 403. Listed in the OpenAPI document. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension(ROLES_EXTENSION, roles));

/** A route a person whose password was reset may still use (who am I, change password, sign out). */
export const AllowedBeforePasswordChange = () => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  /** Set when the caller came with the console's session cookie rather than a bearer token. */
  consoleSession?: SessionPrincipal;
}

/** The authenticated caller, put on the request by the AuthGuard. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
