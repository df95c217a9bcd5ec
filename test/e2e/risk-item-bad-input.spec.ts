import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem, type HttpResult } from '../helpers/test-system.js';

interface Counts {
  items: number;
  entries: number;
  numbers: number;
}

/** The fixture's credit code (GB 32100-2015's example) ends in its check character "3"; "2" is wrong. */
const WRONG_CHECK_CHARACTER = '91350100M000100Y42';

/** A week after today in Asia/Shanghai, as YYYY-MM-DD: still in the future if midnight passes mid-request. */
const nextWeekInShanghai = () =>
  new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);

describe('risk items: bad input gets 400 problem+json naming the field, and writes nothing', () => {
  let system: TestSystem;
  let handler: string;
  let head: string;
  let supervisor: string;
  /** One item in each state a bad step is tried on. */
  const items = { registered: '', assigned: '', rectifying: '', submitted: '' };

  const counts = async (): Promise<Counts> => {
    const [row] = await system.api.get(DataSource).query(
      `SELECT (SELECT count(*) FROM risk_item)::int AS items, (SELECT count(*) FROM ledger_entry)::int AS entries,
              (SELECT coalesce(sum(last), 0) FROM case_counter)::int AS numbers`,
    );
    return row as Counts;
  };

  const timelineOf = async (id: string): Promise<string[]> => {
    const res = await system.request('GET', `/risk-items/${id}/timeline`, { token: supervisor });
    expect(res.status).toBe(200);
    return (res.body as Array<{ action: string }>).map((e) => e.action);
  };

  /**
   * Sends a bad request, checks the problem document, and checks that the row counts did not move.
   * Other test files may share the database and write at the same moment: a request that writes does
   * so on every attempt, so counts that differ on three attempts in a row are this request's doing,
   * while one attempt with equal counts proves that it wrote nothing.
   */
  const expectRejectedWritingNothing = async (
    send: () => Promise<HttpResult>,
    path: string,
    code: string,
  ): Promise<HttpResult> => {
    let last: { before: Counts; after: Counts; res: HttpResult } | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await counts();
      const res = await send();
      const after = await counts();
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code, type: `https://duban.example/problems/${code}` });
      // Exactly the field at fault, and only it.
      expect(new Set((res.body.errors as Array<{ path: string }>).map((e) => e.path))).toEqual(
        new Set([path]),
      );
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
      last = { before, after, res };
      if (
        after.items === before.items &&
        after.entries === before.entries &&
        after.numbers === before.numbers
      ) {
        break;
      }
    }
    expect(last!.after).toEqual(last!.before);
    return last!.res;
  };

  const register = (body: unknown) => () => system.request('POST', '/risk-items', { token: handler, body });

  beforeAll(async () => {
    system = await TestSystem.start();
    handler = await system.tokenFor('handler.amr');
    head = await system.tokenFor('head.amr');
    supervisor = await system.tokenFor('supervisor.fso');

    const step = async (id: string, action: string, token: string, body?: unknown) => {
      const res = await system.request('POST', `/risk-items/${id}/${action}`, { token, body });
      expect(res.status).toBe(200);
    };
    const newItem = async (): Promise<string> => {
      const res = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const assign = { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' };
    const submission = { measures: '已下架并销毁', evidence: EVIDENCE };

    items.registered = await newItem();
    items.assigned = await newItem();
    await step(items.assigned, 'assign', head, assign);
    items.rectifying = await newItem();
    await step(items.rectifying, 'assign', head, assign);
    await step(items.rectifying, 'start', handler);
    items.submitted = await newItem();
    await step(items.submitted, 'assign', head, assign);
    await step(items.submitted, 'start', handler);
    await step(items.submitted, 'submit', handler, submission);
  });
  afterAll(() => system.stop());

  describe('POST /risk-items', () => {
    const business = riskItemBody().business;

    it.each([
      [
        'an unknown township',
        { business: { ...business, townshipId: 'no-such-unit' } },
        'business.townshipId',
        'identity.unknown-unit',
      ],
      [
        'a unit that is not a township (amr is a county department)',
        { business: { ...business, townshipId: 'amr' } },
        'business.townshipId',
        'risk-item.invalid',
      ],
      ['an unknown action (13)', { actionNo: 13 }, 'actionNo', 'request.invalid'],
      ['an unknown action (0)', { actionNo: 0 }, 'actionNo', 'request.invalid'],
      ['an action number sent as a string', { actionNo: '5' }, 'actionNo', 'request.invalid'],
      [
        'a description of 2001 characters',
        { description: 'x'.repeat(2001) },
        'description',
        'request.invalid',
      ],
      [
        'a business name of 201 characters',
        { business: { ...business, name: '店'.repeat(201) } },
        'business.name',
        'request.invalid',
      ],
      ['an unknown field', { grade2: 'major' }, 'grade2', 'request.invalid'],
      [
        'an unknown subject kind beside identifiers',
        { business: { ...business, kind: 'shop', identifiers: { residentId: '11010519491231002X' } } },
        'business.kind',
        'request.invalid',
      ],
      [
        'a subject kind named like an inherited member, beside identifiers',
        { business: { ...business, kind: 'toString', identifiers: { residentId: '11010519491231002X' } } },
        'business.kind',
        'request.invalid',
      ],
      [
        'identifiers that are a number',
        { business: { ...business, identifiers: 42 } },
        'business.identifiers',
        'request.invalid',
      ],
      [
        'identifiers that are a list',
        { business: { ...business, identifiers: [] } },
        'business.identifiers',
        'request.invalid',
      ],
    ])('refuses %s', async (_name, overrides, path, code) => {
      await expectRejectedWritingNothing(register(riskItemBody(overrides)), path, code);
    });

    it('refuses a source date in the future (Asia/Shanghai)', async () => {
      const future = nextWeekInShanghai();
      const res = await expectRejectedWritingNothing(
        register(riskItemBody({ sourceDate: future })),
        'sourceDate',
        'request.invalid',
      );
      expect(res.body.errors[0].message).toContain(`${future} is in the future`);
    });

    it('refuses a source date before 2000-01-01: Excel’s day zero (1900-01-01) is a typo, not a backlog', async () => {
      const res = await expectRejectedWritingNothing(
        register(riskItemBody({ sourceDate: '1900-01-01' })),
        'sourceDate',
        'request.invalid',
      );
      expect(res.body.errors).toEqual([
        {
          path: 'sourceDate',
          message:
            'sourceDate 1900-01-01 is before 2000-01-01: no case date is earlier (a date that old is a typo)',
        },
      ]);
      // A backlog from before the campaign (2022-07-07) is real, and registered as found.
      const backlog = await register(riskItemBody({ sourceDate: '2021-03-01' }))();
      expect(backlog.status).toBe(201);
    });

    it('refuses a credit code with a wrong check character, naming the expected one', async () => {
      const res = await expectRejectedWritingNothing(
        register(riskItemBody({ business: { ...business, creditCode: WRONG_CHECK_CHARACTER } })),
        'business.creditCode',
        'request.invalid',
      );
      expect(res.body.errors).toEqual([
        {
          path: 'business.creditCode',
          message: 'invalid check character "2" at position 18 (expected "3")',
        },
      ]);
    });
  });

  describe('steps', () => {
    const sha256 = EVIDENCE[0].sha256;
    const withEvidence = (evidence: unknown) => ({ measures: '已下架并销毁', evidence: [evidence] });
    const withoutSha256 = Object.fromEntries(Object.entries(EVIDENCE[0]).filter(([key]) => key !== 'sha256'));

    it.each([
      [
        'evidence without a sha256',
        'rectifying',
        'submit',
        'handler',
        withEvidence(withoutSha256),
        'evidence[0].sha256',
        'request.invalid',
      ],
      [
        'an upper-case sha256',
        'rectifying',
        'submit',
        'handler',
        withEvidence({ ...EVIDENCE[0], sha256: sha256.toUpperCase() }),
        'evidence[0].sha256',
        'request.invalid',
      ],
      [
        'a sha256 of 63 characters',
        'rectifying',
        'submit',
        'handler',
        withEvidence({ ...EVIDENCE[0], sha256: sha256.slice(1) }),
        'evidence[0].sha256',
        'request.invalid',
      ],
      [
        'measures of 5001 characters',
        'rectifying',
        'submit',
        'handler',
        { measures: 'x'.repeat(5001), evidence: EVIDENCE },
        'measures',
        'request.invalid',
      ],
      [
        'a re-planned deadline in the past',
        'assigned',
        'replan',
        'supervisor',
        { reason: '等待检测', dueAt: new Date(Date.now() - 3_600_000).toISOString() },
        'dueAt',
        'risk-item.deadline-in-past',
      ],
      [
        'an assignment to an unknown unit',
        'registered',
        'assign',
        'head',
        { responsibleUnitId: 'nope' },
        'responsibleUnitId',
        'identity.unknown-unit',
      ],
      [
        'an assignment to a person of another unit',
        'registered',
        'assign',
        'head',
        { responsibleUnitId: 'amr', responsibleUserId: 'handler.agri' },
        'responsibleUserId',
        'risk-item.invalid',
      ],
      [
        'an assignment to a person who could take none of its steps (an auditor)',
        'registered',
        'assign',
        'head',
        { responsibleUnitId: 'discipline', responsibleUserId: 'auditor.discipline' },
        'responsibleUserId',
        'risk-item.invalid',
      ],
      [
        'a rejected verification without a reason',
        'submitted',
        'verify',
        'supervisor',
        { result: 'rejected' },
        'reason',
        'request.invalid',
      ],
    ] as const)('refuses %s', async (_name, state, action, who, body, path, code) => {
      const id = items[state];
      const token = { handler, head, supervisor }[who];
      const before = await timelineOf(id);
      const item = await system.request('GET', `/risk-items/${id}`, { token: supervisor });
      expect(item.body.status).toBe(state);

      await expectRejectedWritingNothing(
        () => system.request('POST', `/risk-items/${id}/${action}`, { token, body }),
        path,
        code,
      );

      expect(await timelineOf(id)).toEqual(before);
      const after = await system.request('GET', `/risk-items/${id}`, { token: supervisor });
      expect(after.body).toMatchObject({ status: state, sequence: item.body.sequence });
    });
  });
});
