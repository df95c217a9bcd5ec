import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestSystem } from '../helpers/test-system.js';

describe('directive journey through the real API, worker, Temporal dev server and PostgreSQL', () => {
  let system: TestSystem;
  let supervisor: string;
  let handler: string;
  let otherUnitHandler: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    handler = await system.tokenFor('handler.amr');
    otherUnitHandler = await system.tokenFor('handler.agri');
  });
  afterAll(() => system.stop());

  it('issues a directive, lets the assignee acknowledge it once, and ledgers both steps in a hash chain', async () => {
    const issued = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: '快检室自查', body: '请于本周完成自查', assigneeUnitId: 'amr' },
      headers: { 'x-request-id': 'e2e-issue-1' },
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      status: 'issued',
      assigneeUnitId: 'amr',
      sequence: 1,
      allowedSteps: [],
    });
    const id: string = issued.body.id;
    expect(id).toMatch(/^DB-\d{4}-\d{6}$/);
    expect(issued.headers.get('x-request-id')).toBe('e2e-issue-1');

    const seenByHandler = await system.request('GET', `/directives/${id}`, { token: handler });
    expect(seenByHandler.status).toBe(200);
    expect(seenByHandler.body.allowedSteps).toEqual(['acknowledge']);

    const acknowledged = await system.request('POST', `/directives/${id}/acknowledge`, {
      token: handler,
      body: { note: '已收到' },
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'handler.amr',
      sequence: 2,
    });

    const again = await system.request('POST', `/directives/${id}/acknowledge`, { token: handler, body: {} });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.state.status).toBe('acknowledged');
    expect(again.body.state.allowedSteps).toEqual([]);

    const ledger = await system.request('GET', `/directives/${id}/ledger`, { token: supervisor });
    expect(ledger.status).toBe(200);
    expect(ledger.body.map((e: { action: string }) => e.action)).toEqual(['issue', 'acknowledge']);
    const [first, second] = ledger.body;
    expect(first).toMatchObject({
      sequence: 1,
      actor: { userId: 'supervisor.fso', role: 'supervisor', unitId: 'fso' },
      requestId: 'e2e-issue-1',
      workflowId: `directive/${id}`,
      prevHash: '0'.repeat(64),
      stateBefore: null,
    });
    expect(second.prevHash).toBe(first.hash);
    expect(second.stateBefore.status).toBe('issued');
    expect(second.stateAfter.status).toBe('acknowledged');
  });

  it("hides another unit's directive (404) and refuses its acknowledgement", async () => {
    const issued = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: 't', body: 'b', assigneeUnitId: 'amr' },
    });
    const id: string = issued.body.id;
    const read = await system.request('GET', `/directives/${id}`, { token: otherUnitHandler });
    expect(read.status).toBe(404);
    const ack = await system.request('POST', `/directives/${id}/acknowledge`, {
      token: otherUnitHandler,
      body: {},
    });
    expect(ack.status).toBe(404);
    const ledger = await system.request('GET', `/directives/${id}/ledger`, { token: supervisor });
    expect(ledger.body).toHaveLength(1);
  });

  it('lets exactly one of two concurrent acknowledgements win', async () => {
    const issued = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: 'race', body: 'b', assigneeUnitId: 'amr' },
    });
    const id: string = issued.body.id;
    const head = await system.tokenFor('head.amr');
    const results = await Promise.all([
      system.request('POST', `/directives/${id}/acknowledge`, { token: handler, body: { note: 'handler' } }),
      system.request('POST', `/directives/${id}/acknowledge`, { token: head, body: { note: 'head' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const ledger = await system.request('GET', `/directives/${id}/ledger`, { token: supervisor });
    expect(ledger.body.map((e: { action: string }) => e.action)).toEqual(['issue', 'acknowledge']);
  });

  it("lists directives newest first: a unit's staff see those addressed to their unit, the county all; a bad filter is a 400 problem", async () => {
    type Listed = { id: string; assigneeUnitId: string; status: string; allowedSteps: string[] };
    const list = (query: string, token: string) =>
      system.request<{ items: Listed[]; total: number; limit: number; offset: number }>(
        'GET',
        `/directives?${query}`,
        { token },
      );
    const issue = async (title: string) =>
      (
        await system.request('POST', '/directives', {
          token: supervisor,
          body: { title, body: '请组织自查并上报结果', assigneeUnitId: 'amr' },
        })
      ).body.id as string;
    const older = await issue('列表：先下发');
    const newer = await issue('列表：后下发');

    const county = await list('unitId=amr&status=issued&limit=200', supervisor);
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({ limit: 200, offset: 0 });
    const countyIds = county.body.items.map((d) => d.id);
    expect(countyIds.indexOf(newer)).toBeGreaterThanOrEqual(0);
    expect(countyIds.indexOf(newer)).toBeLessThan(countyIds.indexOf(older));
    expect(county.body.items.every((d) => d.assigneeUnitId === 'amr' && d.status === 'issued')).toBe(true);

    const own = await list('status=issued&limit=200', handler);
    expect(own.body.items.every((d) => d.assigneeUnitId === 'amr')).toBe(true);
    expect(own.body.items.find((d) => d.id === newer)?.allowedSteps).toEqual(['acknowledge']);

    // Another unit's handler sees none of them, not even by asking for the unit.
    expect((await list('unitId=amr&limit=200', otherUnitHandler)).body.items).toEqual([]);
    const others = (await list('limit=200', otherUnitHandler)).body.items;
    expect(others.every((d) => d.assigneeUnitId === 'agri')).toBe(true);

    // Acknowledged, it leaves the unit's waiting list.
    await system.request('POST', `/directives/${newer}/acknowledge`, { token: handler, body: {} });
    const waiting = (await list('status=issued&limit=200', handler)).body.items.map((d) => d.id);
    expect(waiting).toContain(older);
    expect(waiting).not.toContain(newer);
    const done = (await list('status=acknowledged&unitId=amr&limit=200', supervisor)).body.items;
    expect(done.map((d) => d.id)).toContain(newer);

    const bad = await system.request('GET', '/directives?status=done&unitId=A%20B&limit=0', {
      token: supervisor,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(new Set(bad.body.errors.map((e: { path: string }) => e.path))).toEqual(
      new Set(['status', 'unitId', 'limit']),
    );
  });
});
