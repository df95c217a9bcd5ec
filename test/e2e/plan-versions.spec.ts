import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { type StoredPlan } from '../../libs/contracts/src/plan.contracts.js';
import { LedgerService } from '../../libs/ledger/src/ledger.service.js';
import { readBundledPlan } from '../../libs/plan/src/bundled-plan.js';
import { registerPlanCommand } from '../../libs/plan/src/cli/plan.command.js';
import { planCaseId } from '../../libs/plan/src/plan-loader.service.js';
import { sha256Of } from '../../libs/plan/src/plan-parser.js';
import { loadBundledPlanOnFirstStart } from '../../libs/plan/src/seed/load-bundled-plan.js';
import { PLAN_SOURCE, type PlanSource } from '../../libs/contracts/src/plan.contracts.js';
import { PlanModule } from '../../libs/plan/src/plan.module.js';
import { ConfigModule } from '../../libs/platform/src/config/config.module.js';
import { DatabaseModule } from '../../libs/platform/src/database/database.module.js';
import { TestSystem, type HttpResult } from '../helpers/test-system.js';

/**
 * The plan store through the API. Other files read the active plan, so every version this file loads
 * carries the bundled plan's data unchanged (only a comment differs): the active plan's content stays
 * the bundled one, only its version number grows.
 */
const PLAN_CASE = planCaseId('武政办〔2022〕5号');
const revision = (note: string) => `# ${note}\n${readBundledPlan()}`;

