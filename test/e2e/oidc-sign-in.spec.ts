import { type Server } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Provider, { errors } from 'oidc-provider';
import { type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../libs/contracts/src/identity.js';
import { freePort } from '../../libs/platform/src/embedded/free-port.js';
import {
  collectPageErrors,
  type ConsoleStack,
  finishPage,
  officeContext,
  screenshot,
  startConsoleStack,
} from '../helpers/browser.js';
import { sessionFrom, type TestSystem } from '../helpers/test-system.js';

/** A browser's cookie jar, one per host, and a step-by-step walk through redirects and forms. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async go(
    url: string,
    init: { method?: string; form?: Record<string, string>; accept?: string } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.host) ?? new Map<string, string>();
    this.jars.set(target.host, jar);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.accept ? { accept: init.accept } : {}),
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
    return this.go(await this.walkTo(startUrl, login, stopAt));
  }

  /**
   * As signInAt, but stops before `stopAt`: the URL the provider sent the browser back to. `cancel`: the
   * person cancels on the provider's first page (its abort link) instead of signing in.
   */
  async walkTo(startUrl: string, login: string, stopAt: string, { cancel = false } = {}): Promise<string> {
    let response = await this.go(startUrl);
    for (let step = 0; step < 20; step++) {
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, response.url || startUrl).href;
        if (next.startsWith(stopAt)) return next;
        response = await this.go(next);
        continue;
      }
      const html = await response.text();
      const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
      if (cancel && abort) {
        response = await this.go(new URL(abort, response.url).href);
        continue;
      }
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
  'staff-7790': 'e2e-oidc.li',
  'staff-0000': 'e2e-oidc.stranger',
};

/**
 * Provider accounts whose lookup fails at the provider, as its account store being down would: it sends
 * the browser back with `error=temporarily_unavailable` or `error=server_error`.
 */
const FAILING_AT_PROVIDER: Record<string, () => Error> = {
  'staff-busy': () => new errors.TemporarilyUnavailable('account store busy'),
  'staff-broken': () => new errors.CustomOIDCProviderError('server_error', 'account store failed'),
};

/** What Chromium says it accepts when it navigates: a page first. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * Single sign-on against a real OpenID provider (oidc-provider, the certified implementation), run in
 * this test on a free port: authorization code + PKCE, the username claim mapped to a Duban account.
 * At the HTTP level, then as a person does it from the console's sign-in page in Chromium.
 */
