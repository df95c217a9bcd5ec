import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, type Role } from '../../contracts/src/identity.js';
import {
  ALLOWED_BEFORE_PASSWORD_CHANGE,
  ALLOWED_ROLES,
  IS_PUBLIC,
  type AuthenticatedRequest,
} from './auth.decorators.js';
import { CSRF_HEADER, isUnsafe, sessionCookieOf } from './auth-cookies.js';
import {
  accountInactive,
  csrfMismatch,
  missingToken,
  passwordChangeRequired,
  roleNotAllowed,
} from './auth.errors.js';
import { sameSecret } from './secrets.js';
import { actorOf, SessionService } from './session.service.js';
import { TokenService } from './token.service.js';
import { UnitsService } from './units.service.js';
import { type UserEntity } from './user.entity.js';
import { AccessTokensService, isAccessToken } from './access-tokens.service.js';

interface Caller {
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * Global guard. A caller brings a bearer token (JWT or personal access token; scripts) or the
 * console's session cookie; either way the person must still be active, and their current role and
 * unit (not what an older token says) become `request.actor`. A cookie-borne unsafe request must echo
 * the CSRF token. No credential → 401; a role the route does not allow → 403. Unit scope is checked
 * per record.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly units: UnitsService,
    private readonly accessTokens: AccessTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticate(request);
    request.actor = caller.actor;
    if (request.consoleSession && isUnsafe(request.method)) {
      const echoed = request.headers[CSRF_HEADER];
      if (typeof echoed !== 'string' || !sameSecret(echoed, request.consoleSession.csrfToken)) {
        throw csrfMismatch();
      }
    }
    if (
      caller.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw passwordChangeRequired();
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(caller.actor.role)) throw roleNotAllowed(caller.actor.role);
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Caller> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw missingToken();
      return this.fromBearer(token);
    }
    const cookie = sessionCookieOf(request);
    if (!cookie) throw missingToken();
    const session = await this.sessions.resolve(cookie);
    request.consoleSession = session;
    return session;
  }

  /**
   * A personal access token or a signed JWT names the person; whether they (and the token) are still
   * active is looked up on every request.
   */
  private async fromBearer(token: string): Promise<Caller> {
    let person: UserEntity | null;
    if (isAccessToken(token)) {
      person = await this.accessTokens.resolve(token);
    } else {
      const claimed = await this.tokens.verify(token);
      person = await this.units.findActiveUser(claimed.userId);
    }
    if (!person) throw accountInactive();
    return { actor: actorOf(person), mustChangePassword: person.mustChangePassword };
  }
}
