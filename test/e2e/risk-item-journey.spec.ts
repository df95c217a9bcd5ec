import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestSystem } from '../helpers/test-system.js';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';

describe('risk item journey (挂账督办 → 销号) through the real API by different roles', () => {
  let system: TestSystem;
  let supervisor: string;
  let handler: string;
  let head: string;
  let otherHandler: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    handler = await system.tokenFor('handler.amr');
    head = await system.tokenFor('head.amr');
    otherHandler = await system.tokenFor('handler.agri');
  });
  afterAll(() => system.stop());

  it('registers, assigns with a policy deadline, rectifies, is rejected once, then closes', async () => {
    const registered = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;
    expect(id).toMatch(/^FX-\d{4}-\d{6}$/);
    expect(registered.body).toMatchObject({ status: 'registered', registeringUnitId: 'amr', sequence: 1 });

    const assigned = await system.request('POST', `/risk-items/${id}/assign`, {
      token: head,
      body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('assigned');
    expect(assigned.body.deadline.rule.en).toContain('15 working days');
    expect(assigned.body.deadline.policyVersion).toBe('2026-11-28.1');
    expect(Date.parse(assigned.body.deadline.dueAt)).toBeGreaterThan(Date.now() + 14 * 86_400_000);

    const started = await system.request('POST', `/risk-items/${id}/start`, { token: handler });
    expect(started.body.status).toBe('rectifying');
    const submitted = await system.request('POST', `/risk-items/${id}/submit`, {
      token: handler,
      body: { measures: '已下架并销毁', evidence: EVIDENCE },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', rectification: { evidence: EVIDENCE } });

    const rejected = await system.request('POST', `/risk-items/${id}/verify`, {
      token: supervisor,
      body: { result: 'rejected', reason: '复查仍有过期食品' },
    });
    expect(rejected.body).toMatchObject({ status: 'rectifying', round: 2 });
    await system.request('POST', `/risk-items/${id}/submit`, {
      token: handler,
      body: { measures: '再次清查', evidence: EVIDENCE },
    });
    const closed = await system.request('POST', `/risk-items/${id}/verify`, {
      token: supervisor,
      body: { result: 'accepted' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', allowedSteps: [] });

    const timeline = await system.request('GET', `/risk-items/${id}/timeline`, { token: supervisor });
    expect(timeline.body.map((e: { action: string }) => e.action)).toEqual([
      'register',
      'assign',
      'start-rectification',
      'submit-rectification',
      'reject',
      'submit-rectification',
      'accept',
    ]);
    expect(timeline.body[4]).toMatchObject({
      reason: '复查仍有过期食品',
      actor: { userId: 'supervisor.fso' },
    });

    const afterClose = await system.request('POST', `/risk-items/${id}/cancel`, {
      token: supervisor,
      body: { reason: 'too late' },
    });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.state.status).toBe('closed');

    const reopened = await system.request('POST', `/risk-items/${id}/reopen`, {
      token: supervisor,
      body: { reason: '群众再次投诉' },
    });
    expect(reopened.status).toBe(201);
    expect(reopened.body).toMatchObject({ status: 'registered', reopenOf: id });
    expect(reopened.body.id).not.toBe(id);

    // The closed item links to its reopening; its own steps and state are as they were at closing.
    const closedNow = await system.request('GET', `/risk-items/${id}`, { token: supervisor });
    expect(closedNow.body).toMatchObject({ status: 'closed', reopenedAs: [reopened.body.id] });
    expect(closedNow.body.sequence).toBe(closed.body.sequence);
    const closedTimeline = await system.request('GET', `/risk-items/${id}/timeline`, { token: supervisor });
    expect(closedTimeline.body).toHaveLength(timeline.body.length);
    const reopenedTimeline = await system.request('GET', `/risk-items/${reopened.body.id}/timeline`, {
      token: supervisor,
    });
    expect(reopenedTimeline.body[0]).toMatchObject({ action: 'reopen', stateAfter: { reopenOf: id } });
    expect(
      (await system.request('GET', `/risk-items/${reopened.body.id}`, { token: supervisor })).body,
    ).toMatchObject({ reopenOf: id, reopenedAs: [] });
  });

  it('stores evidence names without surrounding white space, and refuses one sha256 with two sizes naming the file', async () => {
    const { body } = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    await system.request('POST', `/risk-items/${body.id}/assign`, {
      token: head,
      body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
    });
    await system.request('POST', `/risk-items/${body.id}/start`, { token: handler });
    const [photo] = EVIDENCE;
    const contradicted = await system.request('POST', `/risk-items/${body.id}/submit`, {
      token: handler,
      body: {
        measures: '已整改',
        evidence: [photo, { ...photo, fileName: '整改后照片-副本.jpg', size: 1_024 }],
      },
    });
    expect(contradicted.status).toBe(400);
    expect(contradicted.body).toMatchObject({
      code: 'request.invalid',
      errors: [
        {
          path: 'evidence',
          message:
            'evidence element 1 (整改后照片-副本.jpg) has the sha256 of element 0 (整改后照片-01.jpg) but 1024 ' +
            'bytes, not 482113: one file has one size',
        },
      ],
    });
    expect((await system.request('GET', `/risk-items/${body.id}`, { token: handler })).body.status).toBe(
      'rectifying',
    );
    const submitted = await system.request('POST', `/risk-items/${body.id}/submit`, {
      token: handler,
      body: { measures: '已整改', evidence: [{ ...photo, fileName: ` \u3000${photo.fileName} ` }] },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.rectification.evidence).toEqual(EVIDENCE);
  });

  it('answers an illegal step with 409, the current state and the allowed steps', async () => {
    const { body } = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    const res = await system.request('POST', `/risk-items/${body.id}/submit`, {
      token: handler,
      body: { measures: 'x', evidence: [] },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'risk-item.illegal-step',
      state: { status: 'registered', allowedSteps: ['mark-criminal-threshold'] },
    });
  });

  it("keeps another unit's items out of sight and out of reach", async () => {
    const { body } = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    expect((await system.request('GET', `/risk-items/${body.id}`, { token: otherHandler })).status).toBe(404);
    const list = await system.request('GET', '/risk-items?limit=100', { token: otherHandler });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id);
    const assign = await system.request('POST', `/risk-items/${body.id}/assign`, {
      token: await system.tokenFor('head.amr'),
      body: { responsibleUnitId: 'agri' },
    });
    expect(assign.status).toBe(200);
    // Now agri is responsible: its handler sees the item and it is in agri's work queue.
    expect((await system.request('GET', `/risk-items/${body.id}`, { token: otherHandler })).status).toBe(200);
    const work = await system.request('GET', '/me/work?limit=200', { token: otherHandler });
    expect(work.body.items.map((i: { id: string }) => i.id)).toContain(body.id);
  });

  it('pages the work queue like every other list: limit, offset and the total', async () => {
    const agri = otherHandler;
    for (let i = 0; i < 2; i++) {
      const { body } = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
      await system.request('POST', `/risk-items/${body.id}/assign`, {
        token: await system.tokenFor('head.amr'),
        body: { responsibleUnitId: 'agri' },
      });
    }
    const all = await system.request('GET', '/me/work', { token: agri });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ limit: 50, offset: 0 });
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    const first = await system.request('GET', '/me/work?limit=1', { token: agri });
    const second = await system.request('GET', '/me/work?limit=1&offset=1', { token: agri });
    expect(first.body).toMatchObject({ total: all.body.total, limit: 1, offset: 0 });
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual(
      all.body.items.slice(0, 2).map((i: { id: string }) => i.id),
    );
    for (const bad of ['limit=0', 'limit=201', 'offset=-1', 'limit=x']) {
      const res = await system.request('GET', `/me/work?${bad}`, { token: agri });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
  });
});