describe('signing in through an OpenID Connect provider', () => {
  let stack: ConsoleStack | undefined;
  let system: TestSystem;
  let server: Server;
  let provider: Provider;
  let providerPort: number;
  let apiUrl: string;

  /** The county's provider goes down (its port refuses connections) while `during` runs, then comes back. */
  async function whileProviderDown(during: () => Promise<void>): Promise<void> {
    await new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
    try {
      await during();
    } finally {
      server = provider.listen(providerPort);
    }
  }

  /**
   * The county's provider hangs while `during` runs: its port accepts connections and never answers (an
   * overloaded server, a firewall that swallows the traffic), then the provider comes back.
   */
  async function whileProviderHangs(during: () => Promise<void>): Promise<void> {
    await new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
    const held = new Set<Socket>();
    const silent = createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => silent.listen(providerPort, resolve));
    try {
      await during();
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      server = provider.listen(providerPort);
    }
  }

  const refusalsLedgered = async (): Promise<number> => {
    const [row] = await system.api
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE case_type = 'identity' AND action = 'sign-in.failed'`,
      );
    return (row as { n: number }).n;
  };

  beforeAll(async () => {
    providerPort = await freePort();
    const apiPort = await freePort();
    const issuer = `http://127.0.0.1:${providerPort}`;
    apiUrl = `http://127.0.0.1:${apiPort}`;
    provider = new Provider(issuer, {
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
      findAccount: (_ctx: unknown, accountId: string) => {
        const failure = FAILING_AT_PROVIDER[accountId];
        if (failure) throw failure();
        return {
          accountId,
          claims: () => ({ sub: accountId, preferred_username: USERNAME_AT_PROVIDER[accountId] }),
        };
      },
      claims: { openid: ['sub'], profile: ['preferred_username'] },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
    });
    server = provider.listen(providerPort);
    stack = await startConsoleStack({
      worker: false,
      port: apiPort,
      env: {
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'duban',
        OIDC_CLIENT_SECRET: 'a-client-secret-for-this-test-only',
        OIDC_REDIRECT_URI: `${apiUrl}/auth/oidc/callback`,
        // Short, so that a provider that never answers is told in seconds; the provider here answers at once.
        OIDC_TIMEOUT_MS: '2000',
      },
    });
    system = stack.system;
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A fresh office browser on the console, the provider's web font left out (no internet needed). */
  async function consolePage(): Promise<{ page: Page; errors: string[] }> {
    const page = await (await officeContext(stack!.browser, system.baseUrl)).newPage();
    await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
    return { page, errors: await collectPageErrors(page) };
  }

  /** The sign-in page's single sign-on button, then the provider's own login and consent pages. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('link', { name: '使用统一身份认证登录' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('whatever the provider asks');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('tells the sign-in page that single sign-on is on, by its configured name', async () => {
    const methods = await system.request('GET', '/auth/methods');
    expect(methods.body).toEqual({ password: true, singleSignOn: { label: '统一身份认证' } });
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

  it('sends a browser whose callback failed back to the sign-in page, with the problem’s code only', async () => {
    const res = await fetch(`${apiUrl}/auth/oidc/callback?code=stolen&state=guessed`, {
      headers: { accept: BROWSER_ACCEPT },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/sign-in?problem=auth.oidc-failed');
  });

  it('returns to the console path the sign-in started from, kept from the provider; any other place is ignored', async () => {
    const start = await new Browser().go(`${apiUrl}/auth/oidc/start?returnTo=/risk-items/FX-2024-000001`);
    expect(start.headers.get('location')).not.toContain('risk-items');
    const back = await new Browser().signInAt(
      `${apiUrl}/auth/oidc/start?returnTo=/risk-items/FX-2024-000001`,
      'staff-7781',
      `${apiUrl}/auth/oidc/callback`,
    );
    expect(back.headers.get('location')).toBe('/console/risk-items/FX-2024-000001');
    const elsewhere = await new Browser().signInAt(
      `${apiUrl}/auth/oidc/start?returnTo=${encodeURIComponent('//evil.example/console/')}`,
      'staff-7781',
      `${apiUrl}/auth/oidc/callback`,
    );
    expect(elsewhere.headers.get('location')).toBe('/console/');
  });

  it('keeps to returnTo when a link adds parameters of its own (lang, utm_source), on start and callback', async () => {
    const extra = 'lang=zh&utm_source=portal';
    const start = await new Browser().go(`${apiUrl}/auth/oidc/start?${extra}`);
    expect(start.status).toBe(302);
    expect(new URL(start.headers.get('location') ?? '').origin).not.toBe(apiUrl);
    const back = await new Browser().signInAt(
      `${apiUrl}/auth/oidc/start?${extra}&returnTo=/risk-items/FX-2024-000001`,
      'staff-7781',
      `${apiUrl}/auth/oidc/callback`,
    );
    expect(back.headers.get('location')).toBe('/console/risk-items/FX-2024-000001');
    // returnTo is still checked: another site is dropped, the extra parameters change nothing.
    const elsewhere = await new Browser().signInAt(
      `${apiUrl}/auth/oidc/start?returnTo=${encodeURIComponent('//evil.example/')}&${extra}`,
      'staff-7781',
      `${apiUrl}/auth/oidc/callback`,
    );
    expect(elsewhere.headers.get('location')).toBe('/console/');
    // The callback with something extra is judged on what matters (here: no pending sign-in).
    const callback = await system.request('GET', `/auth/oidc/callback?code=stolen&state=guessed&${extra}`);
    expect(callback.status).toBe(401);
    expect(callback.body.code).toBe('auth.oidc-failed');
    // Known parameters are still checked as before.
    const tooLong = await system.request('GET', `/auth/oidc/callback?state=${'s'.repeat(513)}`);
    expect(tooLong.status).toBe(400);
  });

  it('a provider gone between its login page and the code exchange: 503 auth.oidc-unavailable, no refusal ledgered', async () => {
    const callback = `${apiUrl}/auth/oidc/callback`;
    const [client, person] = [new Browser(), new Browser()];
    const clientBack = await client.walkTo(`${apiUrl}/auth/oidc/start`, 'staff-7781', callback);
    const personBack = await person.walkTo(`${apiUrl}/auth/oidc/start`, 'staff-7781', callback);
    const refusals = await refusalsLedgered();
    await whileProviderDown(async () => {
      const answer = await client.go(clientBack);
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { code: string }).code).toBe('auth.oidc-unavailable');
      expect(answer.headers.getSetCookie().join()).not.toContain('duban_session=');
      const navigation = await person.go(personBack, { accept: BROWSER_ACCEPT });
      expect(navigation.status).toBe(302);
      expect(navigation.headers.get('location')).toBe('/console/sign-in?problem=auth.oidc-unavailable');
    });
    // A county system that was down is not a person refused: the identity chain has nothing new.
    expect(await refusalsLedgered()).toBe(refusals);
  });

  it('starting while the provider is down, after it had answered: 503, and Chromium is told so in Chinese', async () => {
    // The provider has answered before (its discovery is known); now it is down.
    expect((await new Browser().go(`${apiUrl}/auth/oidc/start`)).status).toBe(302);
    await whileProviderDown(async () => {
      const res = await system.request('GET', '/auth/oidc/start');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('auth.oidc-unavailable');

      const { page, errors } = await consolePage();
      await page.goto('/console/sign-in');
      await page.getByRole('link', { name: '使用统一身份认证登录' }).click();
      await page.waitForURL((url) => url.search === '?problem=auth.oidc-unavailable');
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await page
        .getByRole('alert')
        .getByText('统一身份认证服务暂时无法访问，请稍后再试，或使用用户名和密码登录')
        .waitFor();
      await screenshot(page, 'oidc-sso-unavailable');
      await finishPage(page, errors);
    });
    // Back up: the next start goes to the provider again.
    expect((await new Browser().go(`${apiUrl}/auth/oidc/start`)).status).toBe(302);
  });

  it('a provider that accepts connections and never answers: 503 auth.oidc-unavailable after OIDC_TIMEOUT_MS, not 30 s', async () => {
    const callback = `${apiUrl}/auth/oidc/callback`;
    const person = new Browser();
    const back = await person.walkTo(`${apiUrl}/auth/oidc/start`, 'staff-7781', callback);
    const refusals = await refusalsLedgered();
    await whileProviderHangs(async () => {
      // The code exchange first (the provider's discovery is known from the start above), then new starts.
      const exchange = await person.go(back, { accept: BROWSER_ACCEPT });
      expect(exchange.status).toBe(302);
      expect(exchange.headers.get('location')).toBe('/console/sign-in?problem=auth.oidc-unavailable');
      const start = await system.request('GET', '/auth/oidc/start');
      expect(start.status).toBe(503);
      expect(start.body.code).toBe('auth.oidc-unavailable');
      const navigation = await new Browser().go(`${apiUrl}/auth/oidc/start`, { accept: BROWSER_ACCEPT });
      expect(navigation.headers.get('location')).toBe('/console/sign-in?problem=auth.oidc-unavailable');
    });
    expect(await refusalsLedgered()).toBe(refusals);
    expect((await new Browser().go(`${apiUrl}/auth/oidc/start`)).status).toBe(302);
  });

  it('the provider sending the browser back with temporarily_unavailable or server_error is down (503), not a refusal; a person who cancels is refused', async () => {
    const callback = `${apiUrl}/auth/oidc/callback`;
    const refusals = await refusalsLedgered();
    for (const [login, error] of [
      ['staff-busy', 'temporarily_unavailable'],
      ['staff-broken', 'server_error'],
    ]) {
      const [client, person] = [new Browser(), new Browser()];
      const clientBack = await client.walkTo(`${apiUrl}/auth/oidc/start`, login, callback);
      expect(new URL(clientBack).searchParams.get('error')).toBe(error);
      const answer = await client.go(clientBack);
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { code: string }).code).toBe('auth.oidc-unavailable');
      const personBack = await person.walkTo(`${apiUrl}/auth/oidc/start`, login, callback);
      const navigation = await person.go(personBack, { accept: BROWSER_ACCEPT });
      expect(navigation.headers.get('location')).toBe('/console/sign-in?problem=auth.oidc-unavailable');
    }
    expect(await refusalsLedgered()).toBe(refusals);

    const cancelling = new Browser();
    const cancelled = await cancelling.walkTo(`${apiUrl}/auth/oidc/start`, 'staff-7781', callback, {
      cancel: true,
    });
    expect(new URL(cancelled).searchParams.get('error')).toBe('access_denied');
    const refused = await cancelling.go(cancelled);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('auth.oidc-failed');
    expect(await refusalsLedgered()).toBe(refusals + 1);
  });

  it('in Chromium: a deep link while signed out, the SSO button, the provider’s pages, and back at the link as that person', async () => {
    await system.tokenForActor({ userId: 'e2e-oidc.li', role: Role.Supervisor, unitId: 'fso' });
    await system.api
      .get(DataSource)
      .query(`UPDATE app_user SET display_name = '李督查' WHERE id = 'e2e-oidc.li'`);
    const { page, errors } = await consolePage();
    await page.goto('/console/risk-items/FX-2024-000001');
    await page.waitForURL('**/console/sign-in');
    await signInAtProvider(page, 'staff-7790');
    await page.waitForURL(`${system.baseUrl}/console/risk-items/FX-2024-000001`);
    await page.getByText('李督查 · 督办员').waitFor();

    // The session goes idle under the open page (its reads all answered first): signed in again through
    // the provider in a new tab, the person comes back to the same page and goes on.
    await page.getByText('隐患不存在或不在您的查看范围内').waitFor();
    await page.waitForLoadState('networkidle');
    await system.api
      .get(DataSource)
      .query(
        `UPDATE auth_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = 'e2e-oidc.li' AND ended_at IS NULL`,
      );
    await page.getByRole('menuitem', { name: '亮牌看板' }).click();
    const ended = page.getByRole('dialog', { name: '请重新登录' });
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      ended.getByRole('link', { name: '在新窗口使用统一身份认证登录' }).click(),
    ]);
    // The provider still knows the person: it sends them straight back, signed in.
    await tab.waitForURL(`${system.baseUrl}/console/**`);
    await tab.getByText('李督查 · 督办员').waitFor();
    await tab.close();
    await ended.getByRole('button', { name: '已在其他窗口登录，继续' }).click();
    await ended.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '亮牌看板' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/cards');
    // The one 401 was the API's answer to the page's read, not an error of the page.
    await finishPage(
      page,
      errors.filter((error) => !/status of 401/.test(error)),
    );
  });

  it('in Chromium: a provider account that names no Duban person is back on the sign-in page, told in Chinese', async () => {
    const { page, errors } = await consolePage();
    await page.goto('/console/sign-in');
    await signInAtProvider(page, 'staff-0000');
    await page.waitForURL((url) => url.pathname === '/console/sign-in');
    expect(new URL(page.url()).search).toBe('?problem=auth.oidc-failed');
    await page.getByRole('alert').getByText('统一身份认证登录失败，请重试').waitFor();
    await screenshot(page, 'oidc-sso-failed');
    // Text put in the link by someone else is not repeated on the page.
    await page.goto('/console/sign-in?problem=请拨打热线');
    await page.getByRole('alert').getByText('登录失败，请稍后再试').waitFor();
    expect(await page.getByText('请拨打热线').count()).toBe(0);
    await finishPage(page, errors);
  });
});
