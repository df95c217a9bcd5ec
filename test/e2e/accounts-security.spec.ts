import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ALL_ROLES, Role } from '../../libs/contracts/src/identity.js';
import { TestSystem } from '../helpers/test-system.js';

/** Every byte the API process writes to stdout or stderr (pino goes through fs.write*, Nest through streams). */
function captureOutput(): { text: () => string; stop: () => void } {
  const chunks: string[] = [];
  const keep = (fd: unknown, data: unknown) => {
    if ((fd === 1 || fd === 2) && (typeof data === 'string' || Buffer.isBuffer(data)))
      chunks.push(String(data));
  };
  const { writeSync, write } = fs;
  const [out, err] = [process.stdout.write, process.stderr.write];
  fs.writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
  };
  fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    keep(fd, data);
    return (write as (...args: unknown[]) => void)(fd, data, ...rest);
  }) as typeof fs.write;
  process.stdout.write = (data: unknown, ...rest: unknown[]) => {
    keep(1, data);
    return (out as (...args: unknown[]) => boolean).call(process.stdout, data, ...rest);
  };
  process.stderr.write = (data: unknown, ...rest: unknown[]) => {
    keep(2, data);
    return (err as (...args: unknown[]) => boolean).call(process.stderr, data, ...rest);
  };
  return {
    text: () => chunks.join(''),
    stop: () => {
      Object.assign(fs, { writeSync, write });
      Object.assign(process.stdout, { write: out });
      Object.assign(process.stderr, { write: err });
    },
  };
}

