import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { type Actor } from '../../contracts/src/identity.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import {
  AllowedBeforePasswordChange,
  CurrentActor,
  Public,
  type AuthenticatedRequest,
} from './auth.decorators.js';
import {
  clearSessionCookies,
  CSRF_HEADER,
  isUnsafe,
  SESSION_COOKIE,
  sessionCookieOf,
  setOidcCookie,
  setSessionCookies,
  takeOidcCookie,
} from './auth-cookies.js';
import { csrfMismatch } from './auth.errors.js';
import { consoleReturnPath } from './domain/console-return-path.js';
import {
  ChangePasswordDto,
  OidcCallbackQuery,
  OidcStartQuery,
  SignedInView,
  SignInDto,
  SignInMethodsView,
} from './dto/auth.dto.js';
import { OidcService, type PendingOidcLogin } from './oidc.service.js';
import { PeopleService } from './people.service.js';
import { PersonView } from './person.view.js';
import { sameSecret } from './secrets.js';
import { SessionService } from './session.service.js';

const PROVIDER_UNREACHABLE =
  '`auth.oidc-unavailable`: the provider could not be reached (refused connection, unknown host, no answer ' +
  'within OIDC_TIMEOUT_MS, a gateway’s 5xx) or sent the browser back with error=temporarily_unavailable or ' +
  'server_error; nothing is recorded against the person (a browser goes back to the sign-in page)';
const EXTRA_PARAMETERS = 'Query parameters other than those listed are ignored, not refused. ';
const NOT_CONFIGURED = '`auth.oidc-not-configured`: single sign-on is off (no OIDC_ISSUER)';
/** The console's sign-in page, where a browser whose single sign-on failed is sent back. */
const SIGN_IN_PAGE = '/console/sign-in';
const backToSignInPage = (...codes: string[]) =>
  'A browser (Accept preferring text/html) is sent back to the console’s sign-in page instead, with the ' +
  `code only: 302 to ${SIGN_IN_PAGE}?problem=<code> (${codes.join(', ')})`;

