import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../contracts/src/identity.js';
import { ErrorKind } from '../../contracts/src/errors.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { providerUnreachable } from './domain/provider-unreachable.js';
import { IdentityAction, IdentityLedger } from './identity-ledger.js';
import { SessionService, type SignedIn } from './session.service.js';
import { UserEntity } from './user.entity.js';

/** What the browser keeps between /auth/oidc/start and the callback (an httpOnly cookie). */
export interface PendingOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The console path to land on afterwards (see consoleReturnPath); kept here, not in the provider's state. */
  returnTo?: string;
}

export const oidcNotConfigured = () =>
  new DubanError(
    ErrorKind.NotFound,
    'auth.oidc-not-configured',
    'Single sign-on is not configured (OIDC_ISSUER)',
  );
/** One answer for every failed callback; the reason goes to the identity chain, not to the browser. */
export const oidcFailed = () =>
  new DubanError(ErrorKind.Unauthenticated, 'auth.oidc-failed', 'Single sign-on failed; sign in again');

/**
 * The provider could not be reached (its discovery document at the start; its token, UserInfo or key
 * set endpoint at the callback), did not answer within OIDC_TIMEOUT_MS, or sent the browser back saying
 * it is down (temporarily_unavailable, server_error): a county system that is down, not a person
 * refused. Nothing is recorded on the identity chain; the person may try again or sign in with a password.
 */
export const oidcUnavailable = () =>
  new DubanError(
    ErrorKind.Unavailable,
    'auth.oidc-unavailable',
    'The single sign-on provider cannot be reached now; try again later, or sign in with a password',
  );

/**
 * OpenID Connect sign-in (authorization code + PKCE, openid-client): the provider proves who the
 * person is; the configured claim (OIDC_USERNAME_CLAIM) names the Duban account, which must exist and
 * be active. The first sign-in binds the account to the provider's subject; another subject is refused.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private provider?: Promise<oidc.Configuration>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly ledger: IdentityLedger,
  ) {}

  /**
   * The provider's authorization URL and what the browser must bring back. The provider is asked for its
   * discovery document afresh each time, so that a provider that is down is answered here (the sign-in
   * page, in Chinese) instead of sending the browser to an address that does not answer.
   */
  async start(returnTo?: string): Promise<{ url: URL; pending: PendingOidcLogin }> {
    const provider = await this.discover({ fresh: true });
    const pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.config.OIDC_REDIRECT_URI as string,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchanges the code (checking state, nonce and PKCE) and opens a session for the mapped person. */
  async finish(
    requestPath: string,
    pending: PendingOidcLogin | undefined,
    requestId: string,
  ): Promise<SignedIn> {
    const provider = await this.discover();
    // The URL the provider redirected to, from configuration rather than the request's Host header.
    const callbackUrl = new URL(this.config.OIDC_REDIRECT_URI as string);
    callbackUrl.search = new URL(requestPath, callbackUrl).search;
    if (!pending) return this.refuse('no pending sign-in (cookie missing or expired)', requestId);
    let subject: string;
    let username: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims() as oidc.IDToken;
      subject = claims.sub;
      username = claims[this.config.OIDC_USERNAME_CLAIM];
      // Providers put profile claims in the ID token or only behind the UserInfo endpoint.
      if (username === undefined) {
        const info = await oidc.fetchUserInfo(provider, tokens.access_token, subject);
        username = info[this.config.OIDC_USERNAME_CLAIM];
      }
    } catch (err) {
      if (providerUnreachable(err)) {
        this.logger.warn(describe(err), 'single sign-on provider unreachable or down (callback)');
        throw oidcUnavailable();
      }
      return this.refuse(`provider answer rejected: ${err instanceof Error ? err.name : 'error'}`, requestId);
    }
    if (typeof username !== 'string')
      return this.refuse(`no ${this.config.OIDC_USERNAME_CLAIM} claim`, requestId);
    const person = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username) AND u.active', { username })
      .getOne();
    if (!person) return this.refuse('no active account for the claimed username', requestId);
    if (person.oidcSubject && person.oidcSubject !== subject) {
      return this.refuse(`account ${person.id} is bound to another provider subject`, requestId);
    }
    if (!person.oidcSubject) {
      await this.dataSource.getRepository(UserEntity).update({ id: person.id }, { oidcSubject: subject });
    }
    return this.sessions.open(person, { method: 'oidc', issuer: this.config.OIDC_ISSUER }, requestId);
  }

  /** How the sign-in page may offer single sign-on: by the configured name, or not at all. */
  singleSignOn(): { label: string } | null {
    return this.config.OIDC_ISSUER ? { label: this.config.OIDC_DISPLAY_NAME } : null;
  }

  /** The provider's configuration: the last one discovered, or (`fresh`, or none yet) asked for now. */
  private discover({ fresh = false } = {}): Promise<oidc.Configuration> {
    const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret } = this.config;
    if (!issuer || !clientId) throw oidcNotConfigured();
    if (this.provider && !fresh) return this.provider;
    const asked: Promise<oidc.Configuration> = oidc
      .discovery(new URL(issuer), clientId, secret, undefined, {
        // Plain HTTP only for a provider on this machine (tests, a local IdP); anywhere else HTTPS.
        execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
        // In seconds; it bounds the discovery and, kept on the configuration, every later request.
        timeout: this.config.OIDC_TIMEOUT_MS / 1000,
      })
      .catch((err: unknown) => {
        // Asked again at the next sign-in: the provider may be back by then.
        if (this.provider === asked) this.provider = undefined;
        this.logger.warn(describe(err), 'single sign-on provider unreachable (discovery failed)');
        throw oidcUnavailable();
      });
    this.provider = asked;
    return asked;
  }

  private async refuse(why: string, requestId: string): Promise<never> {
    await this.dataSource.transaction((tx) =>
      this.ledger.record(tx, {
        actor: SYSTEM_ACTOR,
        action: IdentityAction.SignInFailed,
        subject: 'person/unknown',
        reason: `oidc: ${why}`,
        before: null,
        after: {},
        requestId,
      }),
    );
    throw oidcFailed();
  }
}

/**
 * For the log: what failed, without the provider's answer (which may hold tokens); an authorization
 * error's code (temporarily_unavailable) but not its description, which is the provider's free text.
 */
const describe = (err: unknown) => {
  const { name, message } = err instanceof Error ? err : { name: 'error', message: String(err) };
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
  const error = err instanceof oidc.AuthorizationResponseError ? err.error : undefined;
  return { cause: name, message, ...(cause ? { reason: cause } : {}), ...(error ? { error } : {}) };
};

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
