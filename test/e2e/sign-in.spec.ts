import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Role } from '../../libs/contracts/src/identity.js';
import { TestSystem } from '../helpers/test-system.js';

/** The console's way in: cookie session with CSRF, sign-out, password change, lockout, expiry. */
describe('signing in with a password', () => {
  let system: TestSystem;
  let db: DataSource;
  /** A person of this file only, so lockouts and password changes touch nobody else. */
  const person = async (name: string, role = Role.Handler, unitId = 'amr') => {
    const userId = `e2e-signin.${name}`;
    await system.tokenForActor({ userId, role, unitId });
    return { userId, password: await system.givePassword(userId) };
  };

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    db = system.api.get(DataSource);
  });
  afterAll(() => system.stop());

  it('sets an httpOnly, SameSite=Strict session cookie and a readable CSRF cookie, and knows the person', async () => {
    const { userId, password } = await person('alice');
    const res = await system.request('POST', '/auth/sign-in', { body: { username: userId, password } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      person: expect.objectContaining({
        id: userId,
        username: userId,
        role: 'handler',
        unitId: 'amr',
        unitName: '市场监管局',
      }),
      mustChangePassword: false,
    });
    const [session, csrf] = ['duban_session', 'duban_csrf'].map((name) =>
      res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)),
    );
    expect(session).toMatch(/; Path=\/; .*HttpOnly; Secure; SameSite=Strict/);
    expect(csrf).not.toContain('HttpOnly');
    expect(csrf).toMatch(/SameSite=Strict/);
    expect(JSON.stringify(res.body)).not.toContain(password);

    const cookies = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await system.request('GET', '/auth/me', { headers: { cookie: cookies } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: userId, role: 'handler', unitId: 'amr' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers an unknown username and a wrong password alike (401 auth.sign-in-failed)', async () => {
    const { userId } = await person('bob');
    const wrong = await system.request('POST', '/auth/sign-in', {
      body: { username: userId, password: 'not the password at all' },
    });
    const unknown = await system.request('POST', '/auth/sign-in', {
      body: { username: 'e2e-signin.nobody', password: 'not the password at all' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      // The lockout rule is stated to every name alike: it says nothing of whether the name exists.
      expect(res.body).toMatchObject({
        code: 'auth.sign-in-failed',
        detail: 'Wrong username or password',
        lockout: { maxFailures: 5, minutes: 15 },
      });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('refuses an unsafe cookie request without the CSRF header (403), and takes it with one', async () => {
    const { userId, password } = await person('carol');
    const session = await system.signIn(userId, password);
    const body = { currentPassword: password, newPassword: 'a long and unusual passphrase 7' };
    const bare = await system.request('POST', '/auth/password', { session, csrf: false, body });
    expect(bare.status).toBe(403);
    expect(bare.body.code).toBe('auth.csrf-mismatch');
    const forged = await system.request('POST', '/auth/password', {
      session,
      csrf: false,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
      body,
    });
    expect(forged.body.code).toBe('auth.csrf-mismatch');
    expect((await system.request('POST', '/auth/password', { session, body })).status).toBe(204);
    // The new password works, the old one no longer does.
    await expect(system.signIn(userId, body.newPassword)).resolves.toBeDefined();
    await expect(system.signIn(userId, password)).rejects.toThrow(/401/);
  });

  it('lets a bearer caller change things without CSRF (no cookie is involved)', async () => {
    const token = await system.tokenFor('supervisor.fso');
    expect((await system.request('GET', '/auth/me', { token })).body).toMatchObject({
      id: 'supervisor.fso',
      role: 'supervisor',
    });
  });

  it('ends the session on the server at sign-out: the same cookie is refused afterwards', async () => {
    const { userId, password } = await person('dave');
    const session = await system.signIn(userId, password);
    const withoutCsrf = await system.request('POST', '/auth/sign-out', { session, csrf: false });
    expect(withoutCsrf.body.code).toBe('auth.csrf-mismatch');
    const out = await system.request('POST', '/auth/sign-out', { session });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/duban_session=;/);
    const after = await system.request('GET', '/auth/me', { session });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'auth.session-expired', why: 'ended' });
    // Signing out again is harmless.
    expect((await system.request('POST', '/auth/sign-out', { session })).status).toBe(204);
  });

  it('ends a session left idle past SESSION_IDLE_TIMEOUT, and one older than SESSION_MAX_LIFETIME', async () => {
    const { userId, password } = await person('erin');
    const idle = await system.signIn(userId, password);
    const old = await system.signIn(userId, password);
    await db.query(
      `UPDATE auth_session SET last_seen_at = now() - interval '31 minutes'
       WHERE user_id = $1 AND ended_at IS NULL AND created_at = (SELECT min(created_at) FROM auth_session WHERE user_id = $1)`,
      [userId],
    );
    await db.query(
      `UPDATE auth_session SET created_at = now() - interval '13 hours'
       WHERE user_id = $1 AND ended_at IS NULL AND last_seen_at > now() - interval '1 minute'`,
      [userId],
    );
    const idleAnswer = await system.request('GET', '/auth/me', { session: idle });
    expect(idleAnswer.status).toBe(401);
    expect(idleAnswer.body).toMatchObject({ why: 'idle', detail: expect.stringContaining('without use') });
    const oldAnswer = await system.request('GET', '/auth/me', { session: old });
    expect(oldAnswer.status).toBe(401);
    expect(oldAnswer.body).toMatchObject({
      why: 'lifetime',
      detail: expect.stringContaining('maximum lifetime'),
    });
  });

  it('locks the account after SIGN_IN_MAX_FAILURES wrong passwords, then refuses even the right one (429)', async () => {
    const { userId, password } = await person('frank');
    const attempt = (pw: string) =>
      system.request('POST', '/auth/sign-in', { body: { username: userId, password: pw } });
    for (let i = 1; i < 5; i++) expect((await attempt(`wrong guess number ${i}`)).status).toBe(401);
    const fifth = await attempt('wrong guess number 5');
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('auth.account-locked');
    expect(fifth.body.detail).toMatch(
      /Too many failed sign-ins: this account is locked until .+ask an administrator/,
    );
    const right = await attempt(password);
    expect(right.status).toBe(429);
    expect(right.body.lockedUntil).toEqual(expect.any(String));
  });

  it('refuses the cookie and the token of a person deactivated since, on the very next request', async () => {
    const { userId, password } = await person('gina');
    const session = await system.signIn(userId, password);
    const token = await system.tokenForActor({ userId, role: Role.Handler, unitId: 'amr' });
    expect((await system.request('GET', '/auth/me', { token })).status).toBe(200);
    await db.query(`UPDATE app_user SET active = false WHERE id = $1`, [userId]);
    const byToken = await system.request('GET', '/auth/me', { token });
    expect(byToken.status).toBe(401);
    expect(byToken.body.code).toBe('auth.account-inactive');
    expect((await system.request('GET', '/auth/me', { session })).status).toBe(401);
  });

  it('after an admin reset, allows only me, password change and sign-out until a new password is chosen', async () => {
    const { userId } = await person('hank');
    const reset = await system.givePassword(userId, { mustChange: true });
    const session = await system.signIn(userId, reset);
    expect(session.person).toMatchObject({ id: userId });
    const blocked = await system.request('GET', '/units', { session });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('auth.password-change-required');
    expect((await system.request('GET', '/auth/me', { session })).body.mustChangePassword).toBe(true);
    const weak = await system.request('POST', '/auth/password', {
      session,
      body: { currentPassword: reset, newPassword: 'Password24!' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'auth.weak-password' });
    expect(weak.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'newPassword', message: 'must be at least 12 characters long' },
        { path: 'newPassword', message: expect.stringContaining('common or breached') },
      ]),
    );
    expect(JSON.stringify(weak.body)).not.toContain('Password24!');
    const ok = await system.request('POST', '/auth/password', {
      session,
      body: { currentPassword: reset, newPassword: 'sturdy violet lantern 48' },
    });
    expect(ok.status).toBe(204);
    expect((await system.request('GET', '/units', { session })).status).toBe(200);
  });
});
