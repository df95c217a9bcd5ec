import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CARD_RESPONSES_MAX_CHARACTERS } from '../../libs/cards/src/domain/card.rules.js';
import { Client } from '@temporalio/client';
import { Role } from '../../libs/contracts/src/identity.js';
import { eventually } from '../helpers/eventually.js';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

describe('colour card (亮牌督办) from a real overdue risk item, through the API', () => {
  let system: TestSystem;
  let supervisor: string;
  let handler: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    // A unit no other test file raises cards against, so the repeat rule cannot start this card higher.
    handler = await system.tokenForActor({
      userId: 'handler.culture',
      role: Role.Handler,
      unitId: 'culture',
    });
  });
  afterAll(() => system.stop());

  it('raises a yellow card when the item goes overdue, and lifts it once the item is closed and the unit responded', async () => {
    const { body: item } = await system.request('POST', '/risk-items', {
      token: handler,
      body: riskItemBody(),
    });
    await system.request('POST', `/risk-items/${item.id}/assign`, {
      token: supervisor,
      body: { responsibleUnitId: 'culture' },
    });
    // A supervisor re-plans the deadline to a moment away, so the real clock passes it during the test.
    const replanned = await system.request('POST', `/risk-items/${item.id}/replan`, {
      token: supervisor,
      body: { reason: '上级督办，限期整改', dueAt: new Date(Date.now() + 2_000).toISOString() },
    });
    expect(replanned.status).toBe(200);

    let card: any;
    await eventually(async () => {
      const board = await system.request('GET', '/cards?subjectType=overdue-risk-item&unitId=culture', {
        token: supervisor,
      });
      card = board.body.items.find((c: any) => c.subject.id === item.id);
      expect(card).toBeDefined();
    }, 20_000);
    expect(card).toMatchObject({
      status: 'open',
      unitId: 'culture',
      level: 0,
      levels: [{ colour: 'yellow', nameZh: '黄牌警示' }],
    });
    expect(card.id).toMatch(/^KP-\d{4}-\d{6}$/);
    expect(card.levels[0].rule.en).toContain('10 working days');

    // Yellow names the unit head as recipient: the card is in their queue, not in the supervisor's.
    const head = await system.tokenForActor({
      userId: 'head.culture',
      role: Role.UnitHead,
      unitId: 'culture',
    });
    const headQueue = await system.request('GET', '/me/cards', { token: head });
    expect(headQueue.body.map((c: any) => c.id)).toContain(card.id);
    const supervisorQueue = await system.request('GET', '/me/cards', { token: supervisor });
    expect(supervisorQueue.body.map((c: any) => c.id)).not.toContain(card.id);

    const client = system.api.get(Client);
    const query = `DubanCaseType = 'card' AND DubanUnit = 'culture' AND DubanCardColour = 'yellow' AND DubanSubjectType = 'overdue-risk-item'`;
    await eventually(async () => {
      const found: string[] = [];
      for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
      expect(found).toContain(`card/culture/overdue-risk-item/${item.id}`);
    });

    const early = await system.request('POST', `/cards/${card.id}/lift`, { token: supervisor, body: {} });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('card.subject-open');

    await system.request('POST', `/risk-items/${item.id}/start`, { token: handler });
    await system.request('POST', `/risk-items/${item.id}/submit`, {
      token: handler,
      body: { measures: 'm', evidence: EVIDENCE },
    });
    await system.request('POST', `/risk-items/${item.id}/verify`, {
      token: supervisor,
      body: { result: 'accepted' },
    });
    await eventually(async () => {
      const current = await system.request('GET', `/cards/${card.id}`, { token: supervisor });
      expect(current.body.subjectResolved).toBe(true);
    });

    const noResponse = await system.request('POST', `/cards/${card.id}/lift`, {
      token: supervisor,
      body: {},
    });
    expect(noResponse.body.code).toBe('card.no-response');
    const responded = await system.request('POST', `/cards/${card.id}/respond`, {
      token: handler,
      body: { text: '书面整改方案：已建立进货查验台账' },
    });
    expect(responded.status).toBe(200);
    const lifted = await system.request('POST', `/cards/${card.id}/lift`, {
      token: supervisor,
      body: { reason: '整改到位' },
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', closedBy: 'supervisor.fso' });

    const timeline = await system.request('GET', `/cards/${card.id}/timeline`, { token: supervisor });
    expect(timeline.body.map((e: { action: string }) => e.action)).toEqual([
      'raise',
      'subject-resolved',
      'respond',
      'lift',
    ]);
  });

  it('refuses a response that would overfill the card, so a unit cannot push its card past what the engine can carry', async () => {
    const raised = await system.request('POST', '/cards', {
      token: supervisor,
      body: { unitId: 'culture', reason: '示范街创建进度滞后' },
    });
    expect(raised.status).toBe(201);
    const respond = (text: string) =>
      system.request('POST', `/cards/${raised.body.id}/respond`, { token: handler, body: { text } });
    const full = '整'.repeat(5_000);
    for (let i = 0; i < CARD_RESPONSES_MAX_CHARACTERS / full.length; i++) {
      expect((await respond(full)).status).toBe(200);
    }
    const overfull = await respond('再补充一句');
    expect(overfull.status).toBe(409);
    expect(overfull.body).toMatchObject({ code: 'card.responses-full', state: { status: 'open' } });
    // The card still answers its supervisor.
    const withdrawn = await system.request('POST', `/cards/${raised.body.id}/withdraw`, {
      token: supervisor,
      body: { reason: '测试结束' },
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect(withdrawn.body.responses).toHaveLength(CARD_RESPONSES_MAX_CHARACTERS / full.length);
  });

  it('raises no card on the county government: a supervisor is refused, an overdue item of its own raises none', async () => {
    const manual = await system.request('POST', '/cards', {
      token: supervisor,
      body: { unitId: 'gov', reason: '推进不力' },
    });
    expect(manual.status).toBe(422);
    expect(manual.body).toMatchObject({
      code: 'card.unit-not-supervised',
      errors: [{ path: 'unitId' }],
    });

    const { body: item } = await system.request('POST', '/risk-items', {
      token: handler,
      body: riskItemBody({ description: '县政府机关食堂隐患' }),
    });
    await system.request('POST', `/risk-items/${item.id}/assign`, {
      token: supervisor,
      body: { responsibleUnitId: 'gov' },
    });
    await system.request('POST', `/risk-items/${item.id}/replan`, {
      token: supervisor,
      body: { reason: '限期整改', dueAt: new Date(Date.now() + 2_000).toISOString() },
    });
    // Overdue, and the step that would raise the card has finished: nothing is left to raise one later.
    const handle = system.api.get(Client).workflow.getHandle(`risk-item/${item.id}`);
    await eventually(async () => {
      const current = await system.request('GET', `/risk-items/${item.id}`, { token: supervisor });
      expect(current.body.overdue).toBe(true);
      expect((await handle.describe()).raw.pendingActivities ?? []).toEqual([]);
    }, 20_000);
    const board = await system.request('GET', '/cards?unitId=gov&status=open', { token: supervisor });
    expect(board.body.total).toBe(0);
  });
});
