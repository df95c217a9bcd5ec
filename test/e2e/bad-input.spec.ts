import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TestSystem } from '../helpers/test-system.js';

describe('bad input gets a 4xx problem+json and writes nothing', () => {
  let system: TestSystem;
  let supervisor: string;
  const counts = async () => {
    const db = system.api.get(DataSource);
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM directive)::int AS directives, (SELECT count(*) FROM ledger_entry)::int AS entries,
              (SELECT coalesce(sum(last), 0) FROM case_counter)::int AS numbers`,
    );
    return row as { directives: number; entries: number; numbers: number };
  };

  beforeAll(async () => {
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
  });
  afterAll(() => system.stop());

  it.each([
    ['malformed JSON', { rawBody: '{"title": "x",' }, 400, 'request.malformed-json'],
    [
      'an unknown field',
      { body: { title: 't', body: 'b', assigneeUnitId: 'amr', grade: 'x' } },
      400,
      'request.invalid',
    ],
    ['a wrong type', { body: { title: 42, body: 'b', assigneeUnitId: 'amr' } }, 400, 'request.invalid'],
    ['a missing field', { body: { title: 't', assigneeUnitId: 'amr' } }, 400, 'request.invalid'],
    [
      'text over the limit',
      { body: { title: 'x'.repeat(201), body: 'b', assigneeUnitId: 'amr' } },
      400,
      'request.invalid',
    ],
    [
      'an oversize body',
      { body: { title: 't', body: 'x'.repeat(200_000), assigneeUnitId: 'amr' } },
      413,
      'request.too-large',
    ],
    [
      'an unknown unit',
      { body: { title: 't', body: 'b', assigneeUnitId: 'no-such-unit' } },
      400,
      'identity.unknown-unit',
    ],
  ])('%s', async (_name, request, status, code) => {
    const before = await counts();
    const res = await system.request('POST', '/directives', { token: supervisor, ...request });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, code, type: `https://duban.example/problems/${code}` });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    expect(await counts()).toEqual(before);
  });

  it('names every invalid field by its path', async () => {
    const res = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: 42, assigneeUnitId: 'BAD UNIT', extra: true },
    });
    expect(res.status).toBe(400);
    const paths = new Set(res.body.errors.map((e: { path: string }) => e.path));
    expect(paths).toEqual(new Set(['title', 'body', 'assigneeUnitId', 'extra']));
  });

  it('answers a malformed id in the path with 400, an unknown one with 404', async () => {
    const bad = await system.request('GET', '/directives/not-an-id', { token: supervisor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('id');
    const unknown = await system.request('GET', '/directives/DB-1999-000001', { token: supervisor });
    expect(unknown.status).toBe(404);
  });

  it('answers bad calendar queries with the field at fault', async () => {
    const unit = await system.request('GET', '/calendar/deadline?from=2024-09-27&amount=7&unit=fortnights', {
      token: supervisor,
    });
    expect(unit.status).toBe(400);
    expect(unit.body.errors[0].path).toBe('unit');
    const range = await system.request('GET', '/calendar/deadline?from=2031-03-01&amount=3&unit=days', {
      token: supervisor,
    });
    expect(range.status).toBe(400);
    expect(range.body).toMatchObject({ code: 'calendar.out-of-range', errors: [{ path: 'from' }] });
    const date = await system.request('GET', '/calendar/deadline?from=2024-02-30&amount=3&unit=days', {
      token: supervisor,
    });
    expect(date.body).toMatchObject({ status: 400, code: 'calendar.invalid-date' });
  });

  it('computes a deadline with its rule for any authenticated user', async () => {
    const res = await system.request('GET', '/calendar/deadline?from=2024-09-27&amount=7&unit=workdays', {
      token: await system.tokenFor('handler.amr'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dueAt: '2024-10-12T16:00:00.000Z',
      rule: { unit: 'workdays', amount: 7 },
    });
  });
});
