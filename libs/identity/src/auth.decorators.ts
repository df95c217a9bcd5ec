import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';
import { type Actor, type Role } from '../../contracts/src/identity.js';

export const IS_PUBLIC = 'duban:isPublic';
export const ALLOWED_ROLES = 'duban:allowedRoles';

/** Marks a route that needs no token (health, docs). Everything else is authenticated. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles; other authenticated callers get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** The authenticated caller, put on the request by the AuthGuard. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