describe('accounts: tokens, task force, who may manage what, and what never leaks', () => {
  let system: TestSystem;
  let admin: string;
  const logLevel = process.env.LOG_LEVEL;

  beforeAll(async () => {
    // Every request and error logged, so the leak test sees all there is.
    process.env.LOG_LEVEL = 'trace';
    system = await TestSystem.start({ worker: false });
    admin = await system.tokenFor('admin.fso');
  });
  afterAll(async () => {
    await system.stop();
    process.env.LOG_LEVEL = logLevel;
  });

  it('gives a personal access token once, stores only its hash, and refuses it from the request after revocation', async () => {
    const owner = await system.tokenForActor({ userId: 'e2e-pat.script', role: Role.Handler, unitId: 'amr' });
    const created = await system.request('POST', '/access-tokens', {
      token: owner,
      body: { name: '导出脚本' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      personId: 'e2e-pat.script',
      name: '导出脚本',
      token: expect.stringMatching(/^dbn_/),
    });
    const pat = created.body.token as string;
    expect((await system.request('GET', '/auth/me', { token: pat })).body).toMatchObject({
      id: 'e2e-pat.script',
    });

    const mine = await system.request('GET', '/access-tokens', { token: owner });
    expect(mine.body).toEqual([
      expect.objectContaining({ id: created.body.id, lastUsedAt: expect.any(String) }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(pat);
    const all = await system.request('GET', '/access-tokens?personId=e2e-pat.script', { token: admin });
    expect(all.body.map((t: { id: string }) => t.id)).toEqual([created.body.id]);
    const stored = await system.api
      .get(DataSource)
      .query(`SELECT secret_sha256 FROM access_token WHERE id = $1`, [created.body.id]);
    expect(stored[0].secret_sha256).not.toContain(pat.slice(4, 20));

    const forOthers = await system.request('POST', '/access-tokens', {
      token: owner,
      body: { name: 'x', personId: 'admin.fso' },
    });
    expect(forOthers.status).toBe(403);
    // The route is open to every role: the refusal names what is refused, not the route.
    expect(forOthers.body).toMatchObject({
      code: 'auth.role-not-allowed',
      detail: 'The role handler may not act on the tokens of another person',
    });
    const other = await system.tokenForActor({ userId: 'e2e-pat.other', role: Role.Handler, unitId: 'amr' });
    const foreign = await system.request('POST', `/access-tokens/${created.body.id}/revoke`, {
      token: other,
      body: { reason: 'x' },
    });
    expect(foreign.status).toBe(404);

    const revoked = await system.request('POST', `/access-tokens/${created.body.id}/revoke`, {
      token: admin,
      body: { reason: '泄露' },
    });
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await system.request('GET', '/auth/me', { token: pat });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('auth.invalid-token');
  });

  it('refuses an Idempotency-Key where the answer holds a one-time password or token, so no replay record keeps it', async () => {
    const db = system.api.get(DataSource);
    const before = await db.query(`SELECT count(*)::int AS n FROM idempotency_record`);
    const refused = [
      await system.request('POST', '/people', {
        token: admin,
        headers: { 'idempotency-key': 'people-1' },
        body: {
          username: 'e2e-replay.li',
          displayName: '李娜',
          role: Role.Handler,
          unitId: 'agri',
          reason: '新任',
        },
      }),
      await system.request('POST', '/people/handler.agri/reset-password', {
        token: admin,
        headers: { 'idempotency-key': 'reset-1' },
        body: { reason: '忘记密码' },
      }),
      await system.request('POST', '/access-tokens', {
        token: admin,
        headers: { 'idempotency-key': 'pat-1' },
        body: { name: '导出脚本' },
      }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual([
      [400, 'idempotency.not-replayable'],
      [400, 'idempotency.not-replayable'],
      [400, 'idempotency.not-replayable'],
    ]);
    expect(await db.query(`SELECT count(*)::int AS n FROM idempotency_record`)).toEqual(before);
    expect((await system.request('GET', '/people/e2e-replay.li', { token: admin })).status).toBe(404);
  });

  it('keeps a task force (专班) of people from any unit, managed by the administrator', async () => {
    const handler = await system.tokenFor('handler.agri');
    const joined = await system.request('PUT', '/task-force/members/handler.agri', {
      token: admin,
      body: { duty: '综合协调组', reason: '抽调' },
    });
    expect(joined.status).toBe(200);
    const members = await system.request('GET', '/task-force', { token: handler });
    expect(members.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'handler.agri', unitId: 'agri', duty: '综合协调组' }),
      ]),
    );
    // Every role reads the list: it names people, and says nothing of their accounts' sign-in state.
    expect(Object.keys(members.body[0]).sort()).toEqual(
      ['active', 'addedAt', 'displayName', 'duty', 'id', 'role', 'unitId', 'unitName'].sort(),
    );
    const notAdmin = await system.request('PUT', '/task-force/members/handler.amr', {
      token: handler,
      body: { duty: 'x', reason: 'x' },
    });
    expect(notAdmin.status).toBe(403);
    const left = await system.request('POST', '/task-force/members/handler.agri/remove', {
      token: admin,
      body: { reason: '归队' },
    });
    expect(left.body.map((m: { id: string }) => m.id)).not.toContain('handler.agri');
  });

  /** Management routes and who passes the role check (anyone else gets 403 before anything runs). */
  const MATRIX: Array<[string, string, Role[]]> = [
    ['GET', '/people', [Role.Admin, Role.Auditor]],
    ['GET', '/people/handler.amr', [Role.Admin, Role.Auditor]],
    ['POST', '/people', [Role.Admin]],
    ['PATCH', '/people/handler.amr', [Role.Admin]],
    ['POST', '/people/handler.amr/deactivate', [Role.Admin]],
    ['POST', '/people/handler.amr/reactivate', [Role.Admin]],
    ['POST', '/people/handler.amr/reset-password', [Role.Admin]],
    ['POST', '/units', [Role.Admin]],
    ['PATCH', '/units/amr', [Role.Admin]],
    ['POST', '/units/amr/deactivate', [Role.Admin]],
    ['POST', '/units/amr/reactivate', [Role.Admin]],
    ['POST', '/units/import', [Role.Admin]],
    ['PUT', '/task-force/members/handler.amr', [Role.Admin]],
    ['POST', '/task-force/members/handler.amr/remove', [Role.Admin]],
    ['GET', '/task-force', ALL_ROLES.slice()],
    ['GET', '/access-tokens', ALL_ROLES.slice()],
    ['GET', '/auth/me', ALL_ROLES.slice()],
  ];

  it.each(ALL_ROLES)(
    'lets a %s through exactly the management routes of its role (role × route matrix)',
    async (role) => {
      const token = await system.tokenForActor({ userId: `e2e-matrix.${role}`, role, unitId: 'amr' });
      const outcome: string[] = [];
      for (const [method, path, allowed] of MATRIX) {
        // An empty body: an allowed caller gets 400 (or 200 for reads), a refused one 403 before validation.
        const res = await system.request(method, path, { token, body: method === 'GET' ? undefined : {} });
        const passed = res.status !== 403;
        if (passed !== allowed.includes(role)) outcome.push(`${method} ${path}: ${res.status}`);
        if (res.status === 403) expect(res.body.code).toBe('auth.role-not-allowed');
      }
      expect(outcome).toEqual([]);
    },
  );

  it('never writes a password, password hash, session id or access token to a log or an error', async () => {
    const capture = captureOutput();
    const secrets: string[] = [];
    try {
      await system.tokenForActor({ userId: 'e2e-leak.person', role: Role.Handler, unitId: 'amr' });
      const password = await system.givePassword('e2e-leak.person');
      secrets.push(password);
      const wrong = 'wrong-password-that-must-not-leak';
      secrets.push(wrong);
      await system.request('POST', '/auth/sign-in', {
        body: { username: 'e2e-leak.person', password: wrong },
      });
      const unknown = 'another-secret-for-an-unknown-user';
      secrets.push(unknown);
      const asUnknown = await system.request('POST', '/auth/sign-in', {
        body: { username: unknown, password: unknown },
      });
      const session = await system.signIn('e2e-leak.person', password);
      secrets.push(session.cookie.split(';')[0].split('=')[1], session.csrfToken);
      secrets.push('password24');
      const weakAnswer = await system.request('POST', '/auth/password', {
        session,
        body: { currentPassword: password, newPassword: 'password24' },
      });
      const created = await system.request('POST', '/people', {
        token: admin,
        body: { username: 'e2e-leak.new', displayName: 'x', role: Role.Handler, unitId: 'amr' },
      });
      secrets.push(created.body.initialPassword);
      const pat = await system.request('POST', '/access-tokens', { session, body: { name: 'leak test' } });
      secrets.push(pat.body.token);
      await system.request('GET', '/auth/me', { token: pat.body.token });
      await system.request('GET', '/auth/me', { token: `${pat.body.token}x` });
      const hashes = await system.api
        .get(DataSource)
        .query(`SELECT password_hash FROM app_user WHERE id IN ('e2e-leak.person', 'e2e-leak.new')`);
      secrets.push(...hashes.map((h: { password_hash: string }) => h.password_hash));
      const answers = JSON.stringify([asUnknown.body, weakAnswer.body]);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        expect(capture.text()).not.toContain(secret);
        expect(answers).not.toContain(secret);
      }
      expect(capture.text()).toContain('/auth/sign-in');
    } finally {
      capture.stop();
    }
  });
});
