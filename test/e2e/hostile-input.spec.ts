import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { riskItemBody, EVIDENCE } from '../helpers/risk-item-fixtures.js';
import { TestSystem, type HttpResult } from '../helpers/test-system.js';
import { expectNothingWritten } from '../helpers/write-counts.js';

/** A unit no other test file raises cards on or sends notifications to: these cases leave them alone. */
const UNTOUCHED_UNIT = 'cyber';

/** Issue 11: hostile and malformed input gets a clear 4xx problem, never a hang, a 500 or a roll-over. */
describe('hostile and malformed input at the HTTP edge', () => {
  let system: TestSystem;
  let handler: string;
  let supervisor: string;
  let auditor: string;
  let admin: string;
  /** A registered risk item, so that audit routes have a ledger to read. */
  let itemId: string;

  /** A problem document with its code, and the request id in both the header and the body. */
  const expectProblem = (res: HttpResult, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status, code, type: `https://duban.example/problems/${code}` });
    expect(res.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  };
  const pathsOf = (res: HttpResult) => (res.body.errors as Array<{ path: string }>).map((e) => e.path);

  beforeAll(async () => {
    system = await TestSystem.start();
    handler = await system.tokenFor('handler.amr');
    supervisor = await system.tokenFor('supervisor.fso');
    auditor = await system.tokenFor('auditor.discipline');
    admin = await system.tokenFor('admin.fso');
    const registered = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    expect(registered.status).toBe(201);
    itemId = registered.body.id as string;
  });
  afterAll(() => system.stop());

  describe('text PostgreSQL or the ledger cannot hold is refused on every route, naming the field', () => {
    const business = riskItemBody().business;
    const NUL = 'a\u0000b';
    const LONE_SURROGATE = 'a\ud800b';

    it.each([
      [
        'a NUL in a risk item description',
        'POST',
        '/risk-items',
        () => riskItemBody({ description: NUL }),
        'description',
      ],
      [
        'a lone surrogate in a business name',
        'POST',
        '/risk-items',
        () => riskItemBody({ business: { ...business, name: LONE_SURROGATE } }),
        'business.name',
      ],
      [
        'a lone surrogate in a directive title',
        'POST',
        '/directives',
        () => ({ title: LONE_SURROGATE, body: 'b', assigneeUnitId: 'amr' }),
        'title',
      ],
      ['a NUL in a card reason', 'POST', '/cards', () => ({ unitId: 'agri', reason: NUL }), 'reason'],
      [
        'a NUL in a lead summary',
        'POST',
        '/referrals',
        () => ({ source: 'inspection', sourceRef: 'JC-1', actionNo: 5, category: 'food-drug', summary: NUL }),
        'summary',
      ],
      [
        'a NUL in evidence metadata of a step',
        'POST',
        '/risk-items/FX-2026-999999/submit',
        () => ({ measures: '已整改', evidence: [{ ...EVIDENCE[0], fileName: NUL }] }),
        'evidence[0].fileName',
      ],
      [
        'a direction override in a business name (it would print the rest of a notice backwards)',
        'POST',
        '/risk-items',
        () => riskItemBody({ business: { ...business, name: '示例\u202e超市' } }),
        'business.name',
      ],
      [
        'a direction isolate in a directive body',
        'POST',
        '/directives',
        () => ({ title: '自查', body: '请\u2067核实\u2069', assigneeUnitId: 'amr' }),
        'body',
      ],
      [
        'a lone surrogate in a property name',
        'POST',
        '/directives',
        () => ({ title: 't', body: 'b', assigneeUnitId: 'amr', ['x\udc00']: 1 }),
        'x\udc00',
      ],
    ])('%s', async (_name, method, path, body, field) => {
      const token = path === '/cards' ? supervisor : handler;
      const res = await expectNothingWritten(system, () =>
        system.request(method, path, { token: path === '/directives' ? supervisor : token, body: body() }),
      );
      expectProblem(res, 400, 'request.invalid');
      expect(pathsOf(res)).toEqual([field]);
    });

    it('refuses them in query and path parameters too', async () => {
      const query = await system.request('GET', '/risk-items?q=a%00b', { token: supervisor });
      expectProblem(query, 400, 'request.invalid');
      expect(pathsOf(query)).toEqual(['q']);
      const param = await system.request('GET', '/audit/cases/FX%00/timeline', { token: auditor });
      expectProblem(param, 400, 'request.invalid');
      expect(pathsOf(param)).toEqual(['caseId']);
    });
  });

  describe('whitespace-only text is refused where a text is required', () => {
    it.each([
      ['/directives', () => supervisor, { title: '   ', body: 'b', assigneeUnitId: 'amr' }, 'title'],
      ['/cards', () => supervisor, { unitId: 'agri', reason: ' \n\t ' }, 'reason'],
      ['/risk-items', () => handler, riskItemBody({ description: '\u3000 ' }), 'description'],
      // Invisible characters read as empty too: a zero-width space, a word joiner, a BOM (direction
      // controls are refused as such, above).
      [
        '/directives',
        () => supervisor,
        { title: '\u200b\u2060\ufeff', body: 'b', assigneeUnitId: 'amr' },
        'title',
      ],
      ['/cards', () => supervisor, { unitId: 'agri', reason: '\u200b \u2061\u2063' }, 'reason'],
      // Hangul fillers, a variation selector, a lone combining mark, the blank braille cell.
      [
        '/directives',
        () => supervisor,
        { title: '\u3164\uffa0\ufe0f\u034f\u2800', body: 'b', assigneeUnitId: 'amr' },
        'title',
      ],
    ])('POST %s', async (path, token, body, field) => {
      const res = await expectNothingWritten(system, () =>
        system.request('POST', path, { token: token(), body }),
      );
      expectProblem(res, 400, 'request.invalid');
      expect(res.body.errors).toEqual([{ path: field, message: `${field} must not be blank` }]);
    });
  });

  describe('a field named like a member every object inherits is unknown like any other', () => {
    const directive = { title: '标题', body: '内容', assigneeUnitId: 'amr' };

    it.each([
      ['toString', { ...directive, toString: 'x' }],
      ['constructor', { ...directive, constructor: 'x' }],
      ['hasOwnProperty', { ...directive, hasOwnProperty: 1 }],
      // An object literal's __proto__ sets the prototype; parsed JSON makes it an own field.
      ['__proto__', JSON.parse('{"title":"标题","body":"内容","assigneeUnitId":"amr","__proto__":{"x":1}}')],
    ])('POST /directives with %s', async (field, body) => {
      const res = await expectNothingWritten(system, () =>
        system.request('POST', '/directives', { token: supervisor, body }),
      );
      expectProblem(res, 400, 'request.invalid');
      expect(res.body.errors).toEqual([{ path: field, message: `property ${field} should not exist` }]);
    });

    it('nested in an object of the body too', async () => {
      const business = { ...riskItemBody().business, constructor: 'x' };
      const res = await expectNothingWritten(system, () =>
        system.request('POST', '/risk-items', { token: handler, body: riskItemBody({ business }) }),
      );
      expectProblem(res, 400, 'request.invalid');
      expect(pathsOf(res)).toEqual(['business.constructor']);
    });
  });

  describe('a period that ends before it starts names its end', () => {
    const [later, earlier] = ['2026-12-31T00:00:00+08:00', '2026-01-01T00:00:00+08:00'].map(
      encodeURIComponent,
    );
    it.each(['/cards/stats', '/complaints/figures', '/referrals/metrics'])('GET %s', async (path) => {
      for (const [from, to] of [
        [later, earlier],
        [later, later],
      ]) {
        const res = await system.request('GET', `${path}?from=${from}&to=${to}`, { token: supervisor });
        expectProblem(res, 400, 'request.invalid');
        expect(res.body.errors).toEqual([{ path: 'to', message: 'to must be after from' }]);
      }
    });

    it('POST /reporting/schedules/{cycle}/backfill', async () => {
      const res = await system.request('POST', '/reporting/schedules/monthly-dispatch/backfill', {
        token: admin,
        body: {
          from: '2024-12-31T00:00:00+08:00',
          to: '2022-07-01T00:00:00+08:00',
          reason: '补录攻坚行动期间的调度',
        },
      });
      expectProblem(res, 400, 'request.invalid');
      expect(res.body.errors).toEqual([{ path: 'to', message: 'to must be after from' }]);
    });
  });

  describe('an array where an object belongs, or an object where a list belongs, is a 400', () => {
    const business = riskItemBody().business;

    it.each([
      ['an empty array as business', riskItemBody({ business: [] })],
      ['an array of businesses', riskItemBody({ business: [business] })],
      ['a text as business', riskItemBody({ business: 'shop' })],
    ])('POST /risk-items with %s', async (_name, body) => {
      const res = await expectNothingWritten(system, () =>
        system.request('POST', '/risk-items', { token: handler, body }),
      );
      expectProblem(res, 400, 'request.invalid');
      expect(new Set(pathsOf(res))).toEqual(new Set(['business']));
    });

    it.each([
      ['/risk-items/FX-2026-999999/submit', { measures: '已整改', evidence: EVIDENCE[0] }, 'evidence'],
      [
        '/report-requests/BS-2023-02-amr-a5/submit',
        { values: { indicatorId: 'x', value: 1 }, progress: 'p', problems: '' },
        'values',
      ],
    ])('POST %s with a lone object for a list', async (path, body, field) => {
      const res = await system.request('POST', path, { token: handler, body });
      expectProblem(res, 400, 'request.invalid');
      expect(new Set(pathsOf(res))).toEqual(new Set([field]));
    });
  });

  it.each([
    ['objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
    ['arrays', '{"title":' + '['.repeat(5000) + ']'.repeat(5000) + '}'],
  ])('refuses JSON nested 5,000 levels deep (%s) before parsing it', async (_name, rawBody) => {
    const res = await expectNothingWritten(system, () =>
      system.request('POST', '/directives', { token: supervisor, rawBody }),
    );
    expectProblem(res, 400, 'request.too-deeply-nested');
  });

  describe('paging is bounded on every list', () => {
    const lists: Array<[string, () => string]> = [
      ['/risk-items', () => supervisor],
      ['/cards', () => supervisor],
      ['/referrals', () => supervisor],
      ['/me/notifications', () => supervisor],
      ['/report-requests', () => supervisor],
      ['/webhooks/5b0d7c0e-8a4f-4b59-9a53-4f7f3f0e2c11/deliveries', () => admin],
    ];
    it.each(
      lists.flatMap(([path, token]) =>
        ['offset=1e19', 'offset=1.68e308', 'limit=1e19', 'offset=1000001'].map(
          (query) => [path, query, token] as const,
        ),
      ),
    )('GET %s?%s → 400 naming the parameter', async (path, query, token) => {
      const res = await system.request('GET', `${path}?${query}`, { token: token() });
      expectProblem(res, 400, 'request.invalid');
      expect(pathsOf(res)).toEqual([query.split('=')[0]]);
    });

    it('the audit timeline too (page × pageSize)', async () => {
      const res = await system.request('GET', `/audit/cases/${itemId}/timeline?page=1e19`, {
        token: auditor,
      });
      expectProblem(res, 400, 'request.invalid');
      expect(pathsOf(res)).toEqual(['page']);
    });
  });

  describe('a number in a path or a query is read only from plain digits', () => {
    const digits = 'must be a whole number written in digits';
    it.each([
      ['/risk-items?limit=0x10', () => supervisor, 'limit'],
      ['/risk-items?offset=1e1', () => supervisor, 'offset'],
      ['/risk-items?limit=%207', () => supervisor, 'limit'],
      ['/cards?limit=10.0', () => supervisor, 'limit'],
      ['/risk-items?actionNo=0x5', () => supervisor, 'actionNo'],
      ['/audit/cases/{item}/timeline?pageSize=2e1', () => auditor, 'pageSize'],
      ['/plan/versions/0x1', () => auditor, 'version'],
      ['/calendar/deadline?from=2026-01-05&amount=1e1&unit=workdays', () => supervisor, 'amount'],
      ['/complaints/TJ-2026-000001/reveal-requests/1e0/approve', () => supervisor, 'revealId'],
    ])('%s → 400 naming the parameter', async (route, token, parameter) => {
      const path = route.replace('{item}', itemId);
      const method = path.endsWith('/approve') ? 'POST' : 'GET';
      const res = await system.request(method, path, { token: token() });
      expectProblem(res, 400, 'request.invalid');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: parameter })]);
      expect(JSON.stringify(res.body.errors)).toContain(digits);
    });

    it('digits are still read as the number they write, leading zeros included', async () => {
      const res = await system.request('GET', '/calendar/deadline?from=2026-01-05&amount=007&unit=days', {
        token: supervisor,
      });
      expect(res.status).toBe(200);
      const seven = await system.request('GET', '/calendar/deadline?from=2026-01-05&amount=7&unit=days', {
        token: supervisor,
      });
      expect(res.body).toEqual(seven.body);
    });
  });

  describe('a day that does not exist is refused, never rolled over', () => {
    const to = encodeURIComponent('2027-01-01T00:00:00+08:00');
    it.each([
      ['/risk-items?dueBefore=2026-02-30', () => supervisor, 'dueBefore', 'request.invalid'],
      [
        `/risk-items?dueAfter=${encodeURIComponent('2026-04-31T00:00:00+08:00')}`,
        () => supervisor,
        'dueAfter',
        'request.invalid',
      ],
      [
        `/cards/stats?from=${encodeURIComponent('2026-02-30T00:00:00+08:00')}&to=${to}`,
        () => supervisor,
        'from',
        'request.invalid',
      ],
      [
        `/referrals/metrics?from=${encodeURIComponent('2026-02-30T00:00:00+08:00')}&to=${to}`,
        () => supervisor,
        'from',
        'request.invalid',
      ],
      ['/audit/chains/refused/2026-02-30', () => auditor, 'day', 'request.invalid'],
      [
        `/audit/ledger/verify?from=${encodeURIComponent('2026-02-30T00:00:00+08:00')}&to=${to}`,
        () => auditor,
        'from',
        'request.invalid',
      ],
      ['/report-requests?period=2023-13', () => supervisor, 'period', 'request.invalid'],
    ])('GET %s', async (path, token, field, code) => {
      const res = await system.request('GET', path, { token: token() });
      expectProblem(res, 400, code);
      expect(pathsOf(res)).toEqual([field]);
    });

    it('GET /audit/cases/{id}/state?at=2026-02-30T09:00:00+08:00', async () => {
      const at = encodeURIComponent('2026-02-30T09:00:00+08:00');
      const res = await system.request('GET', `/audit/cases/${itemId}/state?at=${at}`, { token: auditor });
      expectProblem(res, 400, 'audit.malformed-moment');
      expect(res.body.errors).toEqual([
        { path: 'at', message: 'at must name a real day (there is no 2026-02-30)' },
      ]);
    });

    it('a time without an offset is refused rather than read in some zone', async () => {
      const res = await system.request('GET', '/risk-items?dueBefore=2026-03-01T00:00:00', {
        token: supervisor,
      });
      expectProblem(res, 400, 'request.invalid');
      expect(pathsOf(res)).toEqual(['dueBefore']);
    });
  });

  describe('body-parser errors carry the request id', () => {
    it.each([
      ['malformed JSON', '{"title": "x",', 400, 'request.malformed-json'],
      [
        'a body over the limit',
        JSON.stringify({ title: 't', body: 'x'.repeat(200_000), assigneeUnitId: 'amr' }),
        413,
        'request.too-large',
      ],
    ])('%s', async (_name, rawBody, status, code) => {
      const res = await system.request('POST', '/directives', { token: supervisor, rawBody });
      expectProblem(res, status, code);
      const echoed = await system.request('POST', '/directives', {
        token: supervisor,
        rawBody,
        headers: { 'x-request-id': 'client-chosen-id-1' },
      });
      expect(echoed.headers.get('x-request-id')).toBe('client-chosen-id-1');
      expect(echoed.body.requestId).toBe('client-chosen-id-1');
    });
  });

  describe('a body in a media type the route does not read is a 415', () => {
    it.each([
      ['text/plain', 'title=x'],
      ['application/xml', '<directive><title>x</title></directive>'],
      ['application/x-www-form-urlencoded', 'title=x&body=y&assigneeUnitId=amr'],
    ])('POST /directives as %s', async (contentType, rawBody) => {
      const res = await expectNothingWritten(system, () =>
        system.request('POST', '/directives', {
          token: supervisor,
          rawBody,
          headers: { 'content-type': contentType },
        }),
      );
      expectProblem(res, 415, 'request.unsupported-media-type');
    });

    it('a POST without a body has no media type to refuse', async () => {
      const res = await system.request('POST', '/me/notifications/read-all', { token: handler });
      expect(res.status).toBe(200);
    });

    it('POST /plan/versions still reads YAML', async () => {
      const res = await system.request('POST', '/plan/versions', {
        token: admin,
        rawBody: 'campaign: [unclosed',
        headers: { 'content-type': 'application/yaml' },
      });
      expect(res.status).toBe(422);
    });

    it('POST /plan/versions refuses YAML whose aliases would expand past the limit, as a problem of the file', async () => {
      const levels = Array.from({ length: 9 }, (_, i) =>
        i === 0
          ? 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'
          : `a${i}: &a${i} [${Array(10)
              .fill(`*a${i - 1}`)
              .join(', ')}]`,
      );
      const res = await system.request('POST', '/plan/versions', {
        token: admin,
        rawBody: levels.join('\n'),
        headers: { 'content-type': 'application/yaml' },
      });
      expectProblem(res, 422, 'plan.invalid');
    });
  });

  it('every 401 names the Bearer scheme', async () => {
    const none = await system.request('GET', '/risk-items');
    expectProblem(none, 401, none.body.code);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="duban"');
    const bad = await system.request('GET', '/risk-items', { token: 'not-a-jwt' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer realm="duban", error="invalid_token"');
  });

  describe('every 201 says where the created resource is', () => {
    it.each([
      ['/risk-items', () => handler, () => riskItemBody(), /^\/risk-items\/FX-\d{4}-\d{6}$/],
      [
        '/directives',
        () => supervisor,
        () => ({ title: 't', body: 'b', assigneeUnitId: 'amr' }),
        /^\/directives\/DB-/,
      ],
      ['/cards', () => supervisor, () => ({ unitId: UNTOUCHED_UNIT, reason: '进度滞后' }), /^\/cards\/KP-/],
      [
        '/webhooks',
        () => admin,
        () => ({
          name: 'hook',
          url: 'https://hooks.example/duban',
          secret: 's'.repeat(32),
          unitId: UNTOUCHED_UNIT,
          kinds: ['closed'],
        }),
        /^\/webhooks\/[0-9a-f-]{36}$/,
      ],
    ])('POST %s', async (path, token, body, shape) => {
      const created = await system.request('POST', path, { token: token(), body: body() });
      expect(created.status).toBe(201);
      const location = created.headers.get('location');
      expect(location).toMatch(shape);
      const read = await system.request('GET', location!, { token: token() });
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(created.body.id);
      // The subscription must not receive other test files' notifications.
      if (path === '/webhooks') {
        await system.request('POST', `${location}/deactivate`, {
          token: token(),
          body: { reason: '测试结束' },
        });
      }
    });

    it('the OpenAPI document declares it on every 201', async () => {
      const doc = await system.request('GET', '/docs/openapi.json');
      const created = Object.values(doc.body.paths as Record<string, Record<string, any>>)
        .flatMap((item) => Object.values(item))
        .filter((operation) => operation.responses?.['201']);
      expect(created.length).toBeGreaterThanOrEqual(7);
      for (const operation of created) expect(operation.responses['201'].headers).toHaveProperty('Location');
    });
  });
});
