import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../../libs/contracts/src/identity.js';
import { TestSystem } from '../helpers/test-system.js';

/** A hand-made HS256 token, to prove the API checks signature, issuer, audience, expiry and claims. */
function forgeToken(payload: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('authentication and scoping on every route', () => {
  let system: TestSystem;
  const secret = () => process.env.JWT_SECRET ?? '';
  const now = () => Math.floor(Date.now() / 1000);
  const validClaims = () => ({
    sub: 'supervisor.fso',
    role: 'supervisor',
    unit: 'fso',
    iss: 'duban',
    aud: 'duban-api',
    iat: now(),
    exp: now() + 600,
  });

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());

  it.each([
    ['GET', '/units'],
    ['GET', '/directives/DB-2026-000001'],
    ['POST', '/directives'],
    ['GET', '/calendar/deadline?from=2024-09-27&amount=7&unit=workdays'],
  ])('%s %s without a token → 401 problem+json', async (method, path) => {
    const res = await system.request(method, path);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, code: 'auth.missing-token' });
  });

  it('leaves health and docs open', async () => {
    expect((await system.request('GET', '/health/live')).status).toBe(200);
    expect((await system.request('GET', '/docs/openapi.json')).status).toBe(200);
    expect((await system.request('GET', '/docs')).status).toBe(200);
  });

  it.each([
    ['a malformed token', () => 'not-a-jwt'],
    ['a wrong signature', () => forgeToken(validClaims(), 'x'.repeat(40))],
    [
      'an expired token',
      () => forgeToken({ ...validClaims(), iat: now() - 7200, exp: now() - 3600 }, secret()),
    ],
    ['another issuer', () => forgeToken({ ...validClaims(), iss: 'evil' }, secret())],
    ['another audience', () => forgeToken({ ...validClaims(), aud: 'other-api' }, secret())],
    ['an unknown role', () => forgeToken({ ...validClaims(), role: 'overlord' }, secret())],
    ['no unit claim', () => forgeToken({ ...validClaims(), unit: undefined }, secret())],
  ])('rejects %s with 401', async (_name, token) => {
    const res = await system.request('GET', '/units', { token: token() });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid-token');
  });

  it('accepts a correctly signed token with the three claims', async () => {
    const res = await system.request('GET', '/units', { token: forgeToken(validClaims(), secret()) });
    expect(res.status).toBe(200);
    expect(res.body.find((u: { id: string }) => u.id === 'fso')).toMatchObject({
      nameZh: '县政府食品安全委员会办公室',
    });
  });

  it.each([Role.Handler, Role.UnitHead, Role.Leader, Role.PoliceLiaison, Role.Auditor])(
    'refuses to let a %s issue a directive (403)',
    async (role) => {
      const token = await system.tokenForActor({ userId: `someone.${role}`, role, unitId: 'amr' });
      const res = await system.request('POST', '/directives', {
        token,
        body: { title: 't', body: 'b', assigneeUnitId: 'amr' },
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('auth.role-not-allowed');
    },
  );
});