/** Console sign-in with a cookie session; scripts use bearer tokens instead (see the README). */
@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly sessions: SessionService,
    private readonly people: PeopleService,
    private readonly oidc: OidcService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.secureCookies = config.COOKIE_SECURE === 'true';
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: `Sign in with username and password; sets the ${SESSION_COOKIE} (httpOnly) and duban_csrf cookies`,
    description:
      'Unsafe requests made with the session cookie must send X-CSRF-Token equal to the duban_csrf cookie. ' +
      'Repeated failures lock the account for SIGN_IN_LOCKOUT (429 auth.account-locked).',
  })
  @ApiOkResponse({ type: SignedInView })
  @ApiUnauthorizedResponse({
    description:
      '`auth.sign-in-failed`: wrong username or password; `lockout` {maxFailures, minutes} states the lockout ' +
      'rule, the same for every name',
  })
  @ApiTooManyRequestsResponse({ description: '`auth.account-locked`: too many failed sign-ins' })
  async signIn(
    @Body() dto: SignInDto,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInView> {
    const signedIn = await this.sessions.signIn(dto.username, dto.password, requestId);
    setSessionCookies(response, signedIn, {
      secure: this.secureCookies,
      maxAgeMs: this.sessions.sessionRules.maxLifetimeMs,
    });
    return { person: signedIn.person, mustChangePassword: signedIn.mustChangePassword };
  }

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'End the console session on the server and clear its cookies (204 even if it had ended)',
  })
  @ApiNoContentResponse({ description: 'signed out' })
  async signOut(
    @Req() request: AuthenticatedRequest,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const cookie = sessionCookieOf(request);
    const session = cookie ? await this.sessions.resolve(cookie).catch(() => undefined) : undefined;
    if (session) {
      // Public so that a dead session can still clear its cookies; a live one still needs the CSRF echo.
      const echoed = request.headers[CSRF_HEADER];
      if (
        isUnsafe(request.method) &&
        (typeof echoed !== 'string' || !sameSecret(echoed, session.csrfToken))
      ) {
        throw csrfMismatch();
      }
      await this.sessions.signOut(session, requestId);
    }
    clearSessionCookies(response, this.secureCookies);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: 'The signed-in person (session cookie or bearer token)' })
  @ApiOkResponse({ type: PersonView })
  me(@CurrentActor() actor: Actor): Promise<PersonView> {
    return this.people.get(actor.userId);
  }

  @Post('password')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your own password; your other sessions end',
    description:
      '400 `auth.wrong-password` (currentPassword) or `auth.weak-password` (newPassword, with why)',
  })
  @ApiNoContentResponse({ description: 'changed' })
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentActor() actor: Actor,
    @Req() request: AuthenticatedRequest,
    @RequestId() requestId: string,
  ): Promise<void> {
    await this.sessions.changePassword(
      actor,
      dto.currentPassword,
      dto.newPassword,
      request.consoleSession?.sessionId ?? null,
      requestId,
    );
  }

  @Get('methods')
  @Public()
  @ApiOperation({
    summary: 'How one may sign in: always username and password; single sign-on when configured, by its name',
  })
  @ApiOkResponse({ type: SignInMethodsView })
  methods(): SignInMethodsView {
    return { password: true, singleSignOn: this.oidc.singleSignOn() };
  }

  @Get('oidc/start')
  @Public()
  @ApiOperation({
    summary: 'Single sign-on: redirects to the OpenID provider (authorization code + PKCE)',
    description:
      'The provider’s discovery document is fetched afresh, so a provider that is down is answered here. ' +
      'returnTo is kept in the pending sign-in cookie, not sent to the provider. ' +
      EXTRA_PARAMETERS +
      backToSignInPage('auth.oidc-not-configured', 'auth.oidc-unavailable'),
  })
  @ApiResponse({ status: 302, description: 'to the provider’s authorization endpoint' })
  @ApiNotFoundResponse({ description: NOT_CONFIGURED })
  @ApiServiceUnavailableResponse({ description: PROVIDER_UNREACHABLE })
  async oidcStart(
    @Query() query: OidcStartQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.backToSignInPageIfBrowser(request, response, async () => {
      const { url, pending } = await this.oidc.start(query.returnTo);
      setOidcCookie(response, Buffer.from(JSON.stringify(pending)).toString('base64url'), this.secureCookies);
      response.redirect(302, url.href);
    });
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({
    summary:
      'Single sign-on: the provider’s redirect back; sets the session cookies and redirects into the console',
    description:
      '401 `auth.oidc-failed` when the answer does not check out or names no active Duban account, or is ' +
      'an authorization error such as access_denied; 503 `auth.oidc-unavailable` when the provider cannot be ' +
      'reached to exchange the code, or its redirect says it is down (temporarily_unavailable, server_error). ' +
      EXTRA_PARAMETERS +
      backToSignInPage('auth.oidc-failed', 'auth.oidc-unavailable'),
  })
  @ApiResponse({ status: 302, description: 'to /console/ followed by start’s returnTo, signed in' })
  @ApiUnauthorizedResponse({ description: '`auth.oidc-failed`' })
  @ApiNotFoundResponse({ description: NOT_CONFIGURED })
  @ApiServiceUnavailableResponse({ description: PROVIDER_UNREACHABLE })
  async oidcCallback(
    @Query() _query: OidcCallbackQuery,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @RequestId() requestId: string,
  ): Promise<void> {
    await this.backToSignInPageIfBrowser(request, response, async () => {
      const pending = parsePending(takeOidcCookie(request, response, this.secureCookies));
      const signedIn = await this.oidc.finish(request.originalUrl, pending, requestId);
      setSessionCookies(response, signedIn, {
        secure: this.secureCookies,
        maxAgeMs: this.sessions.sessionRules.maxLifetimeMs,
      });
      response.redirect(302, `/console${pending?.returnTo ?? '/'}`);
    });
  }

  /**
   * Single sign-on happens in the browser's address bar: a refusal answered as problem+json would leave
   * a person looking at raw JSON. A browser goes back to the sign-in page, which says why in Chinese from
   * the code alone (nothing about the person in the URL); API clients keep the problem+json answer.
   */
  private async backToSignInPageIfBrowser(
    request: Request,
    response: Response,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      const isBrowser = request.accepts(['application/json', 'text/html']) === 'text/html';
      if (!(isBrowser && error instanceof DubanError && error.code.startsWith('auth.oidc-'))) throw error;
      response.redirect(302, `${SIGN_IN_PAGE}?problem=${encodeURIComponent(error.code)}`);
    }
  }
}

function parsePending(cookie: string | undefined): PendingOidcLogin | undefined {
  if (!cookie) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<PendingOidcLogin>;
    const { state, nonce, codeVerifier } = value;
    return typeof state === 'string' && typeof nonce === 'string' && typeof codeVerifier === 'string'
      ? { state, nonce, codeVerifier, returnTo: consoleReturnPath(value.returnTo) }
      : undefined;
  } catch {
    return undefined;
  }
}
