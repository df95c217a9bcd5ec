import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CardRaiser } from '../../libs/cards/src/card-raiser.service.js';
import { CaseSignals } from '../../libs/platform/src/temporal/case-signals.service.js';
import { CardSignals } from '../../libs/cards/src/card-signals.service.js';
import {
  CardStatus,
  CardSubjectType,
  cardWorkflowId,
  type CardSubject,
  type CardView,
} from '../../libs/contracts/src/card.contracts.js';
import { eventually } from '../helpers/eventually.js';
import { TestSystem, type HttpResult } from '../helpers/test-system.js';

interface Page {
  items: CardView[];
  total: number;
}
interface CardCount {
  unitId: string;
  colour: string;
  cards: number;
}

/** The units whose cards this file creates through the API (no other e2e file raises cards on them). */
const OWN_UNITS = ['agri', 'township-sample-2'];
const STATS_PERIOD = 'from=2026-01-01T00:00:00Z&to=2100-01-01T00:00:00Z';
const CARD_ID = /^KP-\d{4}-\d{6}$/;

describe('the card board API (亮牌督办): raising, joining, responding, closing, board and stats', () => {
  let system: TestSystem;
  let supervisor: string;
  let handlerAmr: string;
  let headAmr: string;
  let handlerAgri: string;
  let leader: string;
  let auditor: string;
  let liaison: string;
  /** Cards of OWN_UNITS before this file raised any (none: the e2e stack is fresh for every run). */
  let earlierCards: number;

  /** agri's first card (yellow), responded to and lifted. */
  let first: CardView;
  /** agri's second card (repeat rule: orange), later withdrawn. */
  let second: CardView;
  /** township-sample-2's only card (yellow), left open. */
  let township: CardView;
  /** amr's lagging-indicator card raised and joined through CardRaiser, later lifted. */
  let joined: CardView;
  /** The same unit and subject raised again after `joined` was lifted: a new card. */
  let reraised: CardView;
  const indicator: CardSubject = {
    type: CardSubjectType.LaggingIndicator,
    id: `IND-1-${randomUUID().slice(0, 8)}`,
  };

  const db = () => system.api.get(DataSource);
  const raise = (token: string, body: unknown) => system.request<CardView>('POST', '/cards', { token, body });
  const getCard = (id: string, token = supervisor) =>
    system.request<CardView>('GET', `/cards/${id}`, { token });
  const board = async (query: string, token = supervisor): Promise<Page> => {
    const res = await system.request<Page>('GET', `/cards?${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const idsOn = async (query: string, token = supervisor) =>
    (await board(`${query}&limit=200`, token)).items.map((c) => c.id);
  const timeline = async (id: string) => {
    const res = await system.request<Array<{ action: string; actor: any; reason: string | null }>>(
      'GET',
      `/cards/${id}/timeline`,
      { token: supervisor },
    );
    expect(res.status).toBe(200);
    return res.body;
  };
  const stats = async (query: string, token = supervisor): Promise<CardCount[]> => {
    const res = await system.request<CardCount[]>('GET', `/cards/stats?${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const expectProblem = (res: HttpResult, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, code, type: `https://duban.example/problems/${code}` });
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    [supervisor, handlerAmr, headAmr, handlerAgri, leader, auditor, liaison] = await Promise.all(
      [
        'supervisor.fso',
        'handler.amr',
        'head.amr',
        'handler.agri',
        'leader.gov',
        'auditor.discipline',
        'liaison.police',
      ].map((user) => system.tokenFor(user)),
    );
    const [row] = await db().query(`SELECT count(*)::int AS n FROM card WHERE unit_id = ANY($1)`, [
      OWN_UNITS,
    ]);
    earlierCards = row.n;
  });
  afterAll(() => system.stop());

  describe('raising a card (POST /cards)', () => {
    const reason = '农贸市场快检室建设进度严重滞后';

    it("raises a supervisor's own yellow card, shown on the board, by id and in its timeline", async () => {
      // Precondition for the repeat rule and the stats below: agri and township-sample-2 have no card yet.
      expect(earlierCards).toBe(0);
      const res = await raise(supervisor, { unitId: 'agri', reason });
      expect(res.status).toBe(201);
      first = res.body;
      expect(first.id).toMatch(CARD_ID);
      expect(first).toMatchObject({
        status: 'open',
        unitId: 'agri',
        subject: { type: 'manual' },
        reason,
        level: 0,
        levels: [{ level: 0, colour: 'yellow', nameZh: '黄牌警示' }],
        triggers: [{ reason }],
        subjectResolved: false,
        responses: [],
        closedBy: null,
        sequence: 1,
      });
      expect(first.levels).toHaveLength(1);
      expect(first.levels[0].rule.en).toContain('10 working days');
      expect(Date.parse(first.levels[0].dueAt)).toBeGreaterThan(Date.now());

      expect(await idsOn('unitId=agri')).toContain(first.id);
      const byId = await getCard(first.id);
      expect(byId.status).toBe(200);
      expect(byId.body).toMatchObject({ id: first.id, status: 'open', unitId: 'agri', reason, sequence: 1 });

      const entries = await timeline(first.id);
      expect(entries.map((e) => e.action)).toEqual(['raise']);
      expect(entries[0]).toMatchObject({
        actor: { userId: 'supervisor.fso', role: 'supervisor', unitId: 'fso' },
        reason,
      });
    });

    it('starts a second card against the same unit one level higher (repeat rule, 180-day window)', async () => {
      const res = await raise(supervisor, { unitId: 'agri', reason: '第二次督办：整改仍未启动' });
      expect(res.status).toBe(201);
      second = res.body;
      expect(second.id).toMatch(CARD_ID);
      expect(second.id).not.toBe(first.id);
      expect(second).toMatchObject({
        status: 'open',
        unitId: 'agri',
        level: 1,
        levels: [{ level: 1, colour: 'orange', nameZh: '橙牌督办' }],
      });
      expect(second.levels).toHaveLength(1);
      expect(second.subject.id).not.toBe(first.subject.id);
    });

    it('starts a card against a unit with no recent card at yellow', async () => {
      const res = await raise(supervisor, { unitId: 'township-sample-2', reason: '乡镇快检任务未完成' });
      expect(res.status).toBe(201);
      township = res.body;
      expect(township).toMatchObject({
        status: 'open',
        unitId: 'township-sample-2',
        level: 0,
        levels: [{ level: 0, colour: 'yellow' }],
      });
    });
  });

  describe('joining: one card per unit and subject (CardRaiser)', () => {
    it('joins a second trigger to the open card, ignores a repeated one, and records raise then join', async () => {
      const raiser = system.api.get(CardRaiser);
      const k1 = await raiser.raise({
        key: 'k1',
        unitId: 'amr',
        subject: indicator,
        reason: 'r1',
        context: null,
      });
      expect(k1.id).toMatch(CARD_ID);
      expect(k1.triggers.map((t) => t.key)).toEqual(['k1']);

      const k2 = await raiser.raise({
        key: 'k2',
        unitId: 'amr',
        subject: indicator,
        reason: 'r2',
        context: null,
      });
      expect(k2.id).toBe(k1.id);
      expect(k2.triggers.map((t) => [t.key, t.reason])).toEqual([
        ['k1', 'r1'],
        ['k2', 'r2'],
      ]);
      expect(k2.sequence).toBe(k1.sequence + 1);
      expect(k2.level).toBe(k1.level); // joining never climbs the ladder
      expect(k2.reason).toBe('r1'); // the card's reason is the first trigger's

      const again = await raiser.raise({
        key: 'k2',
        unitId: 'amr',
        subject: indicator,
        reason: 'r2',
        context: null,
      });
      expect(again.id).toBe(k1.id);
      expect(again.sequence).toBe(k2.sequence);
      expect(again.triggers).toHaveLength(2);

      const entries = await timeline(k1.id);
      expect(entries.map((e) => e.action)).toEqual(['raise', 'join']);
      expect(entries[0].actor).toMatchObject({ userId: 'system', role: 'system' });
      const stored = await getCard(k1.id);
      expect(stored.body).toMatchObject({ id: k1.id, sequence: k2.sequence, triggers: k2.triggers });
      expect(await idsOn('unitId=amr&subjectType=lagging-indicator')).toContain(k1.id);
      joined = stored.body;
    });
  });

  describe('lifting (摘牌)', () => {
    it('refuses to lift a manual card before the unit responded: 409 card.no-response, nothing changes', async () => {
      // A supervisor's own card has no other case behind it: the accepted response resolves it, so the
      // only thing that can be missing is the response (lifting it is covered after the response below).
      const res = await system.request('POST', `/cards/${first.id}/lift`, { token: supervisor, body: {} });
      expectProblem(res, 409, 'card.no-response');
      expect(res.body.state).toMatchObject({ id: first.id, status: 'open', sequence: 1 });
      expect((await getCard(first.id)).body).toMatchObject({
        status: 'open',
        sequence: 1,
        allowedSteps: ['withdraw'],
      });
    });

    it('lifts a card once its subject is resolved and the unit responded; later steps are 409 with the state', async () => {
      const early = await system.request('POST', `/cards/${joined.id}/lift`, { token: supervisor, body: {} });
      expectProblem(early, 409, 'card.subject-open');

      await new CardSignals(system.api.get(CaseSignals), system.api.get(DataSource)).resolveSubject(
        'amr',
        indicator,
        new Date().toISOString(),
      );
      await eventually(async () => {
        expect((await getCard(joined.id)).body.subjectResolved).toBe(true);
      });
      const noResponse = await system.request('POST', `/cards/${joined.id}/lift`, {
        token: supervisor,
        body: {},
      });
      expectProblem(noResponse, 409, 'card.no-response');

      const responded = await system.request('POST', `/cards/${joined.id}/respond`, {
        token: handlerAmr,
        body: { text: '指标滞后整改方案' },
      });
      expect(responded.status).toBe(200);
      expect((await getCard(joined.id)).body.allowedSteps).toEqual(['lift', 'withdraw']);

      const lifted = await system.request<CardView>('POST', `/cards/${joined.id}/lift`, {
        token: supervisor,
        body: { reason: '指标已达标' },
      });
      expect(lifted.status).toBe(200);
      expect(lifted.body).toMatchObject({
        status: 'lifted',
        closedBy: 'supervisor.fso',
        closeReason: '指标已达标',
        allowedSteps: [],
      });
      expect((await timeline(joined.id)).map((e) => e.action)).toEqual([
        'raise',
        'join',
        'subject-resolved',
        'respond',
        'lift',
      ]);

      for (const [step, token, body] of [
        ['lift', supervisor, {}],
        ['withdraw', supervisor, { reason: '撤销' }],
        ['respond', handlerAmr, { text: '补充说明' }],
      ] as const) {
        const res = await system.request('POST', `/cards/${joined.id}/${step}`, { token, body });
        expectProblem(res, 409, 'card.closed');
        expect(res.body.state).toMatchObject({ id: joined.id, status: 'lifted' });
      }
      expect((await getCard(joined.id)).body).toMatchObject({
        status: 'lifted',
        sequence: lifted.body.sequence,
      });
      joined = lifted.body;
    });

    it('opens a new card when the same unit and subject is raised again after the card was lifted', async () => {
      const again = await system.api
        .get(CardRaiser)
        .raise({ key: 'k3', unitId: 'amr', subject: indicator, reason: 'r3', context: null });
      expect(again.id).toMatch(CARD_ID);
      expect(again.id).not.toBe(joined.id);
      // amr had a card (the lifted one) within the window: one level higher.
      expect(again).toMatchObject({ status: 'open', level: 1, levels: [{ colour: 'orange' }], sequence: 1 });
      expect(again.triggers.map((t) => t.key)).toEqual(['k3']);
      expect((await getCard(joined.id)).body).toMatchObject({ status: 'lifted', sequence: joined.sequence });
      reraised = again;
    });
  });

  describe('responding (POST /cards/{id}/respond) and who sees a card', () => {
    it("lets a handler of the card's unit respond", async () => {
      const res = await system.request<CardView>('POST', `/cards/${first.id}/respond`, {
        token: handlerAgri,
        body: { text: '书面整改方案：一、…；二、…' },
      });
      expect(res.status).toBe(200);
      expect(res.body.responses).toHaveLength(1);
      expect(res.body.responses[0]).toMatchObject({
        text: '书面整改方案：一、…；二、…',
        respondedBy: 'handler.agri',
        level: first.level,
      });
      expect(res.body.sequence).toBe(2);
      expect(res.body.allowedSteps).toEqual(['respond']); // a unit may add to its response
      expect((await timeline(first.id)).map((e) => e.action)).toEqual(['raise', 'respond']);
    });

    it("hides the card from another unit's handler and unit head: 404 on read and on respond", async () => {
      for (const token of [handlerAmr, headAmr]) {
        expectProblem(await getCard(first.id, token), 404, 'card.not-found');
        const timelineRes = await system.request('GET', `/cards/${first.id}/timeline`, { token });
        expectProblem(timelineRes, 404, 'card.not-found');
        const res = await system.request('POST', `/cards/${first.id}/respond`, {
          token,
          body: { text: '不是本单位的牌' },
        });
        expectProblem(res, 404, 'card.not-found');
      }
      expect((await getCard(first.id)).body.sequence).toBe(2);
    });

    it('lets a leader and an auditor read the card but not respond (403); the police liaison cannot read it', async () => {
      for (const token of [leader, auditor]) {
        const read = await getCard(first.id, token);
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ id: first.id, allowedSteps: [] });
        const res = await system.request('POST', `/cards/${first.id}/respond`, {
          token,
          body: { text: '代为回复' },
        });
        expectProblem(res, 403, 'auth.role-not-allowed');
      }
      expectProblem(await getCard(first.id, liaison), 403, 'auth.role-not-allowed');
      expect((await getCard(first.id)).body.sequence).toBe(2);
    });

    it('lets a supervisor lift a manual card once the unit responded; later steps are 409 with the state', async () => {
      expect((await getCard(first.id)).body.allowedSteps).toEqual(['lift', 'withdraw']);
      const lifted = await system.request<CardView>('POST', `/cards/${first.id}/lift`, {
        token: supervisor,
        body: { reason: '整改方案已落实' },
      });
      expect(lifted.status).toBe(200);
      expect(lifted.body).toMatchObject({
        id: first.id,
        status: 'lifted',
        closedBy: 'supervisor.fso',
        closeReason: '整改方案已落实',
        sequence: 3,
        allowedSteps: [],
      });
      const entries = await timeline(first.id);
      expect(entries.map((e) => e.action)).toEqual(['raise', 'respond', 'lift']);
      expect(entries[2]).toMatchObject({ actor: { userId: 'supervisor.fso' }, reason: '整改方案已落实' });
      const again = await system.request('POST', `/cards/${first.id}/respond`, {
        token: handlerAgri,
        body: { text: '补充' },
      });
      expectProblem(again, 409, 'card.closed');
      expect(again.body.state).toMatchObject({ id: first.id, status: 'lifted' });
      first = lifted.body;
    });
  });

  describe('withdrawing (POST /cards/{id}/withdraw)', () => {
    it('refuses a withdrawal without a reason: 400 with the field, nothing changes', async () => {
      const missing = await system.request('POST', `/cards/${second.id}/withdraw`, {
        token: supervisor,
        body: {},
      });
      expectProblem(missing, 400, 'request.invalid');
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('reason');
      const empty = await system.request('POST', `/cards/${second.id}/withdraw`, {
        token: supervisor,
        body: { reason: '' },
      });
      expectProblem(empty, 400, 'request.invalid');
      const blank = await system.request('POST', `/cards/${second.id}/withdraw`, {
        token: supervisor,
        body: { reason: '   ' },
      });
      // Blank text is refused at the edge, like every required text (the workflow's own check stays behind it).
      expectProblem(blank, 400, 'request.invalid');
      expect(blank.body.errors).toEqual([{ path: 'reason', message: 'reason must not be blank' }]);
      const byHandler = await system.request('POST', `/cards/${second.id}/withdraw`, {
        token: handlerAgri,
        body: { reason: '本单位申请撤销' },
      });
      expectProblem(byHandler, 403, 'auth.role-not-allowed');
      expect((await getCard(second.id)).body).toMatchObject({ status: 'open', sequence: 1 });
    });

    it('withdraws with a reason; further steps are 409 with the state', async () => {
      const res = await system.request<CardView>('POST', `/cards/${second.id}/withdraw`, {
        token: supervisor,
        body: { reason: '主体责任已落实，撤销' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: second.id,
        status: 'withdrawn',
        closedBy: 'supervisor.fso',
        closeReason: '主体责任已落实，撤销',
        allowedSteps: [],
      });
      expect(res.body.closedAt).not.toBeNull();
      const entries = await timeline(second.id);
      expect(entries.map((e) => e.action)).toEqual(['raise', 'withdraw']);
      expect(entries[1]).toMatchObject({
        actor: { userId: 'supervisor.fso' },
        reason: '主体责任已落实，撤销',
      });

      for (const [step, token, body] of [
        ['withdraw', supervisor, { reason: '再次撤销' }],
        ['lift', supervisor, {}],
        ['respond', handlerAgri, { text: '整改方案' }],
      ] as const) {
        const after = await system.request('POST', `/cards/${second.id}/${step}`, { token, body });
        expectProblem(after, 409, 'card.closed');
        expect(after.body.state).toMatchObject({ id: second.id, status: 'withdrawn' });
      }
      expect((await getCard(second.id)).body).toMatchObject({
        status: 'withdrawn',
        sequence: res.body.sequence,
      });
      second = res.body;
    });
  });

  describe('bad input: a 4xx problem+json and nothing changes', () => {
    /**
     * Rows of this file's units only: other e2e files run alongside on the same database and write
     * cards and ledger entries of their own (amr) at any moment.
     */
    const counts = async () => {
      const units = [...OWN_UNITS, 'nope', 'BAD UNIT'];
      const [row] = await db().query(
        `SELECT (SELECT count(*) FROM card WHERE unit_id = ANY($1))::int AS cards,
                (SELECT count(*) FROM ledger_entry WHERE case_type = 'card'
                   AND case_id IN (SELECT id FROM card WHERE unit_id = ANY($1)))::int AS entries,
                (SELECT coalesce(sum(last_sequence), 0) FROM card WHERE unit_id = ANY($1))::int AS sequences`,
        [units],
      );
      return row as { cards: number; entries: number; sequences: number };
    };
    type Case = [
      name: string,
      user: string,
      method: string,
      path: () => string,
      body: unknown,
      status: number,
      code: string,
      errorPath: string | null,
    ];
    const cases: Case[] = [
      [
        'a card against an unknown unit',
        'supervisor.fso',
        'POST',
        () => '/cards',
        { unitId: 'nope', reason: 'r' },
        400,
        'identity.unknown-unit',
        'unitId',
      ],
      [
        'a malformed unit id',
        'supervisor.fso',
        'POST',
        () => '/cards',
        { unitId: 'BAD UNIT', reason: 'r' },
        400,
        'request.invalid',
        'unitId',
      ],
      [
        'a missing reason',
        'supervisor.fso',
        'POST',
        () => '/cards',
        { unitId: 'agri' },
        400,
        'request.invalid',
        'reason',
      ],
      [
        'an empty reason',
        'supervisor.fso',
        'POST',
        () => '/cards',
        { unitId: 'agri', reason: '' },
        400,
        'request.invalid',
        'reason',
      ],
      [
        'an unknown field',
        'supervisor.fso',
        'POST',
        () => '/cards',
        { unitId: 'agri', reason: 'r', colour: 'red' },
        400,
        'request.invalid',
        'colour',
      ],
      ...(['handler.amr', 'head.amr', 'leader.gov'].map((user): Case => [
        `a card issued by ${user}`,
        user,
        'POST',
        () => '/cards',
        { unitId: 'agri', reason: 'r' },
        403,
        'auth.role-not-allowed',
        null,
      ]) satisfies Case[]),
      [
        'a lift by a handler',
        'handler.amr',
        'POST',
        () => `/cards/${township.id}/lift`,
        {},
        403,
        'auth.role-not-allowed',
        null,
      ],
      [
        'a lift by the unit handler',
        'handler.agri',
        'POST',
        () => `/cards/${township.id}/lift`,
        {},
        403,
        'auth.role-not-allowed',
        null,
      ],
      [
        'a malformed card id',
        'supervisor.fso',
        'GET',
        () => '/cards/nope',
        undefined,
        400,
        'request.invalid',
        'id',
      ],
      [
        'a step on a malformed card id',
        'supervisor.fso',
        'POST',
        () => '/cards/nope/withdraw',
        { reason: 'r' },
        400,
        'request.invalid',
        'id',
      ],
      [
        'an unknown card',
        'supervisor.fso',
        'GET',
        () => '/cards/KP-1999-000001',
        undefined,
        404,
        'card.not-found',
        null,
      ],
      [
        'a step on an unknown card',
        'supervisor.fso',
        'POST',
        () => '/cards/KP-1999-000001/withdraw',
        { reason: 'r' },
        404,
        'card.not-found',
        null,
      ],
      [
        'an unknown status on the board',
        'supervisor.fso',
        'GET',
        () => '/cards?status=closed',
        undefined,
        400,
        'request.invalid',
        'status',
      ],
      [
        'a malformed colour on the board',
        'supervisor.fso',
        'GET',
        () => '/cards?colour=Red!',
        undefined,
        400,
        'request.invalid',
        'colour',
      ],
      [
        'stats without a period',
        'supervisor.fso',
        'GET',
        () => '/cards/stats?from=2026-01-01T00:00:00Z',
        undefined,
        400,
        'request.invalid',
        'to',
      ],
      [
        'stats by an unknown count',
        'supervisor.fso',
        'GET',
        () => `/cards/stats?${STATS_PERIOD}&countBy=lowest`,
        undefined,
        400,
        'request.invalid',
        'countBy',
      ],
    ];

    // Every row has all eight values: a shorter row would make jest pass its `done` callback instead.
    it.each(cases)('%s', async (_name, user, method, path, body, status, code, errorPath) => {
      const before = await counts();
      const requestId = `card-board-${randomUUID()}`;
      const res = await system.request(method, path(), {
        token: await system.tokenFor(user),
        body,
        headers: { 'x-request-id': requestId },
      });
      expectProblem(res, status, code);
      if (errorPath) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(errorPath);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(await counts()).toEqual(before);
      // By design a refused privileged action (403) is itself ledgered, on the daily refusal chain only.
      const [refusals] = await db().query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE request_id = $1 AND case_type = 'refused-action'`,
        [requestId],
      );
      expect(refusals.n).toBe(status === 403 ? 1 : 0);
    });
  });

  describe('the board (GET /cards) and stats (GET /cards/stats)', () => {
    it('filters by colour, subject type and status (open by default)', async () => {
      const open = await board('limit=200');
      expect(open.items.every((c) => c.status === CardStatus.Open)).toBe(true);
      const openIds = open.items.map((c) => c.id);
      expect(openIds).toEqual(expect.arrayContaining([township.id, reraised.id]));
      expect(openIds).not.toContain(first.id); // lifted
      expect(openIds).not.toContain(second.id); // withdrawn
      expect(openIds).not.toContain(joined.id); // lifted
      expect(open.total).toBeGreaterThanOrEqual(2);

      const orange = await board('colour=orange&limit=200');
      expect(orange.items.every((c) => c.levels[c.levels.length - 1].colour === 'orange')).toBe(true);
      expect(orange.items.map((c) => c.id)).toContain(reraised.id);
      expect(orange.items.map((c) => c.id)).not.toContain(township.id);
      expect(await idsOn('colour=orange&status=withdrawn')).toContain(second.id);
      expect(await idsOn('colour=yellow&unitId=agri&status=lifted')).toEqual([first.id]);
      expect(await idsOn('colour=orange&unitId=agri&status=lifted')).toEqual([]);

      const manual = await board('subjectType=manual&limit=200');
      expect(manual.items.every((c) => c.subject.type === CardSubjectType.Manual)).toBe(true);
      expect(manual.items.map((c) => c.id)).toContain(township.id);
      expect(manual.items.map((c) => c.id)).not.toContain(reraised.id);
      expect(await idsOn('subjectType=manual&status=lifted')).toContain(first.id);
      expect(await idsOn('subjectType=lagging-indicator&status=lifted')).toContain(joined.id);

      const withdrawn = await board('status=withdrawn&limit=200');
      expect(withdrawn.items.every((c) => c.status === CardStatus.Withdrawn)).toBe(true);
      expect(withdrawn.items.map((c) => c.id)).toContain(second.id);
      expect(await idsOn('status=lifted')).toEqual(expect.arrayContaining([first.id, joined.id]));

      expect(await idsOn('unitId=agri')).toEqual([]); // both of agri's cards are closed
      expect(await idsOn('unitId=township-sample-2')).toEqual([township.id]);
    });

    it('pages newest first', async () => {
      const all = await board('status=lifted&limit=200');
      expect(all.items.length).toBeGreaterThanOrEqual(2);
      const page = await board('status=lifted&limit=1&offset=1');
      expect(page.items).toHaveLength(1);
      expect(page.items[0].id).toBe(all.items[1].id);
      expect(page.total).toBe(all.total);
      // The page says where it is, like every other list.
      expect(page).toMatchObject({ limit: 1, offset: 1 });
      const raisedAt = all.items.map((c) => Date.parse(c.levels[0].reachedAt));
      expect(raisedAt).toEqual([...raisedAt].sort((a, b) => b - a));
    });

    it("shows a handler only their own unit's cards", async () => {
      const own = await board('limit=200', handlerAmr);
      expect(own.items.every((c) => c.unitId === 'amr')).toBe(true);
      expect(own.items.map((c) => c.id)).toContain(reraised.id);
      expect(own.items.map((c) => c.id)).not.toContain(township.id);
      expect(await board('unitId=agri&status=lifted', handlerAmr)).toEqual({
        items: [],
        total: 0,
        totalCapped: false,
        limit: 50,
        offset: 0,
      });
      // q= finds a card by its number, within the caller's unit only.
      expect(await idsOn(`q=${reraised.id}`, handlerAmr)).toEqual([reraised.id]);
      expect(await idsOn(`q=${township.id}`, handlerAmr)).toEqual([]);
      expect(await idsOn(`q=${township.id}`)).toEqual([township.id]);
      expect(await idsOn('status=lifted', handlerAmr)).toContain(joined.id);
      expect(await idsOn('status=lifted', handlerAgri)).toEqual([first.id]);
      expect(await idsOn('status=withdrawn', handlerAgri)).toEqual([second.id]);
      const ownStats = await stats(STATS_PERIOD, handlerAmr);
      expect(ownStats.every((r) => r.unitId === 'amr')).toBe(true);
    });

    it('counts cards per unit and colour raised in the period, withdrawn ones left out: by highest colour or by starting colour', async () => {
      // agri: the lifted yellow card (a lifted card still counts), not the withdrawn orange one (撤销亮牌,
      // left out as in the bulletin and the annual score); township-sample-2: its yellow card.
      const expected: CardCount[] = [
        { unitId: 'agri', colour: 'yellow', cards: 1 },
        { unitId: 'township-sample-2', colour: 'yellow', cards: 1 },
      ];
      const sameUnits = (rows: CardCount[]) => rows.filter((r) => OWN_UNITS.includes(r.unitId));

      for (const query of [
        STATS_PERIOD,
        `${STATS_PERIOD}&countBy=highest`,
        `${STATS_PERIOD}&countBy=raised`,
      ]) {
        const rows = await stats(query);
        expect(rows).toEqual(expect.arrayContaining(expected));
        // No card of this file escalated during the test, so the highest colour is the starting colour.
        expect(sameUnits(rows)).toHaveLength(expected.length);
        for (const row of rows) expect(typeof row.cards).toBe('number');
        const amr = rows.filter((r) => r.unitId === 'amr').reduce((n, r) => n + r.cards, 0);
        expect(amr).toBeGreaterThanOrEqual(2); // the lifted card and the one raised again
      }

      const earlier = await stats('from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z');
      expect(sameUnits(earlier)).toEqual([]);
    });
  });

  describe('search attributes', () => {
    it("finds the unit's card workflows in Temporal by case type, unit and status", async () => {
      const client = system.api.get(Client);
      const list = async (query: string) => {
        const found: string[] = [];
        for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
        return found;
      };
      const wanted = [first, second].map((c) => cardWorkflowId('agri', c.subject));
      await eventually(async () => {
        expect(await list(`DubanCaseType = 'card' AND DubanUnit = 'agri'`)).toEqual(
          expect.arrayContaining(wanted),
        );
      }, 10_000);
      await eventually(async () => {
        const withdrawn = await list(
          `DubanCaseType = 'card' AND DubanUnit = 'agri' AND DubanStatus = 'withdrawn'`,
        );
        expect(withdrawn).toContain(wanted[1]);
        expect(withdrawn).not.toContain(wanted[0]);
      }, 10_000);
      const open = cardWorkflowId('township-sample-2', township.subject);
      // Bulletins made by other files, on databases of their own but this Temporal server, raise
      // lagging-indicator cards on the seed townships: the unit's other cards are this file's.
      const notOtherFilesBulletins = (ids: string[]) =>
        ids.filter((id) => !id.includes('/lagging-indicator/'));
      await eventually(async () => {
        expect(
          notOtherFilesBulletins(
            await list(`DubanCaseType = 'card' AND DubanStatus = 'open' AND DubanUnit = 'township-sample-2'`),
          ),
        ).toEqual([open]);
      }, 10_000);

      const described = await client.workflow.getHandle(wanted[0]).describe();
      expect(described.searchAttributes).toMatchObject({
        DubanCaseType: ['card'],
        DubanUnit: ['agri'],
        DubanStatus: ['lifted'],
        DubanCardColour: ['yellow'],
        DubanSubjectType: ['manual'],
      });
      expect(JSON.stringify(described.searchAttributes)).not.toContain(first.reason);
    });
  });

  describe('a card closed while its notifications are still being delivered', () => {
    it('is not joined by a later trigger: the same unit and subject gets a new card', async () => {
      // A receiver that is down keeps the raise notification retrying, so the card's workflow is still
      // running (draining deliveries) after the card is withdrawn.
      let hits = 0;
      const receiver = createServer((_req, res) => {
        hits++;
        res.statusCode = 503;
        res.end();
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const admin = await system.tokenFor('admin.fso');
      const unitId = 'township-sample-3';
      const hook = await system.request<{ id: string }>('POST', '/webhooks', {
        token: admin,
        body: {
          name: 'card-board: a receiver that is down',
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
          secret: 'card-board-secret-'.padEnd(40, 'x'),
          unitId,
        },
      });
      try {
        // Inside the try: a refused subscription must still close the receiver, or jest never exits.
        expect(hook.status).toBe(201);
        const raiser = system.api.get(CardRaiser);
        const subject: CardSubject = { type: CardSubjectType.LaggingIndicator, id: `IND-2-${randomUUID()}` };
        const card = await raiser.raise({ key: 'd1', unitId, subject, reason: 'r1', context: null });
        await eventually(() => expect(hits).toBeGreaterThan(0));
        const withdrawn = await system.request('POST', `/cards/${card.id}/withdraw`, {
          token: supervisor,
          body: { reason: '指标口径调整，撤销' },
        });
        expect(withdrawn.status).toBe(200);

        const next = await raiser.raise({ key: 'd2', unitId, subject, reason: 'r2', context: null });
        // Today the trigger is joined to the withdrawn card instead (status 'withdrawn', triggers d1, d2).
        expect(next).toMatchObject({ status: 'open', triggers: [{ key: 'd2' }] });
        expect(next.id).not.toBe(card.id);
        expect((await timeline(card.id)).map((e) => e.action)).toEqual(['raise', 'withdraw']);
        expect((await getCard(card.id)).body).toMatchObject({
          status: 'withdrawn',
          triggers: [{ key: 'd1' }],
        });
      } finally {
        if (hook.status === 201) {
          await system.request('POST', `/webhooks/${hook.body.id}/deactivate`, {
            token: admin,
            body: { reason: '测试结束' },
          });
        }
        receiver.closeAllConnections();
        await new Promise((resolve) => receiver.close(resolve));
      }
    });
  });
});
