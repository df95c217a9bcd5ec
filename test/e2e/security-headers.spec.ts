import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestSystem } from '../helpers/test-system.js';

/** A stand-in for the Vite build: the serving rules do not depend on what the page contains. */
function fakeConsoleBuild(): string {
  const dir = mkdtempSync(join(process.env.DUBAN_E2E_DIR ?? '/tmp', 'console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/console/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'export {};');
  return dir;
}

const nonceInPage = (html: string) => /name="csp-nonce" content="([^"]+)"/.exec(html)?.[1];

describe('headers that make the API and the console safe to serve to browsers', () => {
  let system: TestSystem;

  beforeAll(async () => {
    process.env.CONSOLE_DIR = fakeConsoleBuild();
    system = await TestSystem.start({ worker: false });
  });
  afterAll(async () => {
    await system.stop();
    delete process.env.CONSOLE_DIR;
  });

  it.each(['/health/live', '/units', '/console/', '/console/assets/app-1a2b.js', '/docs/openapi.json'])(
    'sends a strict policy on %s',
    async (path) => {
      const { headers } = await system.request('GET', path);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('same-origin');
      expect(headers.get('x-frame-options')).toBe('DENY');
      // Plain HTTP here: HSTS is for TLS only (unit-tested in test/unit/api/hsts.spec.ts).
      expect(headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('gives each page its own style nonce, the same one the policy allows', async () => {
    const [first, second] = [
      await system.request<string>('GET', '/console/'),
      await system.request<string>('GET', '/console/'),
    ];
    const nonce = nonceInPage(first.body);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(first.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
    expect(nonceInPage(second.body)).not.toBe(nonce);
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it('leads / to the console and answers its deep links with the page, but a missing asset with 404', async () => {
    const root = await fetch(`${system.baseUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const deepLink = await system.request<string>('GET', '/console/cases/FX-2026-000001');
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers.get('content-type')).toMatch(/^text\/html/);
    const asset = await system.request('GET', '/console/assets/app-1a2b.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await system.request('GET', '/console/assets/gone-9z9z.js')).status).toBe(404);
  });
});
