import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { type DataSource } from 'typeorm';
import { providerUnreachable } from '../../../libs/identity/src/domain/provider-unreachable.js';
import { type IdentityLedger } from '../../../libs/identity/src/identity-ledger.js';
import { OidcService } from '../../../libs/identity/src/oidc.service.js';
import { type SessionService } from '../../../libs/identity/src/session.service.js';
import { AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { freePort } from '../../../libs/platform/src/embedded/free-port.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local HTTP server answering as `listener` does; its base URL. */
async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: the county's provider is down. */
const downUrl = async () => `http://127.0.0.1:${await freePort()}`;

const configFor = (issuer: string, redirectUri = 'http://127.0.0.1:3000/auth/oidc/callback') =>
  Object.assign(new AppConfig(), {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'duban',
    OIDC_CLIENT_SECRET: 'a-client-secret-for-this-test-only',
    OIDC_REDIRECT_URI: redirectUri,
  });

describe('single sign-on while the provider cannot be reached', () => {
  it('answers auth.oidc-unavailable (503), the code a browser is sent back to the sign-in page with', async () => {
    Logger.overrideLogger(false);
    // Nothing is recorded or opened when the provider is not reached: the other parts are never asked.
    const service = new OidcService(
      configFor(await downUrl()),
      {} as DataSource,
      {} as SessionService,
      {} as IdentityLedger,
    );
    await expect(service.start()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'auth.oidc-unavailable',
    });
  });

  describe('after the provider had answered once', () => {
    /** A provider whose discovery answers (until closed) and whose token endpoint is down. */
    async function halfDownProvider(): Promise<{ issuer: string; stop: () => Promise<void> }> {
      const tokenEndpoint = `${await downUrl()}/token`;
      let issuer = '';
      const server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            issuer,
            authorization_endpoint: `${issuer}/auth`,
            token_endpoint: tokenEndpoint,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ['code'],
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const stop = async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      };
      servers.push(server);
      return { issuer, stop };
    }

    function serviceWithLedger(issuer: string): { service: OidcService; ledgered: unknown[] } {
      const ledgered: unknown[] = [];
      const ledger = {
        record: (_tx: unknown, change: unknown) => Promise.resolve(void ledgered.push(change)),
      };
      const dataSource = { transaction: (work: (tx: unknown) => Promise<unknown>) => work({}) };
      const service = new OidcService(
        configFor(issuer),
        dataSource as unknown as DataSource,
        {} as SessionService,
        ledger as unknown as IdentityLedger,
      );
      return { service, ledgered };
    }

    it('a token endpoint that cannot be reached is 503, and no refusal of a person is ledgered', async () => {
      Logger.overrideLogger(false);
      const { issuer } = await halfDownProvider();
      const { service, ledgered } = serviceWithLedger(issuer);
      const { pending } = await service.start();
      await expect(
        service.finish(`/auth/oidc/callback?code=from-the-provider&state=${pending.state}`, pending, 'r-1'),
      ).rejects.toMatchObject({ kind: 'unavailable', code: 'auth.oidc-unavailable' });
      expect(ledgered).toEqual([]);
      // A refusal is still one: a state that does not match is ledgered and answered 401.
      await expect(
        service.finish('/auth/oidc/callback?code=from-the-provider&state=guessed', pending, 'r-2'),
      ).rejects.toMatchObject({ code: 'auth.oidc-failed' });
      expect(ledgered).toHaveLength(1);
    });

    it('a start once the provider is down is 503, though its discovery had been kept', async () => {
      Logger.overrideLogger(false);
      const { issuer, stop } = await halfDownProvider();
      const { service } = serviceWithLedger(issuer);
      await service.start();
      await stop();
      await expect(service.start()).rejects.toMatchObject({ code: 'auth.oidc-unavailable' });
    });
  });
});

