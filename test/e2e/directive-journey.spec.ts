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
});
