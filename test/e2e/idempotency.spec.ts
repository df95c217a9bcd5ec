import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { IdempotencyService } from '../../libs/platform/src/idempotency/idempotency.service.js';
import { DirectivesService } from '../../libs/directives/src/directives.service.js';
import { eventually } from '../helpers/eventually.js';
import { TestSystem, type HttpResult } from '../helpers/test-system.js';

describe('Idempotency-Key: a repeated request gets the same response and changes nothing twice', () => {
  let system: TestSystem;
  let supervisor: string;
  let admin: string;
  let handler: string;
  let otherUnitHandler: string;

  const newKey = () => `e2e-${randomUUID()}`;
  // A unique title per directive lets a test count its own rows while other files share the database.
  const newDirective = () => ({
    title: `idem-${randomUUID()}`,
    body: '请于本周完成自查',
    assigneeUnitId: 'amr',
  });
  const withKey = (key: string) => ({ 'idempotency-key': key });
  const issueWithKey = (directive: ReturnType<typeof newDirective>, key: string) =>
    system.request('POST', '/directives', { token: supervisor, body: directive, headers: withKey(key) });
  /** The next directive fails on our side (a 500), as a crash in the middle of the request would. */
  const failIssuingOnce = () =>
    jest
      .spyOn(system.api.get(DirectivesService), 'issue')
      .mockRejectedValueOnce(new Error('simulated failure'));
  const directivesTitled = async (title: string): Promise<number> => {
    const [row] = await system.api
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM directive WHERE title = $1`, [title]);
    return (row as { n: number }).n;
  };
  const ledgerActions = async (id: string): Promise<string[]> => {
    const ledger = await system.request('GET', `/directives/${id}/ledger`, { token: supervisor });
    expect(ledger.status).toBe(200);
    return (ledger.body as Array<{ action: string }>).map((e) => e.action);
  };
  const replayed = (res: HttpResult) => res.headers.get('idempotent-replayed');
  /** Settling a key (storing its answer or freeing it) fails, once or every time, as with the database down. */
  const settlingFails = (step: 'complete' | 'release', every = false) => {
    const spy = jest.spyOn(system.api.get(IdempotencyService), step);
    const down = new Error('the database is down');
    return every ? spy.mockRejectedValue(down) : spy.mockRejectedValueOnce(down);
  };

  const engineWait = process.env.ENGINE_WAIT_SECONDS;
  beforeAll(async () => {
    // Short enough for the engine.busy test below to see it; long enough for every other step here.
    process.env.ENGINE_WAIT_SECONDS = '5';
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    admin = await system.tokenFor('admin.fso');
    handler = await system.tokenFor('handler.amr');
    otherUnitHandler = await system.tokenFor('handler.agri');
  });
  afterAll(async () => {
    await system.stop();
    if (engineWait === undefined) delete process.env.ENGINE_WAIT_SECONDS;
    else process.env.ENGINE_WAIT_SECONDS = engineWait;
  });

  it('replays an issue and an acknowledgement: same status and body, one directive, one ledger entry per step', async () => {
    const directive = newDirective();
    const issueKey = newKey();
    const first = await system.request('POST', '/directives', {
      token: supervisor,
      body: directive,
      headers: withKey(issueKey),
    });
    expect(first.status).toBe(201);
    expect(replayed(first)).toBeNull();

    const again = await system.request('POST', '/directives', {
      token: supervisor,
      body: directive,
      headers: withKey(issueKey),
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(replayed(again)).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/json');
    expect(again.headers.get('x-request-id')).toBeTruthy();
    expect(await directivesTitled(directive.title)).toBe(1);

    const id: string = first.body.id;
    const ackKey = newKey();
    const ack = await system.request('POST', `/directives/${id}/acknowledge`, {
      token: handler,
      body: { note: '已收到' },
      headers: withKey(ackKey),
    });
    expect(ack.status).toBe(200);
    // Run again, the step would be refused (409, already acknowledged): the replay runs nothing.
    const ackAgain = await system.request('POST', `/directives/${id}/acknowledge`, {
      token: handler,
      body: { note: '已收到' },
      headers: withKey(ackKey),
    });
    expect(ackAgain.status).toBe(200);
    expect(ackAgain.body).toEqual(ack.body);
    expect(replayed(ackAgain)).toBe('true');
    expect(await ledgerActions(id)).toEqual(['issue', 'acknowledge']);
  });

  it('takes a step once when its answer was lost and the retry runs again (the Update id comes from the key)', async () => {
    const issued = await system.request('POST', '/directives', { token: supervisor, body: newDirective() });
    expect(issued.status).toBe(201);
    const id: string = issued.body.id;
    const key = newKey();
    const ack = await system.request('POST', `/directives/${id}/acknowledge`, {
      token: handler,
      body: { note: '已收到' },
      headers: withKey(key),
    });
    expect(ack.status).toBe(200);
    // As after a 5xx (Temporal restarting while the step was in flight): the key is free again.
    await system.api.get(DataSource).query(`DELETE FROM idempotency_record WHERE key = $1`, [key]);

    const retried = await system.request('POST', `/directives/${id}/acknowledge`, {
      token: handler,
      body: { note: '已收到' },
      headers: withKey(key),
    });
    expect(retried.status).toBe(200);
    expect(replayed(retried)).toBeNull();
    expect(retried.body).toEqual(ack.body);
    expect(await ledgerActions(id)).toEqual(['issue', 'acknowledge']);
  });

  it('answers 503 engine.busy when the engine does not answer in time, and the retry with the key takes the step once', async () => {
    const issued = await system.request('POST', '/directives', { token: supervisor, body: newDirective() });
    expect(issued.status).toBe(201);
    const id: string = issued.body.id;
    const key = newKey();
    // No worker: the step is accepted by Temporal but nothing can take it, as behind a long burst.
    await system.stopWorker();
    try {
      const busy = await system.request('POST', `/directives/${id}/acknowledge`, {
        token: handler,
        body: { note: '已收到' },
        headers: withKey(key),
      });
      expect(busy.status).toBe(503);
      expect(busy.body).toMatchObject({ code: 'engine.busy' });
    } finally {
      await system.startWorker();
    }
    // The step was taken once the worker came back; the retry with the same key gets its result.
    await eventually(async () => {
      const retried = await system.request('POST', `/directives/${id}/acknowledge`, {
        token: handler,
        body: { note: '已收到' },
        headers: withKey(key),
      });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id, status: 'acknowledged' });
    }, 60_000);
    expect(await ledgerActions(id)).toEqual(['issue', 'acknowledge']);
  });

  it('refuses the same key with a different request (422) and keeps the first response', async () => {
    const directive = newDirective();
    const key = newKey();
    const first = await issueWithKey(directive, key);
    expect(first.status).toBe(201);

    const other = newDirective();
    const reused = await system.request('POST', '/directives', {
      token: supervisor,
      body: other,
      headers: withKey(key),
    });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body).toMatchObject({
      status: 422,
      code: 'idempotency.key-reused',
      type: 'https://duban.example/problems/idempotency.key-reused',
    });
    expect(await directivesTitled(other.title)).toBe(0);

    const replay = await issueWithKey(directive, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
  });

  it('keeps the keys of different users apart', async () => {
    const directive = newDirective();
    const key = newKey();
    const bySupervisor = await issueWithKey(directive, key);
    const byAdmin = await system.request('POST', '/directives', {
      token: admin,
      body: directive,
      headers: withKey(key),
    });
    expect([bySupervisor.status, byAdmin.status]).toEqual([201, 201]);
    expect([replayed(bySupervisor), replayed(byAdmin)]).toEqual([null, null]);
    expect(byAdmin.body.id).not.toBe(bySupervisor.body.id);
    expect(await directivesTitled(directive.title)).toBe(2);
  });

  it('runs only one of two concurrent requests with the same key', async () => {
    const directive = newDirective();
    const key = newKey();
    const send = () =>
      system.request('POST', '/directives', { token: supervisor, body: directive, headers: withKey(key) });
    const results = await Promise.all([send(), send()]);

    const executed = results.filter((r) => r.status === 201 && replayed(r) === null);
    expect(executed).toHaveLength(1);
    const [other] = results.filter((r) => r !== executed[0]);
    if (other.status === 409) {
      expect(other.body).toMatchObject({ code: 'idempotency.in-progress' });
    } else {
      expect(other.status).toBe(201);
      expect(replayed(other)).toBe('true');
      expect(other.body).toEqual(executed[0].body);
    }
    expect(await directivesTitled(directive.title)).toBe(1);
    expect(await ledgerActions(executed[0].body.id)).toEqual(['issue']);

    const later = await send();
    expect(later.status).toBe(201);
    expect(replayed(later)).toBe('true');
    expect(later.body).toEqual(executed[0].body);
  });

  it('replays a 4xx outcome too, without the request id of the first answer', async () => {
    const issued = await system.request('POST', '/directives', { token: supervisor, body: newDirective() });
    const id: string = issued.body.id;
    const key = newKey();
    const ackByOtherUnit = () =>
      system.request('POST', `/directives/${id}/acknowledge`, {
        token: otherUnitHandler,
        body: {},
        headers: withKey(key),
      });
    const first = await ackByOtherUnit();
    expect(first.status).toBe(404);
    const again = await ackByOtherUnit();
    expect(again.status).toBe(404);
    expect(replayed(again)).toBe('true');
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const { requestId, ...problem } = first.body;
    expect(requestId).toEqual(expect.any(String));
    expect(again.body).toEqual(problem);
    expect(again.body).toMatchObject({
      code: 'directive.not-found',
      instance: `/directives/${id}/acknowledge`,
    });

    const invalid = { title: 42, body: 'b', assigneeUnitId: 'amr' };
    const invalidKey = newKey();
    const bad = await system.request('POST', '/directives', {
      token: supervisor,
      body: invalid,
      headers: withKey(invalidKey),
    });
    expect(bad.status).toBe(400);
    const badAgain = await system.request('POST', '/directives', {
      token: supervisor,
      body: invalid,
      headers: withKey(invalidKey),
    });
    expect(badAgain.status).toBe(400);
    expect(replayed(badAgain)).toBe('true');
    expect(bad.body).toEqual({ ...badAgain.body, requestId: expect.any(String) });
    expect(badAgain.body).toMatchObject({ status: 400, code: 'request.invalid' });
    expect(await ledgerActions(id)).toEqual(['issue']);
  });

  it('frees the key after a 5xx, so that the retry runs', async () => {
    const directive = newDirective();
    const key = newKey();
    const issue = failIssuingOnce();
    try {
      const failed = await issueWithKey(directive, key);
      expect(failed.status).toBe(500);
      const retried = await issueWithKey(directive, key);
      expect(retried.status).toBe(201);
      expect(replayed(retried)).toBeNull();
      expect(await directivesTitled(directive.title)).toBe(1);
    } finally {
      issue.mockRestore();
    }
  });

  it('frees the key as soon as the database is back when its request could not, so that the retry runs', async () => {
    const directive = newDirective();
    const key = newKey();
    // The request fails on our side and, the database gone for a moment, cannot free its key at once.
    const issue = failIssuingOnce();
    const release = settlingFails('release');
    try {
      expect((await issueWithKey(directive, key)).status).toBe(500);
      const blocked = await issueWithKey(directive, key);
      expect(blocked.body).toMatchObject({ status: 409, code: 'idempotency.in-progress' });
      // Tried again every SETTLE_RETRY_MS: well before the lease (10 s here) ends, the retry runs.
      await eventually(async () => {
        const retried = await issueWithKey(directive, key);
        expect(retried.status).toBe(201);
      }, 5_000);
      expect(release.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(await directivesTitled(directive.title)).toBe(1);
    } finally {
      issue.mockRestore();
      release.mockRestore();
    }
  });

  it('stores an answer it could not store at once, so that the retry gets it instead of a second run', async () => {
    const directive = newDirective();
    const key = newKey();
    const complete = settlingFails('complete');
    try {
      const first = await issueWithKey(directive, key);
      expect(first.status).toBe(201);
      await eventually(async () => {
        const retried = await issueWithKey(directive, key);
        expect({ status: retried.status, replayed: replayed(retried) }).toEqual({
          status: 201,
          replayed: 'true',
        });
        expect(retried.body).toEqual(first.body);
      }, 5_000);
      expect(await directivesTitled(directive.title)).toBe(1);
    } finally {
      complete.mockRestore();
    }
  });

  it('lets the retry run once the lease of a claim its request could not settle has passed', async () => {
    const directive = newDirective();
    const key = newKey();
    const db = system.api.get(DataSource);
    // The request fails on our side and, the database gone for the whole lease, cannot free its key.
    const issue = failIssuingOnce();
    const release = settlingFails('release', true);
    try {
      const failed = await issueWithKey(directive, key);
      expect(failed.status).toBe(500);
      const blocked = await issueWithKey(directive, key);
      expect(blocked.body).toMatchObject({ status: 409, code: 'idempotency.in-progress' });
      // The claim's lease is twice ENGINE_WAIT_SECONDS (5 s here), not the key's day.
      const [claim]: Array<{ lease: number }> = await db.query(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS lease FROM idempotency_record
         WHERE user_id = $1 AND key = $2`,
        ['supervisor.fso', key],
      );
      expect(claim.lease).toBe(10);
      await db.query(
        `UPDATE idempotency_record SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`,
        ['supervisor.fso', key],
      );
      const retried = await issueWithKey(directive, key);
      expect(retried.status).toBe(201);
      expect(await directivesTitled(directive.title)).toBe(1);
      // Once answered, the key is kept for the day from its first use.
      const [kept]: Array<{ hours: number }> = await db.query(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM idempotency_record
         WHERE user_id = $1 AND key = $2`,
        ['supervisor.fso', key],
      );
      expect(kept.hours).toBe(24);
    } finally {
      issue.mockRestore();
      release.mockRestore();
    }
  });

  it('forgets a key after it expires', async () => {
    const key = newKey();
    const first = await system.request('POST', '/directives', {
      token: supervisor,
      body: newDirective(),
      headers: withKey(key),
    });
    expect(first.status).toBe(201);
    await system.api
      .get(DataSource)
      .query(
        `UPDATE idempotency_record SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`,
        ['supervisor.fso', key],
      );
    const directive = newDirective();
    const reused = await issueWithKey(directive, key);
    expect(reused.status).toBe(201);
    expect(replayed(reused)).toBeNull();
    expect(reused.body.id).not.toBe(first.body.id);
    expect(await directivesTitled(directive.title)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'a b'],
    ['longer than 128 characters', 'k'.repeat(129)],
    ['with a slash', 'a/b'],
  ])('refuses a key %s with 400 and runs nothing', async (_name, key) => {
    const directive = newDirective();
    const res = await issueWithKey(directive, key);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, code: 'idempotency.invalid-key' });
    expect(await directivesTitled(directive.title)).toBe(0);
  });

  it('changes nothing for requests without the header, or reads with one', async () => {
    const records = async (): Promise<number> => {
      const [row] = await system.api
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM idempotency_record WHERE user_id = 'supervisor.fso'`);
      return (row as { n: number }).n;
    };
    const before = await records();
    const directive = newDirective();
    const first = await system.request('POST', '/directives', { token: supervisor, body: directive });
    const second = await system.request('POST', '/directives', { token: supervisor, body: directive });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect([replayed(first), replayed(second)]).toEqual([null, null]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await directivesTitled(directive.title)).toBe(2);

    const read = await system.request('GET', `/directives/${first.body.id}`, {
      token: supervisor,
      headers: withKey('not a valid key'),
    });
    expect(read.status).toBe(200);
    expect(await records()).toBe(before);
  });

  it('refuses a key where there is no caller to keep it for, rather than ignore it and run twice', async () => {
    const complaints = async (): Promise<number> => {
      const [row] = await system.api.get(DataSource).query(`SELECT count(*)::int AS n FROM complaint`);
      return (row as { n: number }).n;
    };
    const before = await complaints();
    const report = {
      category: 'report',
      business: { name: '城关镇路口烧烤摊' },
      what: '后厨使用过期食材',
      evidence: [],
      anonymous: true,
      insider: false,
    };
    const res = await system.request('POST', '/public/complaints', {
      body: report,
      headers: withKey(randomUUID()),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'idempotency.needs-caller' });
    expect(await complaints()).toBe(before);
  });

  it('documents the optional header on state-changing operations only', async () => {
    const docs = await system.request('GET', '/docs/openapi.json');
    expect(docs.status).toBe(200);
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(docs.body.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
    });
    expect(docs.body.paths['/directives'].post.parameters).toContainEqual(ref);
    expect(docs.body.paths['/directives/{id}/acknowledge'].post.parameters).toContainEqual(ref);
    expect(docs.body.paths['/directives/{id}'].get.parameters).not.toContainEqual(ref);
  });
});