describe('telling a provider that cannot be reached from one that refused', () => {
  /**
   * What openid-client throws when exchanging a code at `tokenEndpoint` (the callback's state: `state`;
   * `error`: the provider sent an authorization error instead of a code).
   */
  async function exchangeError(
    tokenEndpoint: string,
    state = 's',
    timeoutSeconds?: number,
    error?: string,
  ): Promise<unknown> {
    const config = new oidc.Configuration(
      { issuer: 'http://127.0.0.1:9', token_endpoint: tokenEndpoint },
      'duban',
      'a-client-secret-for-this-test-only',
    );
    oidc.allowInsecureRequests(config);
    if (timeoutSeconds) config.timeout = timeoutSeconds;
    const callback = error ? `error=${error}` : 'code=c';
    return oidc
      .authorizationCodeGrant(config, new URL(`http://127.0.0.1:3000/cb?${callback}&state=${state}`), {
        pkceCodeVerifier: 'v'.repeat(43),
        expectedState: 's',
        idTokenExpected: true,
      })
      .then(
        () => {
          throw new Error('the exchange was expected to fail');
        },
        (err: unknown) => err,
      );
  }

  const answering =
    (status: number, type: string, body: string): RequestListener =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };

  it('a refused connection is unreachable', async () => {
    expect(providerUnreachable(await exchangeError(`${await downUrl()}/token`))).toBe(true);
  });

  it('fetch’s failure as plain Node throws it (under Jest openid-client wraps it: another realm) is unreachable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(providerUnreachable(new TypeError('fetch failed', { cause: refused }))).toBe(true);
    expect(
      providerUnreachable(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ).toBe(true);
  });

  it('no answer within the timeout is unreachable', async () => {
    const silent = await serve(() => undefined);
    expect(providerUnreachable(await exchangeError(`${silent}/token`, 's', 1))).toBe(true);
  });

  it('a gateway’s 502 page in front of the provider is unreachable', async () => {
    const gateway = await serve(answering(502, 'text/html', '<h1>502 Bad Gateway</h1>'));
    expect(providerUnreachable(await exchangeError(`${gateway}/token`))).toBe(true);
  });

  it('an OAuth error answer is a refusal', async () => {
    const provider = await serve(answering(400, 'application/json', '{"error":"invalid_grant"}'));
    expect(providerUnreachable(await exchangeError(`${provider}/token`))).toBe(false);
  });

  it('a token answer without an ID token is a refusal', async () => {
    const provider = await serve(
      answering(200, 'application/json', '{"access_token":"a","token_type":"Bearer"}'),
    );
    expect(providerUnreachable(await exchangeError(`${provider}/token`))).toBe(false);
  });

  it('the provider sending the browser back saying it is down (temporarily_unavailable, server_error) is unreachable', async () => {
    const never = `${await downUrl()}/token`;
    for (const error of ['temporarily_unavailable', 'server_error']) {
      expect(providerUnreachable(await exchangeError(never, 's', undefined, error))).toBe(true);
    }
  });

  it('any other authorization error (the person cancelled: access_denied) is a refusal, as is a forged one', async () => {
    const never = `${await downUrl()}/token`;
    for (const error of ['access_denied', 'invalid_request', 'login_required']) {
      expect(providerUnreachable(await exchangeError(never, 's', undefined, error))).toBe(false);
    }
    // Whatever it says, a redirect whose state does not match is not the provider's.
    expect(
      providerUnreachable(await exchangeError(never, 'guessed', undefined, 'temporarily_unavailable')),
    ).toBe(false);
  });

  it('a state that does not match is a refusal, the provider never asked', async () => {
    expect(providerUnreachable(await exchangeError(`${await downUrl()}/token`, 'guessed'))).toBe(false);
  });

  it('anything else is a refusal', () => {
    expect(providerUnreachable(new TypeError('"config" must be an instance of Configuration'))).toBe(false);
    expect(providerUnreachable(Object.assign(new TypeError('fetch failed'), { code: 'X' }))).toBe(false);
    expect(providerUnreachable(new Error('fetch failed'))).toBe(false);
    expect(providerUnreachable('fetch failed')).toBe(false);
    expect(providerUnreachable(undefined)).toBe(false);
  });
});
