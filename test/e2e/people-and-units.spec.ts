import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerAccountsCommands } from '../../libs/identity/src/cli/accounts.command.js';
import { DataSource } from 'typeorm';
import { ALL_ROLES, Role } from '../../libs/contracts/src/identity.js';
import { DailyChainKind, dailyChainId } from '../../libs/ledger/src/daily-chain.js';
import { RETIRED_AT_FROM_IDENTITY_CHAIN } from '../../libs/platform/src/database/migrations/1732954600000-unit-retired-at.js';
import { runCli } from '../helpers/cli.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { TestSystem } from '../helpers/test-system.js';

/** The identity chain of the Beijing day of a moment (`identity/2026-12-03`). */
const identityChainAt = (ms: number) => dailyChainId(DailyChainKind.Identity, new Date(ms).toISOString());
/** When this file began: its entries are on the chains of the days from then to now. */
const startedAt = Date.now();

/** The county administrator manages people and units; every change is on the identity chain. */
describe('people and units, administered', () => {
  let system: TestSystem;
  let admin: string;
  let auditor: string;

  const sharedDatabaseUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    // Its own database: this file deactivates every administrator but one, which others rely on.
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start({ worker: false });
    admin = await system.tokenFor('admin.fso');
    auditor = await system.tokenFor('auditor.discipline');
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = sharedDatabaseUrl;
  });

  /** This file's days of the identity chain, oldest first: a run across midnight reads both days. */
  const identityChain = async () => {
    const entries: Array<{
      action: string;
      actor: { userId: string };
      reason: string | null;
      stateAfter: any;
    }> = [];
    for (const chain of new Set([identityChainAt(startedAt), identityChainAt(Date.now())])) {
      const res = await system.request('GET', `/audit/chains/${chain}`, { token: auditor });
      expect(res.status).toBe(200);
      expect(res.body.verdict).toMatchObject({ intact: true });
      entries.push(...res.body.entries);
    }
    return entries;
  };

  it('creates a person with a one-time password that must be changed at first sign-in, and ledgers it', async () => {
    const created = await system.request('POST', '/people', {
      token: admin,
      body: {
        username: 'e2e-people.zhang',
        displayName: '张伟',
        role: Role.Handler,
        unitId: 'agri',
        reason: '新任',
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/people/e2e-people.zhang');
    expect(created.body.person).toMatchObject({
      id: 'e2e-people.zhang',
      role: 'handler',
      unitId: 'agri',
      mustChangePassword: true,
    });
    const session = await system.signIn('e2e-people.zhang', created.body.initialPassword);
    expect((await system.request('GET', '/units', { session })).body.code).toBe(
      'auth.password-change-required',
    );

    const entries = await identityChain();
    const entry = entries.find(
      (e) => e.action === 'person.created' && e.stateAfter.subject === 'person/e2e-people.zhang',
    );
    expect(entry).toMatchObject({ actor: { userId: 'admin.fso' }, reason: '新任' });
    expect(JSON.stringify(entries)).not.toContain(created.body.initialPassword);
    expect(JSON.stringify(entries)).not.toMatch(/\$argon2/);
  });

  it('refuses a taken username (409), an unknown unit or role (400 naming the field)', async () => {
    const body = { username: 'handler.amr', displayName: 'x', role: Role.Handler, unitId: 'amr' };
    const taken = await system.request('POST', '/people', { token: admin, body });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('identity.username-taken');
    const unit = await system.request('POST', '/people', {
      token: admin,
      body: { ...body, username: 'e2e-people.u', unitId: 'nowhere' },
    });
    expect(unit.status).toBe(400);
    expect(unit.body).toMatchObject({ code: 'identity.unknown-unit', errors: [{ path: 'unitId' }] });
    const role = await system.request('POST', '/people', {
      token: admin,
      body: { ...body, username: 'e2e-people.r', role: 'overlord' },
    });
    expect(role.status).toBe(400);
    expect(role.body.errors).toEqual([
      { path: 'role', message: expect.stringContaining('role must be one of') },
    ]);
  });

  it('moves a person to another unit and role; their existing token acts with the new ones at once', async () => {
    const token = await system.tokenForActor({
      userId: 'e2e-people.mover',
      role: Role.Handler,
      unitId: 'amr',
    });
    const moved = await system.request('PATCH', '/people/e2e-people.mover', {
      token: admin,
      body: { role: Role.UnitHead, unitId: 'agri', reason: '调任' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'unit_head', unitId: 'agri', unitName: '农业农村局' });
    expect((await system.request('GET', '/auth/me', { token })).body).toMatchObject({
      role: 'unit_head',
      unitId: 'agri',
    });
    const entry = (await identityChain()).find(
      (e) => e.action === 'person.changed' && e.stateAfter.subject === 'person/e2e-people.mover',
    );
    expect(entry).toMatchObject({ reason: '调任', stateAfter: { role: 'unit_head', unitId: 'agri' } });
  });

  it('deactivates (token refused on the next request) and reactivates a person', async () => {
    const token = await system.tokenForActor({
      userId: 'e2e-people.leaver',
      role: Role.Handler,
      unitId: 'amr',
    });
    const off = await system.request('POST', '/people/e2e-people.leaver/deactivate', {
      token: admin,
      body: { reason: '离职' },
    });
    expect(off.body.active).toBe(false);
    expect((await system.request('GET', '/auth/me', { token })).body.code).toBe('auth.account-inactive');
    const on = await system.request('POST', '/people/e2e-people.leaver/reactivate', {
      token: admin,
      body: { reason: '返岗' },
    });
    expect(on.body.active).toBe(true);
    expect((await system.request('GET', '/auth/me', { token })).status).toBe(200);
  });

  it('shows every role the staff directory: id, name, role, unit and whether active, nothing of the account', async () => {
    // A person who has left: their past steps still need their name.
    await system.tokenForActor({ userId: 'e2e-staff.retired', role: Role.Handler, unitId: 'agri' });
    const renamed = await system.request('PATCH', '/people/e2e-staff.retired', {
      token: admin,
      body: { displayName: '王明', reason: '更正姓名' },
    });
    expect(renamed.status).toBe(200);
    await system.request('POST', '/people/e2e-staff.retired/deactivate', {
      token: admin,
      body: { reason: '退休' },
    });

    for (const role of ALL_ROLES) {
      const token = await system.tokenForActor({
        userId: `e2e-staff.${role}`,
        role,
        unitId: 'township-sample-1',
      });
      const directory = await system.request('GET', '/staff', { token });
      expect([role, directory.status]).toEqual([role, 200]);
      expect(directory.body).toContainEqual({
        id: 'e2e-staff.retired',
        displayName: '王明',
        role: Role.Handler,
        unitId: 'agri',
        active: false,
      });
      expect(directory.body).toContainEqual({
        id: 'supervisor.fso',
        displayName: '县食安办督办员（示例）',
        role: Role.Supervisor,
        unitId: 'fso',
        active: true,
      });
      // Exactly these fields: no username, lockout, password-change flag or single sign-on subject.
      const fields = new Set(directory.body.flatMap((entry: object) => Object.keys(entry).sort().join()));
      expect([...fields]).toEqual(['active,displayName,id,role,unitId']);
    }

    // The console asks with its session cookie; nobody unsigned-in learns a name.
    const session = await system.signIn('handler.amr');
    const viaCookie = await system.request('GET', '/staff', { session });
    expect(viaCookie.status).toBe(200);
    const unsigned = await system.request('GET', '/staff');
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe('auth.missing-token');
    expect(JSON.stringify(unsigned.body)).not.toContain('王明');

    // Kept by the browser only, and asked again cheaply: unchanged, it is a 304 without a body.
    expect(viaCookie.headers.get('cache-control')).toBe('private, no-cache');
    const etag = viaCookie.headers.get('etag');
    expect(etag).toEqual(expect.any(String));
    // As a browser revalidates (fetch itself would add `cache-control: no-cache`, which skips the check).
    const again = await system.request('GET', '/staff', {
      session,
      headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('never deactivates or demotes the last active administrator (409)', async () => {
    const admins = await system.request('GET', '/people?role=admin&active=true', { token: admin });
    for (const other of admins.body.filter((p: { id: string }) => p.id !== 'admin.fso')) {
      await system.request('POST', `/people/${other.id}/deactivate`, {
        token: admin,
        body: { reason: 'test' },
      });
    }
    const last = await system.request('POST', '/people/admin.fso/deactivate', {
      token: admin,
      body: { reason: 'x' },
    });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('identity.last-admin');
    const demote = await system.request('PATCH', '/people/admin.fso', {
      token: admin,
      body: { role: Role.Handler, reason: 'x' },
    });
    expect(demote.body.code).toBe('identity.last-admin');
  });

  it('resets a password: a temporary one, lockout lifted, sessions ended, change forced', async () => {
    const userId = 'e2e-people.forgetful';
    await system.tokenForActor({ userId, role: Role.Handler, unitId: 'amr' });
    const session = await system.signIn(userId);
    const reset = await system.request('POST', `/people/${userId}/reset-password`, {
      token: admin,
      body: { reason: '忘记密码' },
    });
    expect(reset.status).toBe(200);
    expect((await system.request('GET', '/auth/me', { session })).status).toBe(401);
    const again = await system.signIn(userId, reset.body.temporaryPassword);
    expect((await system.request('GET', '/auth/me', { session: again })).body.mustChangePassword).toBe(true);
  });

  it('adds, renames, re-parents and deactivates units; a deactivated unit takes no new people', async () => {
    const add = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-units-a', nameZh: '甲乡', nameEn: 'A Township', kind: 'township', parentId: 'gov' },
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ id: 'e2e-units-a', parentId: 'gov', active: true });
    expect(
      (
        await system.request('POST', '/units', {
          token: admin,
          body: { id: 'e2e-units-a', nameZh: 'x', nameEn: 'x', kind: 'township' },
        })
      ).status,
    ).toBe(409);
    const renamed = await system.request('PATCH', '/units/e2e-units-a', {
      token: admin,
      body: { nameZh: '甲镇', nameEn: 'A Town', reason: '乡改镇' },
    });
    expect(renamed.body).toMatchObject({ nameZh: '甲镇', nameEn: 'A Town', parentId: 'gov' });
    const cycle = await system.request('PATCH', '/units/gov', {
      token: admin,
      body: { parentId: 'e2e-units-a', reason: 'x' },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.code).toBe('identity.unit-cycle');
    const off = await system.request('POST', '/units/e2e-units-a/deactivate', {
      token: admin,
      body: { reason: '撤并' },
    });
    expect(off.body.active).toBe(false);
    // Two units in use never share a Chinese name; a deactivated one's name is free, until it is back.
    const namesake = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-units-b', nameZh: '甲镇', nameEn: 'A Town', kind: 'township', parentId: 'gov' },
    });
    expect(namesake.status).toBe(201);
    const back = await system.request('POST', '/units/e2e-units-a/reactivate', {
      token: admin,
      body: { reason: '恢复建制' },
    });
    expect(back).toMatchObject({
      status: 409,
      body: {
        code: 'identity.unit-name-taken',
        unitId: 'e2e-units-b',
        errors: [{ path: 'nameZh', message: 'is also the name of unit e2e-units-b (甲镇)' }],
      },
    });
    for (const [method, path, body] of [
      ['POST', '/units', { id: 'e2e-units-c', nameZh: '甲镇', nameEn: 'C', kind: 'township' }],
      ['PATCH', '/units/gov', { nameZh: '甲镇', reason: '改名' }],
    ] as const) {
      const refused = await system.request(method, path, { token: admin, body });
      expect(refused).toMatchObject({ status: 409, body: { code: 'identity.unit-name-taken' } });
    }
    await system.request('POST', '/units/e2e-units-b/deactivate', {
      token: admin,
      body: { reason: '测试完毕' },
    });
    const listed = await system.request('GET', '/units', { token: auditor });
    expect(listed.body.find((u: { id: string }) => u.id === 'e2e-units-a')).toMatchObject({ active: false });
    const join = await system.request('POST', '/people', {
      token: admin,
      body: { username: 'e2e-units.joiner', displayName: 'x', role: Role.Handler, unitId: 'e2e-units-a' },
    });
    expect(join.status).toBe(400);
    expect(join.body).toMatchObject({ code: 'identity.inactive-unit', errors: [{ path: 'unitId' }] });
    // Nor does new work go to it: nobody is left there to act, so it would only run overdue.
    const supervisor = await system.tokenFor('supervisor.fso');
    for (const [path, body, field] of [
      ['/directives', { title: '自查', body: '请自查', assigneeUnitId: 'e2e-units-a' }, 'assigneeUnitId'],
      ['/cards', { unitId: 'e2e-units-a', reason: '推进不力' }, 'unitId'],
    ] as const) {
      const refused = await system.request('POST', path, { token: supervisor, body });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'identity.inactive-unit', errors: [{ path: field }] });
    }
    expect(
      (await identityChain()).filter((e) => e.stateAfter.subject === 'unit/e2e-units-a').map((e) => e.action),
    ).toEqual(['unit.created', 'unit.changed', 'unit.deactivated']);
  });

  it('imports townships from CSV idempotently, and reports every problem of a bad file by line', async () => {
    const csv = [
      'id,nameZh,nameEn,kind,parentId,active',
      'e2e-import-town,木城街道,Mucheng Sub-district,township,gov,',
      'e2e-import-village,"示例村, 东",East Village,township,e2e-import-town,true',
    ].join('\n');
    const first = await system.request('POST', '/units/import', {
      token: admin,
      body: { format: 'csv', content: csv },
    });
    expect(first.body).toEqual({
      applied: true,
      created: ['e2e-import-town', 'e2e-import-village'],
      changed: [],
      unchanged: 0,
      problems: [],
      problemsNotListed: 0,
      parentsByName: [],
      unitNames: { 'e2e-import-town': '木城街道', 'e2e-import-village': '示例村, 东' },
    });
    const again = await system.request('POST', '/units/import', {
      token: admin,
      body: { format: 'csv', content: csv },
    });
    expect(again.body).toMatchObject({ applied: true, created: [], changed: [], unchanged: 2 });

    const yaml = `units:\n  - id: e2e-import-town\n    nameZh: 木城街道\n    nameEn: Mucheng Street\n    kind: township\n    parentId: gov\n`;
    const renamed = await system.request('POST', '/units/import?dryRun=true', {
      token: admin,
      body: { format: 'yaml', content: yaml },
    });
    expect(renamed.body).toMatchObject({
      applied: false,
      changed: [{ id: 'e2e-import-town', fields: ['nameEn'] }],
    });

    const bad = [
      'id,nameZh,nameEn,kind,parentId',
      'e2e-import-bad,坏,Bad,village,',
      'E2E UPPER,,x,township,nowhere',
    ].join('\n');
    const refused = await system.request('POST', '/units/import', {
      token: admin,
      body: { format: 'csv', content: bad },
    });
    expect(refused.status).toBe(200);
    expect(refused.body.applied).toBe(false);
    expect(refused.body.problems).toEqual([
      { line: 2, field: 'kind', message: expect.stringContaining('must be one of') },
      { line: 3, field: 'id', message: expect.any(String) },
      { line: 3, field: 'nameZh', message: 'must not be empty' },
      { line: 3, field: 'parentId', message: 'no unit has the code or Chinese name nowhere' },
    ]);
    const units = await system.request('GET', '/units', { token: admin });
    expect(units.body.map((u: { id: string }) => u.id)).not.toContain('e2e-import-bad');
  });
  it('reads a parent named by its Chinese name as that unit’s code, shown by the dry run; a name no unit has is a problem', async () => {
    // An office's list names the parent as it knows it: the county government by its name, a new
    // street by the name the same file gives it, a line above or below.
    const csv = [
      '单位编码,单位名称,类别,上级单位,是否在用',
      'e2e-named-community,示例社区乙,乡镇,示例街道甲,是',
      'e2e-named-street,示例街道甲,乡镇,县人民政府,是',
    ].join('\n');
    const importing = (content: string, dryRun: boolean) =>
      system.request('POST', `/units/import${dryRun ? '?dryRun=true' : ''}`, {
        token: admin,
        body: { format: 'csv', content, reason: '按县里名单导入' },
      });
    expect((await importing(csv, true)).body).toEqual({
      applied: false,
      created: ['e2e-named-community', 'e2e-named-street'],
      changed: [],
      unchanged: 0,
      problems: [],
      problemsNotListed: 0,
      parentsByName: [
        { name: '示例街道甲', id: 'e2e-named-street', lines: [2] },
        { name: '县人民政府', id: 'gov', lines: [3] },
      ],
      unitNames: { 'e2e-named-community': '示例社区乙', 'e2e-named-street': '示例街道甲', gov: '县人民政府' },
    });
    expect((await importing(csv, false)).body).toMatchObject({ applied: true, problems: [] });
    const units = (await system.request('GET', '/units', { token: admin })).body as Array<{
      id: string;
      parentId: string | null;
    }>;
    expect(units.filter((u) => u.id.startsWith('e2e-named-')).map((u) => [u.id, u.parentId])).toEqual([
      ['e2e-named-community', 'e2e-named-street'],
      ['e2e-named-street', 'gov'],
    ]);
    // The same list again changes nothing: the codes stored are what the names were read as.
    expect((await importing(csv, false)).body).toMatchObject({ applied: true, changed: [], unchanged: 2 });
    // A retired unit's name taken again by one in use (a reorganisation): the one in use is meant, the
    // dry run says so; a name no unit has is none's.
    const post = (path: string, body: object) => system.request('POST', path, { token: admin, body });
    expect(
      (await post('/units', { id: 'e2e-named-old', nameZh: '示例社区丙', kind: 'township' })).status,
    ).toBe(201);
    expect((await post('/units/e2e-named-old/deactivate', { reason: '撤并' })).status).toBe(200);
    expect(
      (await post('/units', { id: 'e2e-named-new', nameZh: '示例社区丙', kind: 'township' })).status,
    ).toBe(201);
    const below = (parent: string) =>
      ['单位编码,单位名称,类别,上级单位', `e2e-named-a,示例小区一,乡镇,${parent}`].join('\n');
    expect((await importing(below('示例社区丙'), true)).body).toMatchObject({
      applied: false,
      problems: [],
      parentsByName: [{ name: '示例社区丙', id: 'e2e-named-new', lines: [2] }],
    });
    expect((await importing(below('武陟县人民政府'), false)).body).toMatchObject({
      applied: false,
      created: ['e2e-named-a'],
      problems: [
        { line: 2, field: '上级单位', message: 'no unit has the code or Chinese name 武陟县人民政府' },
      ],
    });
  });

  it('refuses null for a unit or person field that may only be left out (400 naming it, not 500)', async () => {
    for (const [path, body, field] of [
      ['/units/amr', { nameZh: null, reason: 'r' }, 'nameZh'],
      ['/units/amr', { kind: null, reason: 'r' }, 'kind'],
      ['/people/handler.amr', { displayName: null, reason: 'r' }, 'displayName'],
      ['/people/handler.amr', { role: null, reason: 'r' }, 'role'],
      ['/people/handler.amr', { unitId: null, reason: 'r' }, 'unitId'],
    ] as const) {
      const res = await system.request('PATCH', path, { token: admin, body });
      expect(res).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
      expect(res.body.errors).toContainEqual({
        path: field,
        message: `${field} must not be null (leave it out to keep it)`,
      });
    }
    // null parentId still means a top-level unit.
    const topLevel = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-edge-top', nameZh: '顶级测试单位', nameEn: 'Top', kind: 'township', parentId: null },
    });
    expect(topLevel).toMatchObject({ status: 201, body: { parentId: null } });
  });

  it('takes a name as it reads: trimmed when stored, alike names taken, control characters refused', async () => {
    // Names that read like 市场监管局 (amr) are its name; a name is stored without spaces around it.
    for (const nameZh of ['市场监管局 ', '市场监管局\u3000', '市场\u200b监管局', '\ufeff市场监管局']) {
      const res = await system.request('POST', '/units', {
        token: admin,
        body: { id: 'e2e-edge-alike', nameZh, nameEn: 'Alike', kind: 'township' },
      });
      expect(res).toMatchObject({ status: 409, body: { code: 'identity.unit-name-taken', unitId: 'amr' } });
    }
    const renamedAlike = await system.request('PATCH', '/units/e2e-edge-top', {
      token: admin,
      body: { nameZh: '市场 监管局', reason: '改名' },
    });
    expect(renamedAlike).toMatchObject({ status: 409, body: { code: 'identity.unit-name-taken' } });
    const spaced = await system.request('POST', '/units', {
      token: admin,
      body: {
        id: 'e2e-edge-spaced',
        nameZh: ' 小董乡测试 ',
        nameEn: ' Xiaodong Test\u3000',
        kind: 'township',
      },
    });
    expect(spaced).toMatchObject({ status: 201, body: { nameZh: '小董乡测试', nameEn: 'Xiaodong Test' } });
    for (const nameZh of ['甲\u0007乡', '甲\t乡', '甲\n乡', '甲\u0085乡']) {
      const res = await system.request('POST', '/units', {
        token: admin,
        body: { id: 'e2e-edge-control', nameZh, nameEn: 'Control', kind: 'township' },
      });
      expect(res).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
      expect(res.body.errors).toContainEqual({
        path: 'nameZh',
        message: 'nameZh must not contain a control character (such as a tab or line break)',
      });
    }
    const blank = await system.request('PATCH', '/units/e2e-edge-top', {
      token: admin,
      body: { nameZh: ' \u3000 ', reason: '改名' },
    });
    expect(blank.body.errors).toContainEqual({ path: 'nameZh', message: 'nameZh must not be blank' });
  });

  it('holds each line of an import to the rules of a body, reported by line, dry run or not', async () => {
    // An import's lines are held to the same rules, reported by line and field, dry run or not.
    const yaml = [
      'units:',
      '  - {id: e2e-edge-nul, nameZh: "甲\\0乡", nameEn: A, kind: township}',
      '  - {id: e2e-edge-surrogate, nameZh: "乙\\ud800乡", nameEn: B, kind: township}',
      '  - {id: e2e-edge-override, nameZh: "丙\\u202e乡", nameEn: C, kind: township}',
      `  - {id: e2e-edge-long, nameZh: ${'长'.repeat(500)}, nameEn: ${'e'.repeat(5000)}, kind: township}`,
      '  - {id: e2e-edge-bell, nameZh: "丁\\a乡", nameEn: D, kind: township}',
      '  - {id: e2e-edge-same-1, nameZh: 同 名, nameEn: E, kind: township}',
      '  - {id: e2e-edge-same-2, nameZh: 同名, nameEn: F, kind: township}',
      '  - {id: e2e-edge-amr, nameZh: "市场\\u200b监管局", nameEn: G, kind: township}',
    ].join('\n');
    const expected = [
      { line: 2, field: 'nameZh', message: 'must not contain a NUL character (U+0000)' },
      { line: 3, field: 'nameZh', message: 'must not contain a lone UTF-16 surrogate' },
      { line: 4, field: 'nameZh', message: 'must not contain a text-direction control character' },
      { line: 5, field: 'nameZh', message: 'must be shorter than or equal to 100 characters' },
      { line: 5, field: 'nameEn', message: 'must be shorter than or equal to 200 characters' },
      { line: 6, field: 'nameZh', message: expect.stringContaining('must not contain a control character') },
      { line: 7, field: 'nameZh', message: 'is also the name of unit e2e-edge-same-2 (同名)' },
      { line: 8, field: 'nameZh', message: 'is also the name of unit e2e-edge-same-1 (同 名)' },
      { line: 9, field: 'nameZh', message: 'is also the name of unit amr (市场监管局)' },
    ];
    for (const query of ['?dryRun=true', '']) {
      const res = await system.request('POST', `/units/import${query}`, {
        token: admin,
        body: { format: 'yaml', content: yaml },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ applied: false, problems: expected });
    }
    // A CSV line's names are trimmed as a body's are: the spaced name above is already taken.
    const csv = 'id,nameZh,nameEn,kind\ne2e-edge-csv,\u3000小董乡测试 ,X,township';
    const csvReport = await system.request('POST', '/units/import', {
      token: admin,
      body: { format: 'csv', content: csv },
    });
    expect(csvReport.body.problems).toEqual([
      { line: 2, field: 'nameZh', message: 'is also the name of unit e2e-edge-spaced (小董乡测试)' },
    ]);
    const units = await system.request('GET', '/units', { token: admin });
    expect(units.body.filter((u: { id: string }) => u.id.startsWith('e2e-edge-'))).toHaveLength(2);
  });

  it('trims and compares names from the command line too; says the body limit on a 413', async () => {
    // The command line is a door too: its names are trimmed, and alike names are taken, as over HTTP.
    const renamed = await cli(
      'units',
      'rename',
      'e2e-edge-top',
      '--zh',
      ' 命令行改名\u3000',
      '--reason',
      '改名',
      '--as',
      'admin.fso',
    );
    expect(renamed.code).toBe(0);
    expect(JSON.parse(renamed.out)).toMatchObject({ nameZh: '命令行改名' });
    const cliAlike = await cli(
      'units',
      'add',
      'e2e-edge-cli',
      '--zh',
      '市场监管局 ',
      '--en',
      'X',
      '--kind',
      'township',
      '--as',
      'admin.fso',
    );
    expect(cliAlike.code).not.toBe(0);
    expect(cliAlike.err).toContain('amr');

    // The body limit is the file's limit over HTTP; the refusal says it.
    const huge = await system.request('POST', '/units/import?dryRun=true', {
      token: admin,
      body: { format: 'csv', content: 'x'.repeat(200_000) },
    });
    expect(huge).toMatchObject({ status: 413, body: { code: 'request.too-large', limitBytes: 102_400 } });
  });

  it('takes a unit without an English name: left out or null on 新增, cleared by PATCH null, kept by an empty import cell', async () => {
    const added = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-en-none', nameZh: '无英文名乡', kind: 'township', parentId: 'gov' },
    });
    expect(added).toMatchObject({ status: 201, body: { id: 'e2e-en-none', nameEn: null } });
    const asNull = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-en-null', nameZh: '英文名为空乡', nameEn: null, kind: 'township' },
    });
    expect(asNull).toMatchObject({ status: 201, body: { nameEn: null } });
    // Blank is not "none": it is refused as any blank text is.
    const blank = await system.request('POST', '/units', {
      token: admin,
      body: { id: 'e2e-en-blank', nameZh: '空白英文名乡', nameEn: ' \u3000', kind: 'township' },
    });
    expect(blank.body.errors).toContainEqual({ path: 'nameEn', message: 'nameEn must not be blank' });
    const named = await system.request('PATCH', '/units/e2e-en-none', {
      token: admin,
      body: { nameEn: 'Wuying Township', reason: '补录英文名' },
    });
    expect(named.body).toMatchObject({ nameEn: 'Wuying Township' });
    // An office's list has no English names: an empty cell keeps the unit's, and adds a unit with none.
    const csv = [
      '单位编码,单位名称,英文名称,类别,上级单位编码,是否在用',
      'e2e-en-none,无英文名乡,,乡镇,gov,是',
      'e2e-en-import,导入无英文名镇,,乡镇（街道）,gov,',
    ].join('\r\n');
    const imported = await system.request('POST', '/units/import', {
      token: admin,
      body: { format: 'csv', content: `\uFEFF${csv}`, reason: '导入乡镇名单' },
    });
    expect(imported.body).toMatchObject({
      applied: true,
      created: ['e2e-en-import'],
      unchanged: 1,
      problems: [],
    });
    const cleared = await system.request('PATCH', '/units/e2e-en-none', {
      token: admin,
      body: { nameEn: null, reason: '英文名有误，暂不设' },
    });
    expect(cleared).toMatchObject({ status: 200, body: { nameEn: null } });
    const listed = await system.request('GET', '/units', { token: auditor });
    expect(
      listed.body
        .filter((u: { id: string }) => u.id.startsWith('e2e-en-'))
        .map((u: { id: string; nameEn: string | null }) => [u.id, u.nameEn]),
    ).toEqual([
      ['e2e-en-import', null],
      ['e2e-en-none', null],
      ['e2e-en-null', null],
    ]);
    // The identity chain records the names as they are: null for none.
    const changes = (await identityChain()).filter((e) => e.stateAfter.subject === 'unit/e2e-en-none');
    expect(changes.map((e) => e.stateAfter.nameEn)).toEqual([null, 'Wuying Township', null]);
  });

  it('leaves a unit’s parent and 在用 as they are when the file has no such column, dry run and applied', async () => {
    const post = (path: string, body: object) => system.request('POST', path, { token: admin, body });
    const units: Array<[string, string, string | null]> = [
      ['e2e-keep-top', '保留上级测试局', 'gov'],
      ['e2e-keep-below', '保留上级测试所', 'e2e-keep-top'],
      ['e2e-keep-retired', '保留停用测试所', 'e2e-keep-top'],
    ];
    for (const [id, nameZh, parentId] of units) {
      expect((await post('/units', { id, nameZh, kind: 'township', parentId })).status).toBe(201);
    }
    expect((await post('/units/e2e-keep-retired/deactivate', { reason: '撤并' })).status).toBe(200);
    const importing = (format: 'csv' | 'yaml', content: string, dryRun: boolean) =>
      post(`/units/import${dryRun ? '?dryRun=true' : ''}`, { format, content, reason: '只导入编码和名称' });
    // The columns the docs call enough: code, name, kind; and a new unit beside the listed ones.
    const csv = [
      '单位编码,单位名称,类别',
      ...units.map(([id, nameZh]) => `${id},${nameZh},乡镇`),
      'e2e-keep-new,保留上级测试新乡,乡镇',
      // A code that is a problem is no unit the report says it creates.
      'ZZ-A,保留上级测试错码乡,乡镇',
    ].join('\n');
    expect((await importing('csv', csv, true)).body).toMatchObject({
      applied: false,
      created: ['e2e-keep-new'],
      changed: [],
      unchanged: 3,
      problems: [
        {
          line: 6,
          field: '单位编码',
          message: 'must be 1-64 of a-z, 0-9 and dashes, beginning and ending with a letter or digit',
        },
      ],
    });
    const valid = csv.split('\n').slice(0, -1).join('\n');
    expect((await importing('csv', valid, true)).body).toMatchObject({
      created: ['e2e-keep-new'],
      changed: [],
      unchanged: 3,
      problems: [],
    });
    expect((await importing('csv', valid, false)).body).toMatchObject({
      applied: true,
      created: ['e2e-keep-new'],
      changed: [],
      unchanged: 3,
    });
    // YAML items without the keys alike.
    const yaml = [...units, ['e2e-keep-new', '保留上级测试新乡']]
      .map(([id, nameZh]) => `- {id: ${id}, nameZh: ${nameZh}, kind: township}`)
      .join('\n');
    for (const dryRun of [true, false]) {
      expect((await importing('yaml', yaml, dryRun)).body).toMatchObject({
        applied: !dryRun,
        created: [],
        changed: [],
        unchanged: 4,
        problems: [],
      });
    }
    const listed = (await system.request('GET', '/units', { token: admin })).body as Array<{
      id: string;
      parentId: string | null;
      active: boolean;
    }>;
    expect(
      listed.filter((u) => u.id.startsWith('e2e-keep-')).map((u) => [u.id, u.parentId, u.active]),
    ).toEqual([
      ['e2e-keep-below', 'e2e-keep-top', true],
      ['e2e-keep-new', null, true],
      ['e2e-keep-retired', 'e2e-keep-top', false],
      ['e2e-keep-top', 'gov', true],
    ]);
  });

  it('answers a file of bad lines with its first 200 problems and how many more, named by the file’s own columns', async () => {
    // Nearly the body limit of lines that are each wrong three ways: the report stays small.
    const line = (i: number) => `- {编号: Bad ${i}, 名称: "", 类别: 村}`;
    const lines = Array.from({ length: 1800 }, (_, i) => line(i));
    const res = await system.request('POST', '/units/import?dryRun=true', {
      token: admin,
      body: { format: 'yaml', content: lines.join('\n') },
    });
    expect(res.status).toBe(200);
    expect(res.body.problems).toHaveLength(200);
    expect(res.body.problemsNotListed).toBe(3 * 1800 - 200);
    expect(res.body.problems[0]).toEqual({
      line: 1,
      field: '编号',
      message: 'must be 1-64 of a-z, 0-9 and dashes, beginning and ending with a letter or digit',
    });
    // Some 40 KB, where every problem listed would have been about 1 MB.
    expect(JSON.stringify(res.body).length).toBeLessThan(50_000);
  });

  it('takes a new unit’s code only with a letter or digit at each end, by every door; a unit stored under such a code stays reachable', async () => {
    const post = (path: string, body: object) => system.request('POST', path, { token: admin, body });
    const rule = 'must be 1-64 of a-z, 0-9 and dashes, beginning and ending with a letter or digit';
    for (const id of ['-', '--', '-abc', 'abc-']) {
      const refused = await post('/units', { id, nameZh: `横线乡${id}`, kind: 'township', parentId: 'gov' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'id', message: `id ${rule}` }]);
    }
    const imported = await post('/units/import?dryRun=true', {
      format: 'csv',
      content: ['单位编码,单位名称,类别', 'e2e-dash-,横线乡,乡镇'].join('\n'),
    });
    expect(imported.body).toMatchObject({
      created: [],
      problems: [{ line: 2, field: '单位编码', message: rule }],
    });
    const fromCli = await cli(
      'units',
      'add',
      'e2e-dash-',
      '--zh',
      '横线乡',
      '--kind',
      'township',
      '--as',
      'admin.fso',
    );
    expect(fromCli.code).not.toBe(0);
    expect(fromCli.err).toContain(rule);

    // A unit stored before the rule (as a database may hold one): listed, changed, imported and retired.
    const db = system.api.get(DataSource);
    await db.query(
      `INSERT INTO unit (id, name_zh, kind, parent_id) VALUES ('e2e-legacy-', '旧码乡', 'township', 'gov')`,
    );
    const listed = (await system.request('GET', '/units', { token: admin })).body as Array<{ id: string }>;
    expect(listed.map((u) => u.id)).toContain('e2e-legacy-');
    const renamed = await system.request('PATCH', '/units/e2e-legacy-', {
      token: admin,
      body: { nameZh: '旧码镇', reason: '乡改镇' },
    });
    expect(renamed.status).toBe(200);
    const reimported = await post('/units/import?dryRun=true', {
      format: 'csv',
      content: ['单位编码,单位名称,类别', 'e2e-legacy-,旧码镇,乡镇'].join('\n'),
    });
    expect(reimported.body).toMatchObject({ created: [], changed: [], problems: [] });
    expect((await post('/units/e2e-legacy-/deactivate', { reason: '撤并' })).status).toBe(200);
    expect((await post('/units/e2e-legacy-/reactivate', { reason: '恢复' })).status).toBe(200);
  });

  it('keeps the moment a unit was retired, and a year’s assessment holds it only to years it existed in', async () => {
    const db = system.api.get(DataSource);
    const leader = await system.tokenFor('leader.gov');
    const retiredAt = async (id: string): Promise<Date | null> =>
      (await db.query(`SELECT retired_at FROM unit WHERE id = $1`, [id]))[0].retired_at;
    const lastLedgered = async (id: string, action: string): Promise<Date> =>
      (
        await db.query(
          `SELECT occurred_at FROM ledger_entry WHERE case_type = 'identity' AND action = $2
             AND state_after->>'subject' = $1 ORDER BY occurred_at DESC LIMIT 1`,
          [`unit/${id}`, action],
        )
      )[0].occurred_at;
    const assessed = async (year: number) => {
      const res = await system.request('GET', `/assessments/${year}`, { token: leader });
      expect(res.status).toBe(200);
      return (res.body.units as Array<{ unitId: string }>).map((unit) => unit.unitId);
    };
    // A township the county started with (no added_at), retired by the administrator's step.
    const town = 'township-sample-1';
    const off = await system.request('POST', `/units/${town}/deactivate`, {
      token: admin,
      body: { reason: '撤并入示例镇二' },
    });
    expect(off.status).toBe(200);
    expect(await retiredAt(town)).toEqual(await lastLedgered(town, 'unit.deactivated'));
    // GET /units says it (an ISO instant), as does the step's answer; a unit in use has none.
    const listedRetirement = async (id: string) =>
      ((await system.request('GET', '/units', { token: auditor })).body as Array<{ id: string }>).find(
        (unit) => unit.id === id,
      );
    const retiredOn = (await lastLedgered(town, 'unit.deactivated')).toISOString();
    expect(off.body).toMatchObject({ active: false, retiredAt: retiredOn });
    expect(await listedRetirement(town)).toMatchObject({ active: false, retiredAt: retiredOn });
    expect(await listedRetirement('amr')).toMatchObject({ active: true, retiredAt: null });
    // As if retired at the last moment of 2024 in Beijing: scored for 2024, not for 2025.
    await db.query(`UPDATE unit SET retired_at = '2024-12-31T23:59:59+08:00' WHERE id = $1`, [town]);
    expect(await assessed(2024)).toContain(town);
    expect(await assessed(2025)).not.toContain(town);
    // Retired on 2025's first day in Beijing (still 2024 in UTC): retired during 2025, scored for it.
    await db.query(`UPDATE unit SET retired_at = '2025-01-01T00:00:00+08:00' WHERE id = $1`, [town]);
    expect(await assessed(2025)).toContain(town);
    // Back in use: no retirement.
    await db.query(`UPDATE unit SET retired_at = '2024-06-30T12:00:00+08:00' WHERE id = $1`, [town]);
    const back = await system.request('POST', `/units/${town}/reactivate`, {
      token: admin,
      body: { reason: '恢复建制' },
    });
    expect(back.status).toBe(200);
    expect(await retiredAt(town)).toBeNull();
    expect(back.body).toMatchObject({ active: true, retiredAt: null });
    expect(await listedRetirement(town)).toMatchObject({ active: true, retiredAt: null });
    expect(await assessed(2025)).toContain(town);
    // An import retiring it keeps the moment too; one bringing it back clears it.
    const importing = (active: string) =>
      system.request('POST', '/units/import', {
        token: admin,
        body: {
          format: 'csv',
          content: `单位编码,单位名称,类别,是否在用\n${town},示例镇一（样例数据）,乡镇,${active}`,
          reason: '按县里名单更新',
        },
      });
    expect((await importing('否')).body).toMatchObject({
      applied: true,
      changed: [{ id: town, fields: ['active'] }],
    });
    const importedRetirement = await lastLedgered(town, 'unit.changed');
    expect(await retiredAt(town)).toEqual(importedRetirement);
    // A unit retired before the column existed gets its moment from the identity chain (the migration).
    await db.query(`UPDATE unit SET retired_at = NULL WHERE id = $1`, [town]);
    await db.query(RETIRED_AT_FROM_IDENTITY_CHAIN);
    expect(await retiredAt(town)).toEqual(importedRetirement);
    expect((await importing('是')).body).toMatchObject({ applied: true });
    expect(await retiredAt(town)).toBeNull();
    // Units in use, the chain's other retirements (units since reactivated) included, are left alone.
    expect(await db.query(`SELECT id FROM unit WHERE active AND retired_at IS NOT NULL`)).toEqual([]);
  });

  /** Runs `duban <args>` in this process against this file's database; what it printed and its exit code. */
  const cli = (...args: string[]) => runCli(registerAccountsCommands, ...args);

  it('takes the same changes from the command line, ledgered with the administrator named by --as', async () => {
    const unit = await cli(
      'units',
      'add',
      'e2e-cli-town',
      '--zh',
      '命令行镇',
      '--en',
      'CLI town',
      '--kind',
      'township',
      '--as',
      'admin.fso',
    );
    expect(unit).toMatchObject({ code: 0, err: '' });
    const person = await cli(
      'people',
      'add',
      'e2e-cli.wang',
      '--name',
      '王芳',
      '--role',
      'handler',
      '--unit',
      'e2e-cli-town',
      '--as',
      'admin.fso',
      '--reason',
      '新任',
    );
    expect(person.code).toBe(0);
    const printed = JSON.parse(person.out);
    expect(printed.person).toMatchObject({ id: 'e2e-cli.wang', role: Role.Handler, unitId: 'e2e-cli-town' });
    expect(printed.initialPassword).toEqual(expect.any(String));

    const viaApi = await system.request('GET', '/people/e2e-cli.wang', { token: admin });
    expect(viaApi.body).toMatchObject({ id: 'e2e-cli.wang', unitId: 'e2e-cli-town' });
    const entries = await identityChain();
    expect(
      entries.filter(
        (e) => e.actor.userId === 'admin.fso' && JSON.stringify(e.stateAfter).includes('e2e-cli'),
      ),
    ).toHaveLength(2);

    const unknownUnit = await cli(
      'people',
      'add',
      'e2e-cli.li',
      '--name',
      '李雷',
      '--role',
      'handler',
      '--unit',
      'nowhere',
      '--as',
      'admin.fso',
    );
    expect(unknownUnit.code).toBe(2);
    expect(unknownUnit.err).toContain('unitId');
    const notAdmin = await cli(
      'units',
      'add',
      'e2e-cli-x',
      '--zh',
      '某',
      '--en',
      'X',
      '--kind',
      'township',
      '--as',
      'handler.amr',
    );
    expect(notAdmin).toMatchObject({ code: 2 });
    expect(notAdmin.err).toContain('not an active administrator');
    // Its input is checked as the API's body is: a reason with a direction override is refused.
    const reversed = await cli(
      'people',
      'deactivate',
      'e2e-cli.wang',
      '--reason',
      '调离\u202e',
      '--as',
      'admin.fso',
    );
    expect(reversed).toMatchObject({ code: 2, out: '' });
    expect(reversed.err).toContain('reason must not contain a text-direction control character');
    expect((await system.request('GET', '/people/e2e-cli.wang', { token: admin })).body.active).toBe(true);
  });
});
