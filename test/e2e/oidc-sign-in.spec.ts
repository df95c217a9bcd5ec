import { type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Provider from 'oidc-provider';
import { DataSource } from 'typeorm';
import { Role } from '../../libs/contracts/src/identity.js';
import { freePort } from '../../libs/platform/src/embedded/free-port.js';
import { sessionFrom, TestSystem } from '../helpers/test-system.js';

/** A browser's cookie jar, one per host, and a step-by-step walk through redirects and forms. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.host) ?? new Map<string, string>();
    this.jars.set(target.host, jar);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      if (value.join('=') === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value.join('='));
    }
    return response;
  }

  /** Follows redirects and submits the provider's login and consent forms until `stopAt` is reached. */
  async signInAt(startUrl: string, login: string, stopAt: string): Promise<Response> {
    let response = await this.go(startUrl);
    for (let step = 0; step < 20; step++) {
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, response.url || startUrl).href;
        if (next.startsWith(stopAt)) return this.go(next);
        response = await this.go(next);
        continue;
      }
      const html = await response.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`stuck at ${response.status}: ${html.slice(0, 200)}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? 'login';
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      response = await this.go(new URL(action.replaceAll('&amp;', '&'), response.url).href, {
        method: 'POST',
        form,
      });
    }
    throw new Error('too many steps');
  }
}

const USERNAME_AT_PROVIDER: Record<string, string> = {
  'staff-7781': 'e2e-oidc.wang',
  'staff-0000': 'e2e-oidc.stranger',
};

/**
 * Single sign-on against a real OpenID provider (oidc-provider, the certified implementation), run in
 * this test on a free port: authorization code + PKCE, the username claim mapped to a Duban account.
 */
describe('signing in through an OpenID Connect provider', () => {
  let system: TestSystem;
  let server: Server;
  let apiUrl: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const [providerPort, apiPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${providerPort}`;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'duban',
          client_secret: 'a-client-secret-for-this-test-only',
          redirect_uris: [`${apiUrl}/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      // The login form's "login" is the provider's account id (the subject); a claim names the Duban user.
      findAccount: (_ctx: unknown, accountId: string) => ({
        accountId,
        claims: () => ({ sub: accountId, preferred_username: USERNAME_AT_PROVIDER[accountId] }),
      }),
      claims: { openid: ['sub'], profile: ['preferred_username'] },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
    });
    server = provider.listen(providerPort);
    Object.assign(process.env, {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'duban',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-this-test-only',
      OIDC_REDIRECT_URI: `${apiUrl}/auth/oidc/callback`,
      COOKIE_SECURE: 'false',
    });
    system = await TestSystem.start({ worker: false, port: apiPort });
  });
  afterAll(async () => {
    await system.stop();
    await new Promise((resolve) => server.close(resolve));
    for (const key of [
      'OIDC_ISSUER',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_REDIRECT_URI',
      'COOKIE_SECURE',
    ]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('redirects to the provider with a PKCE challenge, and back signs the mapped person in', async () => {
    await system.tokenForActor({ userId: 'e2e-oidc.wang', role: Role.Supervisor, unitId: 'fso' });
    const browser = new Browser();
    const start = await browser.go(`${apiUrl}/auth/oidc/start`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toEqual(expect.any(String));

    const back = await new Browser().signInAt(
      `${apiUrl}/auth/oidc/start`,
      'staff-7781',
      `${apiUrl}/auth/oidc/callback`,
    );
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/console/');
    const session = sessionFrom({ status: back.status, body: undefined, headers: back.headers });
    const me = await system.request('GET', '/auth/me', { session });
    expect(me.body).toMatchObject({ id: 'e2e-oidc.wang', role: 'supervisor', unitId: 'fso' });
    const [bound] = await system.api
      .get(DataSource)
      .query(`SELECT oidc_subject FROM app_user WHERE id = 'e2e-oidc.wang'`);
    expect(bound.oidc_subject).toBe('staff-7781');
  });

  it('refuses a provider account that maps to no active Duban person (401 auth.oidc-failed)', async () => {
    const back = await new Browser().signInAt(
      `${apiUrl}/auth/oidc/start`,
      'staff-0000',
      `${apiUrl}/auth/oidc/callback`,
    );
    expect(back.status).toBe(401);
    expect(((await back.json()) as { code: string }).code).toBe('auth.oidc-failed');
    expect(back.headers.getSetCookie().join()).not.toContain('duban_session=');
  });

  it('refuses a callback without the browser’s pending sign-in (state and PKCE verifier)', async () => {
    const res = await system.request('GET', '/auth/oidc/callback?code=stolen&state=guessed');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.oidc-failed');
  });
});
