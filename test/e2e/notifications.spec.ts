import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { Role } from '../../libs/contracts/src/identity.js';
import { NotificationKind, type NotifyRequest } from '../../libs/contracts/src/notification.contracts.js';
import { NotificationHandover } from '../../libs/notifications/src/notification-handover.js';
import { NotificationActivitiesService } from '../../libs/notifications/src/notification.activities.js';
import { WebhookChannel } from '../../libs/notifications/src/webhook.channel.js';
import { CaseSignals } from '../../libs/platform/src/temporal/case-signals.service.js';
import { freePort } from '../../libs/platform/src/embedded/free-port.js';
import { TestSystem } from '../helpers/test-system.js';

/** A webhook receiver on 127.0.0.1 that records every request and can be told to fail with 500. */
class Receiver {
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
  private readonly failures = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new Receiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        receiver.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const failing = receiver.failures.get(path) ?? 0;
        receiver.failures.set(path, Math.max(0, failing - 1));
        res.writeHead(failing > 0 ? 500 : 204).end();
      });
    });
    return receiver;
  }

  /** The next `count` requests to `path` get 500. */
  failNext(path: string, count: number): void {
    this.failures.set(path, count);
  }

  /** Requests that carried this notification key, to this path. */
  received(path: string, key: string) {
    return this.requests.filter((r) => r.path === path && r.headers['x-duban-delivery'] === key);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// Units and users of this file only, so counts never depend on what other test files write.
const UNIT_A = 'e2e-notify-a';
const UNIT_B = 'e2e-notify-b';
const USERS = [
  { id: 'e2e-notify.handler1.a', role: Role.Handler, unitId: UNIT_A, active: true },
  { id: 'e2e-notify.handler2.a', role: Role.Handler, unitId: UNIT_A, active: true },
  { id: 'e2e-notify.retired.a', role: Role.Handler, unitId: UNIT_A, active: false },
  { id: 'e2e-notify.head.a', role: Role.UnitHead, unitId: UNIT_A, active: true },
  { id: 'e2e-notify.handler.b', role: Role.Handler, unitId: UNIT_B, active: true },
  { id: 'e2e-notify.supervisor.b', role: Role.Supervisor, unitId: UNIT_B, active: true },
  { id: 'e2e-notify.supervisor.gone', role: Role.Supervisor, unitId: UNIT_A, active: false },
];
const SECRET = 'e2e-notify-secret-0123456789abcdef0123';

function notification(overrides: Partial<NotifyRequest> = {}): NotifyRequest {
  return {
    key: `e2e/${randomUUID()}`,
    kind: NotificationKind.Overdue,
    caseType: 'directive',
    caseId: 'DB-2026-990001',
    unitId: UNIT_A,
    audience: {},
    title: '督办通知已逾期',
    body: '请尽快办结。',
    occurredAt: '2026-11-28T03:15:00.000Z',
    requestId: 'req-e2e-notify',
    ...overrides,
  };
}

describe('notifications: the inbox and signed webhooks', () => {
  let system: TestSystem;
  let db: DataSource;
  let receiver: Receiver;
  let service: NotificationActivitiesService;
  let admin: string;
  let auditor: string;

  // The real activity class inside an activity context; `attempt` is what Temporal would pass on a retry.
  const inActivity = <T>(fn: (r: NotifyRequest) => Promise<T>, request: NotifyRequest, attempt = 1) =>
    new MockActivityEnvironment({ attempt }, { logger: new DefaultLogger('ERROR') }).run(fn, request);
  const notifyInbox = (request: NotifyRequest, attempt?: number) =>
    inActivity((r) => service.notifyInbox(r), request, attempt);
  const deliverOutbound = (request: NotifyRequest, attempt?: number) =>
    inActivity((r) => service.deliverOutbound(r), request, attempt);

  const recipientsOf = async (key: string) =>
    (
      await db.query<Array<{ recipient_id: string }>>(
        `SELECT recipient_id FROM notification WHERE key = $1 ORDER BY recipient_id`,
        [key],
      )
    ).map((r) => r.recipient_id);

  const subscribe = async (path: string, body: Record<string, unknown> = {}) => {
    const res = await system.request('POST', '/webhooks', {
      token: admin,
      body: { name: `e2e-notify ${path}`, url: `${receiver.baseUrl}${path}`, secret: SECRET, ...body },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    db = system.api.get(DataSource);
    const channels = [new WebhookChannel(db)];
    service = new NotificationActivitiesService(
      db,
      channels,
      new NotificationHandover(channels, system.api.get(CaseSignals)),
    );
    receiver = await Receiver.start();
    // Not townships: the e2e files share one database, and every township is asked for the monthly
    // reports of the actions it coordinates (reporting-cycles.spec counts them).
    for (const unit of [UNIT_A, UNIT_B]) {
      await db.query(
        `INSERT INTO unit (id, name_zh, name_en, kind) VALUES ($1, $1, $1, 'external') ON CONFLICT DO NOTHING`,
        [unit],
      );
    }
    for (const u of USERS) {
      await db.query(
        `INSERT INTO app_user (id, display_name, role, unit_id, active) VALUES ($1, $1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [u.id, u.role, u.unitId, u.active],
      );
    }
    admin = await system.tokenFor('admin.fso');
    auditor = await system.tokenFor('auditor.discipline');
  });
  // Subscriptions match every notification of their kind and unit: none may outlive its test.
  afterEach(() => db.query(`UPDATE webhook_subscription SET active = false WHERE name LIKE 'e2e-notify %'`));
  afterAll(async () => {
    await receiver.close();
    await system.stop();
  });

  describe('the inbox', () => {
    it('fans out to every active holder of a role within a unit', async () => {
      const request = notification({ audience: { roles: [{ role: Role.Handler, unitId: UNIT_A }] } });
      await expect(notifyInbox(request)).resolves.toEqual({ recipients: 2 });
      expect(await recipientsOf(request.key)).toEqual(['e2e-notify.handler1.a', 'e2e-notify.handler2.a']);
    });

    it('fans out to every active supervisor county-wide, and to named users, once each', async () => {
      const request = notification({
        audience: {
          roles: [{ role: Role.Supervisor }],
          userIds: ['e2e-notify.head.a', 'supervisor.fso', 'e2e-notify.retired.a'],
        },
      });
      const supervisors = (
        await db.query<Array<{ id: string }>>(`SELECT id FROM app_user WHERE role = 'supervisor' AND active`)
      ).map((u) => u.id);
      const expected = [...supervisors, 'e2e-notify.head.a'].sort();
      expect(expected).toEqual(expect.arrayContaining(['supervisor.fso', 'e2e-notify.supervisor.b']));
      await expect(notifyInbox(request)).resolves.toEqual({ recipients: expected.length });
      expect(await recipientsOf(request.key)).toEqual(expected);
    });

    it('writes nothing twice when the activity is retried', async () => {
      const request = notification({
        audience: {
          roles: [
            { role: Role.Handler, unitId: UNIT_A },
            { role: Role.UnitHead, unitId: UNIT_A },
          ],
        },
      });
      await expect(notifyInbox(request, 1)).resolves.toEqual({ recipients: 3 });
      const first = await db.query(`SELECT id, recipient_id FROM notification WHERE key = $1 ORDER BY id`, [
        request.key,
      ]);
      await expect(notifyInbox(request, 2)).resolves.toEqual({ recipients: 3 });
      expect(
        await db.query(`SELECT id, recipient_id FROM notification WHERE key = $1 ORDER BY id`, [request.key]),
      ).toEqual(first);
    });

    it("lists, pages, filters and marks the caller's own notifications only", async () => {
      const mine = ['DB-2026-990011', 'DB-2026-990012', 'DB-2026-990013'];
      for (const caseId of mine) {
        await notifyInbox(notification({ caseId, audience: { userIds: ['e2e-notify.handler.b'] } }));
      }
      const other = notification({ caseId: 'DB-2026-990019', audience: { userIds: ['e2e-notify.head.a'] } });
      await notifyInbox(other);
      const [{ id: othersId }] = await db.query<Array<{ id: string }>>(
        `SELECT id FROM notification WHERE key = $1`,
        [other.key],
      );
      const token = await system.tokenForActor({
        userId: 'e2e-notify.handler.b',
        role: Role.Handler,
        unitId: UNIT_B,
      });

      const all = await system.request('GET', '/me/notifications', { token });
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 3, unread: 3 });
      expect(all.body.items.map((n: { caseId: string }) => n.caseId)).toEqual([...mine].reverse());
      expect(all.body.items[0]).toMatchObject({ kind: 'overdue', unitId: UNIT_A, readAt: null });

      const page = await system.request('GET', '/me/notifications?limit=2&offset=2', { token });
      expect(page.body.total).toBe(3);
      expect(page.body.items.map((n: { caseId: string }) => n.caseId)).toEqual([mine[0]]);

      // By kind: the total is of that kind, the unread count of the whole inbox.
      const overdue = await system.request('GET', '/me/notifications?kind=overdue&limit=1', { token });
      expect(overdue.body).toMatchObject({ total: 3, unread: 3 });
      const escalations = await system.request('GET', '/me/notifications?kind=escalation', { token });
      expect(escalations.body).toEqual({ items: [], total: 0, unread: 3 });
      const unknownKind = await system.request('GET', '/me/notifications?kind=urgent', { token });
      expect(unknownKind.status).toBe(400);

      const newest = all.body.items[0].id as string;
      const read = await system.request('POST', `/me/notifications/${newest}/read`, { token });
      expect(read.status).toBe(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      const again = await system.request('POST', `/me/notifications/${newest}/read`, { token });
      expect(again.body.readAt).toBe(read.body.readAt);

      const unread = await system.request('GET', '/me/notifications?unread=true', { token });
      expect(unread.body).toMatchObject({ total: 2, unread: 2 });
      expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(newest);

      const foreign = await system.request('POST', `/me/notifications/${othersId}/read`, { token });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('notification.not-found');
      expect(await db.query(`SELECT read_at FROM notification WHERE id = $1`, [othersId])).toEqual([
        { read_at: null },
      ]);

      const all2 = await system.request('POST', '/me/notifications/read-all', { token });
      expect(all2).toMatchObject({ status: 200, body: { marked: 2 } });
      expect((await system.request('GET', '/me/notifications?unread=true', { token })).body).toMatchObject({
        total: 0,
        unread: 0,
        items: [],
      });
      const othersInbox = await system.request('GET', '/me/notifications?unread=true', {
        token: await system.tokenForActor({
          userId: 'e2e-notify.head.a',
          role: Role.UnitHead,
          unitId: UNIT_A,
        }),
      });
      expect(othersInbox.body.items.map((n: { id: string }) => n.id)).toContain(othersId);
    });

    it('answers bad inbox input with the field at fault, and no token with 401', async () => {
      const token = await system.tokenFor('handler.amr');
      const badId = await system.request('POST', '/me/notifications/not-a-uuid/read', { token });
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0].path).toBe('id');
      const badFilter = await system.request('GET', '/me/notifications?unread=maybe&limit=500', { token });
      expect(badFilter.status).toBe(400);
      expect(new Set(badFilter.body.errors.map((e: { path: string }) => e.path))).toEqual(
        new Set(['unread', 'limit']),
      );
      expect((await system.request('GET', '/me/notifications')).status).toBe(401);
    });
  });

  describe('webhook administration', () => {
    it('is for administrators; auditors may read the delivery log', async () => {
      const supervisor = await system.tokenFor('supervisor.fso');
      const body = { name: 'e2e-notify denied', url: `${receiver.baseUrl}/denied`, secret: SECRET };
      expect((await system.request('POST', '/webhooks', { token: supervisor, body })).status).toBe(403);
      expect((await system.request('GET', '/webhooks', { token: supervisor })).status).toBe(403);
      expect((await system.request('GET', '/webhooks', { token: auditor })).status).toBe(403);
      const { id } = await subscribe('/admin');
      const deactivation = { token: supervisor, body: { reason: '对接停止' } };
      expect((await system.request('POST', `/webhooks/${id}/deactivate`, deactivation)).status).toBe(403);
      expect((await system.request('GET', `/webhooks/${id}/deliveries`, { token: auditor })).status).toBe(
        200,
      );
      const handler = await system.tokenFor('handler.amr');
      expect((await system.request('GET', `/webhooks/${id}/deliveries`, { token: handler })).status).toBe(
        403,
      );
    });

    it('never returns the secret', async () => {
      const created = await system.request('POST', '/webhooks', {
        token: admin,
        body: {
          name: 'e2e-notify secretive',
          url: `${receiver.baseUrl}/secretive`,
          secret: SECRET,
          kinds: ['overdue', 'escalation'],
          unitId: UNIT_A,
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'e2e-notify secretive',
        url: `${receiver.baseUrl}/secretive`,
        kinds: ['overdue', 'escalation'],
        unitId: UNIT_A,
        active: true,
        createdBy: 'admin.fso',
        createdAt: expect.any(String),
      });
      const list = await system.request('GET', '/webhooks', { token: admin });
      expect(list.body.map((s: { id: string }) => s.id)).toContain(created.body.id);
      expect(JSON.stringify(list.body)).not.toContain(SECRET);
      expect(JSON.stringify(list.body)).not.toContain('"secret"');
    });

    it.each([
      ['a URL of another scheme', { url: 'ftp://hooks.example/duban' }, 'url', 'request.invalid'],
      ['text that is no URL', { url: 'not a url' }, 'url', 'request.invalid'],
      ['a URL with credentials', { url: 'https://user:pw@hooks.example/' }, 'url', 'request.invalid'],
      ['a short secret', { secret: 'too-short' }, 'secret', 'request.invalid'],
      ['an unknown kind', { kinds: ['overdue', 'gossip'] }, 'kinds', 'request.invalid'],
      ['an unknown unit', { unitId: 'no-such-unit' }, 'unitId', 'identity.unknown-unit'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_name, change, path, code) => {
      const count = async () =>
        (await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM webhook_subscription`))[0].n;
      const before = await count();
      const res = await system.request('POST', '/webhooks', {
        token: admin,
        body: { name: 'e2e-notify bad', url: `${receiver.baseUrl}/bad`, secret: SECRET, ...change },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code, errors: [expect.objectContaining({ path })] });
      expect(await count()).toBe(before);
    });

    it('reads a null unit as every unit, like an omitted one', async () => {
      const res = await system.request('POST', '/webhooks', {
        token: admin,
        body: {
          name: 'e2e-notify every unit',
          url: `${receiver.baseUrl}/every`,
          secret: SECRET,
          unitId: null,
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ unitId: null, active: true });
      // It would receive every notification the other tests count: stopped at once.
      const stopped = await system.request('POST', `/webhooks/${res.body.id}/deactivate`, {
        token: admin,
        body: { reason: '测试结束' },
      });
      expect(stopped.body).toMatchObject({ active: false });
    });

    /** The identity chain's entries about one subscription, oldest first. */
    const chainEntriesOf = (id: string) =>
      db.query<
        Array<{ case_id: string; action: string; actor_id: string; reason: string | null; state_after: any }>
      >(
        `SELECT case_id, action, actor_id, reason, state_after FROM ledger_entry
         WHERE case_type = 'identity' AND state_after->>'subject' = $1 ORDER BY occurred_at, sequence`,
        [`webhook/${id}`],
      );

    it('puts the subscription and its deactivation with the reason on the identity chain, never its secret or its URL path', async () => {
      const { id } = await subscribe('/chained?token=receiver-token', { name: 'e2e-notify chained' });
      const deactivated = await system.request('POST', `/webhooks/${id}/deactivate`, {
        token: admin,
        body: { reason: '县政务平台停用旧接口' },
      });
      expect(deactivated).toMatchObject({ status: 200, body: { id, active: false } });
      const entries = await chainEntriesOf(id);
      const facts = { name: 'e2e-notify chained', receiver: receiver.baseUrl };
      expect(entries).toMatchObject([
        {
          action: 'webhook.created',
          actor_id: 'admin.fso',
          reason: null,
          state_after: { subject: `webhook/${id}`, ...facts, kinds: [], unitId: null, active: true },
        },
        {
          action: 'webhook.deactivated',
          actor_id: 'admin.fso',
          reason: '县政务平台停用旧接口',
          state_after: { subject: `webhook/${id}`, ...facts, active: false },
        },
      ]);
      expect(JSON.stringify(entries)).not.toContain(SECRET);
      expect(JSON.stringify(entries)).not.toContain('receiver-token');
      for (const chain of new Set(entries.map((e) => e.case_id))) {
        const [kind, day] = chain.split('/');
        const read = await system.request('GET', `/audit/chains/${kind}/${day}`, { token: auditor });
        expect(read).toMatchObject({ status: 200, body: { verdict: { intact: true } } });
      }
    });

    it('deactivates with a reason, keeping the subscription listed and recording a second deactivation as nothing; refuses no reason and an unknown one', async () => {
      const { id } = await subscribe('/deleted');
      const deactivate = (target: string, body: Record<string, unknown>) =>
        system.request('POST', `/webhooks/${target}/deactivate`, { token: admin, body });
      const noReason = await deactivate(id, {});
      expect(noReason).toMatchObject({
        status: 400,
        body: {
          code: 'request.invalid',
          errors: expect.arrayContaining([expect.objectContaining({ path: 'reason' })]),
        },
      });
      expect(await deactivate(id, { reason: '接收系统下线' })).toMatchObject({
        status: 200,
        body: { id, active: false },
      });
      expect(await deactivate(id, { reason: '再次停用' })).toMatchObject({
        status: 200,
        body: { id, active: false },
      });
      expect((await chainEntriesOf(id)).map((e) => e.action)).toEqual([
        'webhook.created',
        'webhook.deactivated',
      ]);
      const list = await system.request('GET', '/webhooks', { token: admin });
      expect(list.body.find((s: { id: string }) => s.id === id)).toMatchObject({ active: false });
      const request = notification();
      await expect(deliverOutbound(request)).resolves.toEqual({ delivered: 0 });
      expect(receiver.received('/deleted', request.key)).toHaveLength(0);
      const unknown = await deactivate(randomUUID(), { reason: '接收系统下线' });
      expect(unknown).toMatchObject({ status: 404, body: { code: 'notification.webhook-not-found' } });
    });
  });

  describe('webhook delivery', () => {
    it('signs each delivery so that the receiver can verify it with the secret and the timestamp', async () => {
      await subscribe('/signed', { unitId: UNIT_A });
      const request = notification({ kind: NotificationKind.Escalation });
      await expect(deliverOutbound(request)).resolves.toEqual({ delivered: 1 });
      const [received] = receiver.received('/signed', request.key);
      const timestamp = Number(received.headers['x-duban-timestamp']);
      expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(60);
      const expected = createHmac('sha256', SECRET).update(`${timestamp}.${received.body}`).digest('hex');
      expect(received.headers).toMatchObject({
        'content-type': 'application/json',
        'x-duban-event': 'escalation',
        'x-duban-delivery': request.key,
        'x-duban-signature': `sha256=${expected}`,
      });
      const forged = createHmac('sha256', 'another-secret').update(`${timestamp}.${received.body}`);
      expect(received.headers['x-duban-signature']).not.toBe(`sha256=${forged.digest('hex')}`);
      expect(JSON.parse(received.body)).toEqual({
        id: request.key,
        kind: 'escalation',
        caseType: 'directive',
        caseId: request.caseId,
        unitId: UNIT_A,
        title: request.title,
        body: request.body,
        occurredAt: request.occurredAt,
      });
      // A second run (a retry after a lost completion) finds it delivered and sends nothing.
      await expect(deliverOutbound(request, 2)).resolves.toEqual({ delivered: 1 });
      expect(receiver.received('/signed', request.key)).toHaveLength(1);
    });

    it('sends a subscription limited to a kind or a unit only what matches', async () => {
      await subscribe('/kind', { kinds: ['escalation'] });
      await subscribe('/unit', { unitId: UNIT_B });
      await subscribe('/both', { kinds: ['overdue'], unitId: UNIT_A });
      const cases = [
        [NotificationKind.Escalation, UNIT_A, ['/kind']],
        [NotificationKind.Overdue, UNIT_A, ['/both']],
        [NotificationKind.Reminder, UNIT_B, ['/unit']],
        [NotificationKind.Escalation, UNIT_B, ['/kind', '/unit']],
        [NotificationKind.Closed, UNIT_A, []],
      ] as const;
      for (const [kind, unitId, paths] of cases) {
        const request = notification({ kind, unitId });
        await expect(deliverOutbound(request)).resolves.toEqual({ delivered: paths.length });
        const reached = ['/kind', '/unit', '/both'].filter(
          (p) => receiver.received(p, request.key).length > 0,
        );
        expect({ kind, unitId, reached }).toEqual({ kind, unitId, reached: [...paths] });
      }
    });

    it('fails while a receiver fails, logs the attempt, and on retry delivers only to the failed one', async () => {
      const ok = await subscribe('/ok', { unitId: UNIT_A });
      const flaky = await subscribe('/flaky', { unitId: UNIT_A });
      receiver.failNext('/flaky', 1);
      const request = notification();

      const failure = await deliverOutbound(request, 1).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).toMatchObject({ type: 'notification.outbound-failed', nonRetryable: false });
      expect((failure as Error).message).toContain('"e2e-notify /flaky"');
      expect((failure as Error).message).not.toContain('"e2e-notify /ok"');
      expect(receiver.received('/ok', request.key)).toHaveLength(1);
      expect(receiver.received('/flaky', request.key)).toHaveLength(1);
      const log = await system.request('GET', `/webhooks/${flaky.id}/deliveries`, { token: auditor });
      expect(log.body).toMatchObject({
        total: 1,
        items: [
          {
            key: request.key,
            status: 'failed',
            attempts: 1,
            lastStatusCode: 500,
            lastError: 'HTTP 500',
            deliveredAt: null,
            history: [{ attempt: 1, statusCode: 500, error: 'HTTP 500' }],
          },
        ],
      });

      await expect(deliverOutbound(request, 2)).resolves.toEqual({ delivered: 2 });
      expect(receiver.received('/ok', request.key)).toHaveLength(1);
      expect(receiver.received('/flaky', request.key)).toHaveLength(2);
      const after = await system.request('GET', `/webhooks/${flaky.id}/deliveries`, { token: auditor });
      expect(after.body.items[0]).toMatchObject({
        status: 'delivered',
        attempts: 2,
        lastStatusCode: 204,
        lastError: null,
        deliveredAt: expect.any(String),
        history: [
          { attempt: 1, statusCode: 500, error: 'HTTP 500' },
          { attempt: 2, statusCode: 204, error: null },
        ],
      });
      expect(after.body.items[0].history[1].durationMs).toEqual(expect.any(Number));
      const okLog = await system.request('GET', `/webhooks/${ok.id}/deliveries`, { token: admin });
      expect(okLog.body.items[0]).toMatchObject({
        status: 'delivered',
        attempts: 1,
        history: [{ attempt: 1, statusCode: 204 }],
      });
    });

    it('records an unreachable receiver as a failed attempt with the cause', async () => {
      const port = await freePort();
      const created = await system.request('POST', '/webhooks', {
        token: admin,
        body: {
          name: 'e2e-notify unreachable',
          url: `http://127.0.0.1:${port}/hook`,
          secret: SECRET,
          unitId: UNIT_B,
        },
      });
      const request = notification({ unitId: UNIT_B });
      await expect(deliverOutbound(request)).rejects.toMatchObject({ type: 'notification.outbound-failed' });
      const log = await system.request('GET', `/webhooks/${created.body.id}/deliveries`, { token: admin });
      expect(log.body.items[0]).toMatchObject({
        status: 'failed',
        lastStatusCode: null,
        lastError: 'connection failed (ECONNREFUSED)',
        history: [{ attempt: 1, statusCode: null, error: 'connection failed (ECONNREFUSED)' }],
      });
    });

    it('sends an administrator’s test message signed like a delivery, says what the receiver answered, and logs no delivery', async () => {
      const { id } = await subscribe('/test', { unitId: UNIT_A });
      const test = (target: string, token = admin) =>
        system.request('POST', `/webhooks/${target}/test`, { token, body: {} });

      const sent = await test(id);
      expect(sent).toMatchObject({
        status: 200,
        body: { delivered: true, statusCode: 204, error: null, durationMs: expect.any(Number) },
      });
      const [received] = receiver.received('/test', sent.body.delivery);
      const timestamp = String(received.headers['x-duban-timestamp']);
      const signature = createHmac('sha256', SECRET).update(`${timestamp}.${received.body}`).digest('hex');
      expect(received.headers).toMatchObject({
        'x-duban-event': 'test',
        'x-duban-signature': `sha256=${signature}`,
      });
      expect(JSON.parse(received.body)).toMatchObject({
        id: sent.body.delivery,
        kind: 'test',
        caseType: '',
        caseId: '',
        unitId: UNIT_A,
      });

      receiver.failNext('/test', 1);
      expect((await test(id)).body).toMatchObject({ delivered: false, statusCode: 500, error: 'HTTP 500' });
      const log = await system.request('GET', `/webhooks/${id}/deliveries`, { token: admin });
      expect(log.body).toMatchObject({ total: 0, items: [] });

      // A port fetch refuses outright is said as such, not as "fetch failed".
      const refusedPort = await system.request('POST', '/webhooks', {
        token: admin,
        body: { name: 'e2e-notify port 9', url: 'http://127.0.0.1:9/hook', secret: SECRET, unitId: UNIT_B },
      });
      expect((await test(refusedPort.body.id)).body).toMatchObject({
        delivered: false,
        statusCode: null,
        error: 'port not allowed',
      });

      // Administrators only; an unknown or stopped subscription is said so.
      expect((await test(id, auditor)).status).toBe(403);
      expect((await test(randomUUID())).body).toMatchObject({ code: 'notification.webhook-not-found' });
      await system.request('POST', `/webhooks/${id}/deactivate`, {
        token: admin,
        body: { reason: '测试完毕' },
      });
      expect(await test(id)).toMatchObject({ status: 409, body: { code: 'notification.webhook-inactive' } });
    });
  });
});