describe('the campaign plan store (GET /plan, /plan/versions; POST /plan/versions)', () => {
  let system: TestSystem;
  let admin: string;
  let supervisor: string;
  let handler: string;
  const db = () => system.api.get(DataSource);
  const versionCount = async (): Promise<number> =>
    (await db().query('SELECT count(*)::int AS n FROM plan_version'))[0].n;
  const ledgerCount = async (): Promise<number> =>
    (await db().query('SELECT count(*)::int AS n FROM ledger_entry WHERE case_id = $1', [PLAN_CASE]))[0].n;
  const load = (
    token: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ) => system.request('POST', '/plan/versions', { token, ...options });
  const expectProblem = (res: HttpResult, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, code, type: `https://duban.example/problems/${code}` });
  };

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    [admin, supervisor, handler] = await Promise.all(
      ['admin.fso', 'supervisor.fso', 'handler.amr'].map((user) => system.tokenFor(user)),
    );
  });
  afterAll(() => system.stop());

  it('the bundled plan was loaded on first start as version 1, by the system, and ledgered', async () => {
    const res = await system.request('GET', '/plan/versions/1', { token: handler });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      sha256: sha256Of(readBundledPlan()),
      documentNo: '武政办〔2022〕5号',
      loadedBy: 'system',
      reason: expect.stringContaining('首次启动时载入'),
      source: readBundledPlan(),
    });
    expect(res.body.plan.actions).toHaveLength(12);
    const [first] = await system.api.get(LedgerService).entriesOf(PLAN_CASE);
    expect(first).toMatchObject({
      sequence: 1,
      caseType: 'plan',
      actorId: 'system',
      action: 'load-plan-version',
      stateBefore: null,
      stateAfter: { version: 1, sha256: sha256Of(readBundledPlan()), documentNo: '武政办〔2022〕5号' },
    });
  });

  it('a second seeding run leaves the store alone', async () => {
    const before = await versionCount();
    expect(await loadBundledPlanOnFirstStart(process.env.DATABASE_URL!)).toBeUndefined();
    expect(await versionCount()).toBe(before);
  });

  it('GET /plan: the active plan, for every role', async () => {
    for (const token of [handler, supervisor, admin]) {
      const res = await system.request('GET', '/plan', { token });
      expect(res.status).toBe(200);
      expect(res.body.version).toBeGreaterThanOrEqual(1);
      expect(res.body.plan.campaign.documentNo).toBe('武政办〔2022〕5号');
      expect(res.body.plan.actions.find((a: { number: number }) => a.number === 5).leadUnit).toBe('amr');
    }
  });

  it('loading the active content again is a no-op: 200, loaded false, no version, no ledger entry', async () => {
    const active = (await system.request('GET', '/plan', { token: admin })).body;
    const [versions, entries] = [await versionCount(), await ledgerCount()];
    const res = await load(admin, { body: { yaml: active.source, reason: '重复提交' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      loaded: false,
      version: expect.objectContaining({ version: active.version }),
    });
    expect([await versionCount(), await ledgerCount()]).toEqual([versions, entries]);
  });

  it("a repeated no-op load with the same Idempotency-Key gets the same 200 back, not the route's 201", async () => {
    const active = (await system.request('GET', '/plan', { token: admin })).body;
    const request = { body: { yaml: active.source }, headers: { 'Idempotency-Key': 'plan-noop-repeat-1' } };
    const first = await load(admin, request);
    const repeat = await load(admin, request);
    expect([first.status, repeat.status]).toEqual([200, 200]);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual(first.body);
  });

  it('a new version (raw YAML body) is appended, becomes active, keeps history and is ledgered', async () => {
    const before = (await system.request('GET', '/plan', { token: admin })).body;
    const source = revision(`revision ${Date.now()} sent as YAML`);
    const res = await load(admin, { rawBody: source, headers: { 'content-type': 'application/yaml' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      loaded: true,
      version: {
        version: before.version + 1,
        sha256: sha256Of(source),
        documentNo: '武政办〔2022〕5号',
        loadedAt: expect.any(String),
        loadedBy: 'admin.fso',
        reason: 'new plan version loaded through the API',
      },
    });
    const active = await system.request('GET', '/plan', { token: handler });
    expect(active.body).toMatchObject({ version: before.version + 1, source });
    expect(active.body.plan).toEqual(before.plan);
    const old = await system.request('GET', `/plan/versions/${before.version}`, { token: handler });
    expect(old.body).toMatchObject({ version: before.version, sha256: before.sha256, source: before.source });

    const list = await system.request<Array<{ version: number }>>('GET', '/plan/versions', {
      token: handler,
    });
    expect(list.status).toBe(200);
    expect(list.body[0]).toEqual(res.body.version);
    expect(list.body.map((v) => v.version)).toEqual(
      [...list.body.map((v) => v.version)].sort((a, b) => b - a),
    );
    expect(list.body[0]).not.toHaveProperty('source');

    const entries = await system.api.get(LedgerService).entriesOf(PLAN_CASE);
    expect(entries.at(-1)).toMatchObject({
      actorId: 'admin.fso',
      actorRole: 'admin',
      actorUnit: 'fso',
      action: 'load-plan-version',
      reason: 'new plan version loaded through the API',
      stateBefore: { version: before.version, sha256: before.sha256 },
      stateAfter: { version: before.version + 1, sha256: sha256Of(source) },
    });
    expect((await system.api.get(LedgerService).verifyCase(PLAN_CASE)).intact).toBe(true);
  });

  it('JSON { yaml, reason }: the reason goes on the version and into the ledger', async () => {
    const res = await load(admin, {
      body: { yaml: revision(`revision ${Date.now()} as JSON`), reason: '更正格式' },
    });
    expect(res.status).toBe(201);
    expect(res.body.version.reason).toBe('更正格式');
    expect((await system.api.get(LedgerService).entriesOf(PLAN_CASE)).at(-1)?.reason).toBe('更正格式');
  });

  it('two concurrent loads of the same new content make one version; the other is a no-op', async () => {
    const versions = await versionCount();
    const body = { yaml: revision(`revision ${Date.now()} sent twice at once`) };
    const answers = await Promise.all([load(admin, { body }), load(admin, { body })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(answers[0].body.version).toEqual(answers[1].body.version);
    expect(await versionCount()).toBe(versions + 1);
  });

  it('PlanModule alone serves PLAN_SOURCE (as the worker imports it): the active plan and any version', async () => {
    @Module({ imports: [ConfigModule, DatabaseModule, PlanModule] })
    class PlanReaderModule {}
    const context = await NestFactory.createApplicationContext(PlanReaderModule, { logger: ['error'] });
    try {
      const source = context.get<string, PlanSource>(PLAN_SOURCE);
      const active: StoredPlan = await source.activePlan();
      const listed = (await system.request('GET', '/plan/versions', { token: admin })).body;
      expect(active.version).toBe(listed[0].version);
      expect(active.plan.actions).toHaveLength(12);
      expect((await source.planVersion(1)).sha256).toBe(sha256Of(readBundledPlan()));
      await expect(source.planVersion(100_000)).rejects.toMatchObject({ code: 'plan.version-not-found' });
    } finally {
      await context.close();
    }
  });

  it('a bad plan is refused with 422, every problem with its path and line, and nothing is loaded', async () => {
    const bundled = readBundledPlan();
    const broken = bundled
      .replace('    leadUnit: eco\n', '    leadUnit: ecology\n')
      .replace('  - number: 3\n', '  - number: 2\n')
      .replace('{ yearEnd: 2024, value: 80 }', '{ yearEnd: 2025, value: 80 }');
    const lineOf = (needle: string) => broken.slice(0, broken.indexOf(needle)).split('\n').length;
    const [versions, entries] = [await versionCount(), await ledgerCount()];
    for (const request of [
      { body: { yaml: broken } },
      { rawBody: broken, headers: { 'content-type': 'text/yaml' } },
    ]) {
      const res = await load(admin, request);
      expectProblem(res, 422, 'plan.invalid');
      expect(res.body.errors).toEqual([
        {
          path: 'actions[1].leadUnit',
          message: 'unknown unit ecology: not declared under units',
          line: lineOf('leadUnit: ecology'),
          column: 15,
        },
        {
          path: 'actions[2].number',
          message: 'duplicate action number 2: also actions[1]',
          line: lineOf('  - number: 2\n    nameZh: 农药'),
          column: 13,
        },
        {
          path: 'actions[4].indicators[0].targets[2].yearEnd',
          message: '2025-12-31 is outside the campaign period 2022-07-07 to 2024-12-31',
          line: lineOf('{ yearEnd: 2025'),
          column: 24,
        },
      ]);
    }
    expect([await versionCount(), await ledgerCount()]).toEqual([versions, entries]);
  });

  it("a file in the old spelling (action key no, comparator '=') is refused with 422 naming each key, nothing loaded", async () => {
    const old = readBundledPlan()
      .replace('  - number: 1\n', '  - no: 1\n')
      .replace(
        '        comparator: ≥\n        targets: [{ yearEnd: 2024, value: 100 }]',
        "        comparator: '='\n        targets: [{ yearEnd: 2024, value: 100 }]",
      );
    const [versions, entries] = [await versionCount(), await ledgerCount()];
    const res = await load(admin, { body: { yaml: old } });
    expectProblem(res, 422, 'plan.invalid');
    expect(
      (res.body.errors as Array<{ path: string; message: string }>).map((e) => [e.path, e.message]),
    ).toEqual([
      [
        'actions[0].no',
        'the action key no is now number (YAML 1.1 parsers read no as false): write number: <n>',
      ],
      [
        'actions[3].indicators[0].comparator',
        "comparator '=' is no longer accepted: a target is a level to reach or keep, write ≥ (or ≤)",
      ],
    ]);
    expect([await versionCount(), await ledgerCount()]).toEqual([versions, entries]);
  });

  it('only an administrator may load a plan: 403 for others, 401 without a token, nothing loaded', async () => {
    const versions = await versionCount();
    const body = { yaml: revision('not allowed') };
    expectProblem(await load(supervisor, { body }), 403, 'auth.role-not-allowed');
    expectProblem(await load(handler, { body }), 403, 'auth.role-not-allowed');
    expectProblem(await system.request('POST', '/plan/versions', { body }), 401, 'auth.missing-token');
    expect(await versionCount()).toBe(versions);
  });

  it('bad requests: an empty or missing yaml, unknown fields, a version that is not a number or does not exist', async () => {
    expectProblem(await load(admin, { body: { yaml: '' } }), 400, 'request.invalid');
    expectProblem(await load(admin, { body: { reason: 'no yaml' } }), 400, 'request.invalid');
    expectProblem(await load(admin, { body: { yaml: 'a: 1', extra: true } }), 400, 'request.invalid');
    expectProblem(
      await system.request('GET', '/plan/versions/abc', { token: admin }),
      400,
      'request.invalid',
    );
    expectProblem(await system.request('GET', '/plan/versions/0', { token: admin }), 400, 'request.invalid');
    expectProblem(
      await system.request('GET', '/plan/versions/100000', { token: admin }),
      404,
      'plan.version-not-found',
    );
  });

  it('duban plan show --json prints the active version from the database', async () => {
    let printed = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      const program = new Command('duban');
      registerPlanCommand(program);
      await program.parseAsync(['plan', 'show', '--json'], { from: 'user' });
    } finally {
      write.mockRestore();
    }
    const active = (await system.request('GET', '/plan', { token: admin })).body;
    expect(JSON.parse(printed)).toEqual({
      origin: 'active',
      version: active.version,
      sha256: active.sha256,
      documentNo: active.documentNo,
      loadedAt: active.loadedAt,
      loadedBy: active.loadedBy,
      reason: active.reason,
      plan: active.plan,
    });
  });

  it('the database refuses to rewrite or delete a version', async () => {
    await expect(
      db().query(`UPDATE plan_version SET reason = 'rewritten' WHERE version = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(db().query('DELETE FROM plan_version WHERE version = 1')).rejects.toThrow(/append-only/);
    await expect(db().query('TRUNCATE plan_version')).rejects.toThrow(/append-only/);
  });
});
