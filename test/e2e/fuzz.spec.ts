import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createOwnDatabase } from '../helpers/own-database.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * Property-based fuzzing of every operation of the OpenAPI document, against the real API, worker,
 * PostgreSQL and Temporal. Each request carries one hostile input (the "attack") at one place: a path
 * parameter, a query parameter, a body field, the whole body, the content type or the token; the rest
 * is plausible (the document's examples, or a valid fixture), so the attack reaches the code behind
 * validation. Every answer must: not be 5xx, have a status the operation declares, be problem+json with
 * a code and the request id when it is an error, write nothing when it is an error, and come in time.
 *
 * Reproduce a failure: DUBAN_FUZZ_SEED=<printed seed> (and DUBAN_FUZZ_ONLY='POST /risk-items' to run one
 * operation); DUBAN_FUZZ_RUNS sets the runs per operation.
 */

const SEED = Number(process.env.DUBAN_FUZZ_SEED ?? 20261111);
const RUNS_PER_OPERATION = Number(process.env.DUBAN_FUZZ_RUNS ?? 10);
const ONLY = process.env.DUBAN_FUZZ_ONLY;
/**
 * The operations come from the running API's document, so the fuzz is one test, not one per operation;
 * it gets the time of all of them (about a minute on 2 cores with the default runs).
 */
const FUZZ_TIMEOUT_MS = 600_000;
/** A request still unanswered after this is reported as a hang (the issue saw POST /cards hang). */
const REQUEST_TIMEOUT_MS = 20_000;

const CALLERS = ['supervisor.fso', 'handler.amr', 'admin.fso', 'auditor.discipline'] as const;
const NO_TOKEN = 'no token';
const FORGED_TOKEN = 'forged token';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PAGING = new Set(['limit', 'offset', 'page', 'pageSize']);

interface Operation {
  name: string;
  method: string;
  path: string;
  operation: OperationObject;
}

interface Attack {
  kind: string;
  value: unknown;
}

interface FuzzRequest {
  caller: string;
  method: string;
  url: string;
  contentType?: string;
  body?: string;
  attack: string;
}

/** JSON nested 5,000 levels deep (30 KB, under the body limit), spliced in as text: a value that deep overflows JSON.stringify. */
const DEEP_JSON: Record<string, string> = {
  '<deep arrays>': '['.repeat(5000) + ']'.repeat(5000),
  '<deep objects>': '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
};
const toJson = (value: unknown) =>
  Object.entries(DEEP_JSON).reduce(
    (text, [marker, json]) => text.replace(JSON.stringify(marker), json),
    JSON.stringify(value),
  );

/** Hostile values for one field, by kind. */
const FIELD_ATTACKS: Record<string, unknown[]> = {
  'wrong-type': [42, -1, true, null, 'text', 0],
  'huge-number': [1e19, 1.68e308, -1e19, Number.MAX_SAFE_INTEGER + 2, 0.5, -0],
  'number-word': ['NaN', 'Infinity', '-1', '1e19', '1.68e308', '0x10', ' 1 '],
  'nul-or-lone-surrogate-text': ['a\u0000b', 'a\ud800b', '\udc00', '\u0000'],
  'exotic-text': [
    '\u202eأهلا بالعالم\u202c',
    '👩‍👩‍👧‍👦🇨🇳',
    'e\u0301\u0301\u0301',
    '\u200b\ufeff',
    '\ufffd',
    'x'.repeat(5000),
  ],
  'whitespace-only-text': ['   ', '\t\n', '\u3000'],
  'impossible-date': [
    '2026-02-30',
    '2026-04-31T00:00:00+08:00',
    '2023-13',
    '2026-02-30T09:00:00+08:00',
    '2023-00',
  ],
  'malformed-date': ['not-a-date', '2026/03/01', '+275760-09-13', '2026-03-01T25:00:00+08:00'],
  'unknown-enum': ['no-such-value', 'GENERAL', ''],
  'deep-nesting': Object.keys(DEEP_JSON),
  'array-for-object': [[], [{}], [[]]],
  'object-for-scalar': [{ a: 1 }, { $gt: '' }],
  'oversize-body': ['x'.repeat(200_000)],
};

const PATH_ATTACKS: Record<string, string[]> = {
  'huge-number': ['1e19', '1.68e308', '-1', '99999999999999999999'],
  'number-word': ['NaN', 'Infinity'],
  'nul-or-lone-surrogate-text': ['a%00b', '%ED%A0%80', '%FF%FE'],
  'exotic-text': [encodeURIComponent('\u202e👩‍👩‍👧‍👦'), 'x'.repeat(3000), '..%2F..%2Fetc%2Fpasswd'],
  'impossible-date': ['2026-02-30', '2023-13', '2026-04-31'],
  'unknown-enum': ['no-such-value', 'FX-9999-999999', 'DB-2026-000000'],
};

const WHOLE_BODY_ATTACKS: Record<string, Array<{ contentType: string; body: string }>> = {
  'malformed-json': [
    { contentType: 'application/json', body: '{"a":' },
    { contentType: 'application/json', body: '[' },
    { contentType: 'application/json', body: '\u0000' },
    { contentType: 'application/json', body: '{"a":1}{"b":2}' },
  ],
  'array-for-object': [
    { contentType: 'application/json', body: '[]' },
    { contentType: 'application/json', body: '[{}]' },
  ],
  'wrong-type': [
    { contentType: 'application/json', body: '42' },
    { contentType: 'application/json', body: '"text"' },
    { contentType: 'application/json', body: 'null' },
  ],
  'deep-nesting': Object.values(DEEP_JSON).map((body) => ({ contentType: 'application/json', body })),
  'non-json-content-type': [
    { contentType: 'text/html', body: '<a>' },
    { contentType: 'application/x-www-form-urlencoded', body: 'a=b' },
    { contentType: 'application/json; charset=utf-16', body: '{}' },
  ],
  'oversize-body': [{ contentType: 'application/json', body: JSON.stringify({ a: 'x'.repeat(200_000) }) }],
};

/** Percent-encodes text for a URL, keeping lone surrogates as the invalid UTF-8 a client could send. */
function urlEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // URIError: a lone surrogate
    return text
      .replace(/[\ud800-\udfff]/g, '\u0001')
      .split('\u0001')
      .map(encodeURIComponent)
      .join('%ED%A0%80');
  }
}

function resolve(document: OpenAPIObject, schema: unknown): SchemaObject {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (!ref) return schema ?? {};
  return document.components?.schemas?.[ref.split('/').pop()!] as SchemaObject;
}

/** A plausible value for a schema: its example, an enum member, or something of its type. */
function plausible(document: OpenAPIObject, schema: unknown): unknown {
  const s = resolve(document, schema);
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  if (s.type === 'object' || s.properties) {
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([name, property]) => [name, plausible(document, property)]),
    );
  }
  if (s.type === 'array') return [plausible(document, s.items)];
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (s.format === 'uuid') return '6f1c3a52-8b0e-4f6e-9d43-2a9d1f0c7b11';
  return 'fuzz';
}

/** Every field path of a body (objects and arrays included), to aim an attack at. */
function fieldPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => [[...prefix, index], ...fieldPaths(item, [...prefix, index])]);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...fieldPaths(item, [...prefix, key]),
    ]);
  }
  return [];
}

function withField(body: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === REMOVE) delete node[last];
  else node[last] = replacement;
  return copy;
}
const REMOVE = Symbol('remove the field');

const attackOf = (table: Record<string, unknown[]>, also: string[] = []) =>
  fc.oneof(
    ...Object.entries(table)
      .filter(([kind]) => also.length === 0 || also.includes(kind))
      .map(([kind, values]) => fc.constantFrom(...values).map((value): Attack => ({ kind, value }))),
  );

describe('fuzzing every operation of the OpenAPI document', () => {
  let system: TestSystem;
  let databaseUrl: string;
  let document: OpenAPIObject;
  const serverDatabaseUrl = process.env.DATABASE_URL;
  const tokens: Record<string, string> = {};
  /** Real records, so that attacks on bodies reach the workflows behind existing cases. */
  const knownIds: Record<string, string> = {};
  const validBodies: Record<string, unknown> = {};

  const counters = async () => {
    const [row] = await system.api.get(DataSource).query(
      `SELECT (SELECT count(*) FROM ledger_entry WHERE case_id NOT LIKE 'access/%' AND case_id NOT LIKE 'refused/%' AND case_id NOT LIKE 'identity/%')::int AS ledger,
              (SELECT coalesce(sum(last), 0) FROM case_counter)::int AS "caseNumbers",
              (SELECT count(*) FROM directive)::int AS directives, (SELECT count(*) FROM risk_item)::int AS "riskItems",
              (SELECT count(*) FROM card)::int AS cards, (SELECT count(*) FROM referral)::int AS referrals,
              (SELECT count(*) FROM report_request)::int AS "reportRequests", (SELECT count(*) FROM bulletin)::int AS bulletins,
              (SELECT count(*) FROM plan_version)::int AS "planVersions", (SELECT count(*) FROM webhook_subscription)::int AS webhooks,
              (SELECT count(*) FROM notification)::int AS notifications, (SELECT count(*) FROM escalation_event)::int AS escalations`,
    );
    const workflows = await system.api
      .get(Client)
      .workflow.count(`TaskQueue = '${process.env.TEMPORAL_TASK_QUEUE}'`);
    return { ...(row as Record<string, number>), workflows: workflows.count };
  };

  /** After an accepted step, waits until what it set going has written everything (three equal reads). */
  const settle = async () => {
    let last = JSON.stringify(await counters());
    for (let same = 0, reads = 0; same < 2 && reads < 50; reads++) {
      await new Promise((r) => setTimeout(r, 200));
      const now = JSON.stringify(await counters());
      same = now === last ? same + 1 : 0;
      last = now;
    }
  };

  beforeAll(async () => {
    databaseUrl = await createOwnDatabase();
    process.env.DATABASE_URL = databaseUrl;
    system = await TestSystem.start();
    for (const caller of CALLERS) tokens[caller] = await system.tokenFor(caller);
    tokens[FORGED_TOKEN] = 'not.a.jwt';
    document = (await system.request<OpenAPIObject>('GET', '/docs/openapi.json')).body;

    validBodies['POST /risk-items'] = riskItemBody();
    validBodies['POST /directives'] = {
      title: '快检室自查',
      body: '请于本周完成自查',
      assigneeUnitId: 'amr',
    };
    validBodies['POST /cards'] = { unitId: 'agri', reason: '农贸市场快检室建设进度严重滞后' };
    const created = async (path: string, caller: string) => {
      const res = await system.request('POST', path, {
        token: tokens[caller],
        body: validBodies[`POST ${path}`],
      });
      if (res.status !== 201) throw new Error(`fixture ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    knownIds['/risk-items/'] = await created('/risk-items', 'handler.amr');
    knownIds['/directives/'] = await created('/directives', 'supervisor.fso');
    knownIds['/cards/'] = await created('/cards', 'supervisor.fso');
    knownIds['/audit/cases/'] = knownIds['/risk-items/'];
    await settle();
  });

  afterAll(async () => {
    await system?.stop();
    process.env.DATABASE_URL = serverDatabaseUrl;
  });

  /** Every operation with its seed (from its place in the whole document, so DUBAN_FUZZ_ONLY keeps it). */
  function operations(): Array<Operation & { seed: number }> {
    const all: Array<Operation & { seed: number }> = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) {
          all.push({
            name: `${method.toUpperCase()} ${path}`,
            method,
            path,
            operation,
            seed: SEED + all.length,
          });
        }
      }
    }
    return all.filter((op) => !ONLY || op.name === ONLY);
  }

  /** One request to an operation with exactly one hostile input. */
  function requestFor({ name, method, path, operation }: Operation): fc.Arbitrary<FuzzRequest> {
    const parameters = (operation.parameters ?? []) as ParameterObject[];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const bodySchema = operation.requestBody
      ? (operation.requestBody as { content: Record<string, { schema: unknown }> }).content[
          'application/json'
        ]?.schema
      : undefined;
    const baseBody = validBodies[name] ?? (bodySchema ? plausible(document, bodySchema) : undefined);
    const knownId = Object.entries(knownIds).find(([prefix]) => path.startsWith(prefix))?.[1];
    const pathValue = (p: ParameterObject) =>
      p.name === 'id' || p.name === 'caseId'
        ? (knownId ?? String(plausible(document, p.schema)))
        : String(plausible(document, p.schema));

    const build = (
      attack: string,
      changes: {
        path?: Record<string, string>;
        query?: string;
        body?: { contentType: string; text: string };
      },
      caller: string,
    ): FuzzRequest => {
      const filled = path.replace(/\{(\w+)\}/g, (_m, param: string) => {
        const p = pathParams.find((q) => q.name === param)!;
        return changes.path?.[param] ?? urlEncode(pathValue(p));
      });
      const query =
        changes.query ??
        queryParams
          .filter((p) => p.required)
          .map((p) => `${p.name}=${urlEncode(String(plausible(document, p.schema)))}`)
          .join('&');
      const body =
        changes.body ??
        (baseBody !== undefined
          ? { contentType: 'application/json', text: JSON.stringify(baseBody) }
          : undefined);
      return {
        caller,
        method: method.toUpperCase(),
        url: query ? `${filled}?${query}` : filled,
        contentType: body?.contentType,
        body: body?.text,
        attack,
      };
    };

    const callers = fc.constantFrom(...CALLERS);
    const sites: Array<fc.Arbitrary<FuzzRequest>> = [
      fc.constantFrom(NO_TOKEN, FORGED_TOKEN).map((caller) => build(`token: ${caller}`, {}, caller)),
    ];
    if (pathParams.length > 0) {
      sites.push(
        fc
          .tuple(fc.constantFrom(...pathParams), attackOf(PATH_ATTACKS), callers)
          .map(([p, a, caller]) =>
            build(`${a.kind} in path ${p.name}`, { path: { [p.name]: String(a.value) } }, caller),
          ),
      );
    }
    if (queryParams.length > 0) {
      sites.push(
        fc
          .tuple(
            fc.constantFrom(...queryParams),
            attackOf(FIELD_ATTACKS, [
              'wrong-type',
              'number-word',
              'nul-or-lone-surrogate-text',
              'exotic-text',
              'whitespace-only-text',
              'impossible-date',
              'malformed-date',
              'unknown-enum',
            ]),
            fc.boolean(),
            callers,
          )
          .map(([p, a, repeated, caller]) => {
            const kind = PAGING.has(p.name) && a.kind === 'number-word' ? 'huge-paging' : a.kind;
            const value = urlEncode(String(a.value));
            const others = queryParams
              .filter((q) => q !== p && q.required)
              .map((q) => `${q.name}=${urlEncode(String(plausible(document, q.schema)))}`);
            const own = repeated ? [`${p.name}=${value}`, `${p.name}=${value}`] : [`${p.name}=${value}`];
            return build(
              `${kind} in query ${p.name}${repeated ? ' (repeated)' : ''}`,
              {
                query: [...others, ...own].join('&'),
              },
              caller,
            );
          }),
      );
    }
    if (method !== 'get') {
      sites.push(
        fc
          .tuple(
            fc.oneof(
              ...Object.entries(WHOLE_BODY_ATTACKS).map(([kind, bodies]) =>
                fc.constantFrom(...bodies).map((b) => ({ kind, ...b })),
              ),
            ),
            callers,
          )
          .map(([b, caller]) =>
            build(`${b.kind} as the body`, { body: { contentType: b.contentType, text: b.body } }, caller),
          ),
      );
    }
    const fields = fieldPaths(baseBody);
    if (fields.length > 0) {
      sites.push(
        fc
          .tuple(
            fc.constantFrom(...fields),
            fc.oneof(
              { weight: 8, arbitrary: attackOf(FIELD_ATTACKS) },
              { weight: 1, arbitrary: fc.constant<Attack>({ kind: 'missing-field', value: REMOVE }) },
            ),
            callers,
          )
          .map(([field, a, caller]) =>
            build(
              `${a.kind} in body ${field.join('.')}`,
              {
                body: {
                  contentType: 'application/json',
                  text: toJson(withField(baseBody, field, a.value)),
                },
              },
              caller,
            ),
          ),
      );
    }
    if (baseBody && typeof baseBody === 'object' && !Array.isArray(baseBody)) {
      sites.push(
        callers.map((caller) =>
          build(
            'unknown-field in body',
            {
              body: { contentType: 'application/json', text: JSON.stringify({ ...baseBody, isAdmin: true }) },
            },
            caller,
          ),
        ),
      );
    }
    return fc.oneof(...sites);
  }

  const describeRequest = (r: FuzzRequest) =>
    `${r.method} ${r.url.length > 300 ? `${r.url.slice(0, 300)}…` : r.url} as ${r.caller} [${r.attack}]` +
    (r.body !== undefined
      ? `\n  content-type: ${r.contentType}\n  body: ${r.body.length > 500 ? `${r.body.slice(0, 500)}… (${r.body.length} chars)` : r.body}`
      : '');

  async function send(r: FuzzRequest) {
    const headers: Record<string, string> = {};
    const token = tokens[r.caller];
    if (token) headers.authorization = `Bearer ${token}`;
    if (r.contentType) headers['content-type'] = r.contentType;
    try {
      const response = await fetch(`${system.baseUrl}${r.url}`, {
        method: r.method,
        headers,
        body: r.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      let body: any = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: checked below for errors
      }
      return { status: response.status, headers: response.headers, body };
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') {
        throw new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s to\n  ${describeRequest(r)}`, {
          cause: err,
        });
      }
      throw err;
    }
  }

  /** What is wrong with an answer, one line per broken rule. */
  function problemsWith(op: Operation, answer: Awaited<ReturnType<typeof send>>): string[] {
    const problems: string[] = [];
    const { status, headers, body } = answer;
    if (status >= 500) problems.push(`answered ${status}`);
    if (!(String(status) in op.operation.responses))
      problems.push(`status ${status} is not declared by ${op.name}`);
    if (status === 401 && !headers.get('www-authenticate')) {
      problems.push('401 without WWW-Authenticate');
    }
    if (status === 201 && !headers.get('location')) problems.push('201 without Location');
    if (status < 400) return problems;
    if (!headers.get('content-type')?.startsWith('application/problem+json')) {
      problems.push(`error as ${headers.get('content-type')}, not application/problem+json`);
    }
    if (typeof body?.code !== 'string' || body.status !== status)
      problems.push('problem without its code or status');
    if (typeof body?.requestId !== 'string') problems.push('problem without requestId');
    if (headers.get('x-request-id') !== body?.requestId)
      problems.push('X-Request-Id header is not the requestId');
    return problems;
  }

  it(
    'never answers 5xx or an undeclared status, always problem+json with code and request id, writes nothing when it refuses, never hangs',
    async () => {
      const ops = operations();
      expect(ops.length).toBeGreaterThan(ONLY ? 0 : 80);
      process.stderr.write(
        `[fuzz] seed ${SEED} (DUBAN_FUZZ_SEED), ${RUNS_PER_OPERATION} runs per operation (DUBAN_FUZZ_RUNS), ` +
          `${ops.length} operations\n`,
      );
      const failures: string[] = [];
      for (const op of ops) {
        let before = await counters();
        try {
          await fc.assert(
            fc.asyncProperty(requestFor(op), async (request) => {
              const answer = await send(request);
              const problems = problemsWith(op, answer);
              if (answer.status >= 400) {
                const after = await counters();
                if (JSON.stringify(after) !== JSON.stringify(before)) {
                  problems.push(`refused, yet wrote: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
                }
              } else if (op.method !== 'get') {
                await settle();
                before = await counters();
              }
              if (problems.length > 0) {
                throw new Error(
                  `${problems.join('; ')}\n  ${describeRequest(request)}\n  → ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`,
                );
              }
            }),
            { seed: op.seed, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
          );
        } catch (err) {
          // fast-check's message names the counterexample; its cause says what was wrong with the answer.
          const cause = (err as Error).cause as Error | undefined;
          failures.push(
            `${op.name} (DUBAN_FUZZ_SEED=${SEED} DUBAN_FUZZ_ONLY='${op.name}'): ${cause?.message ?? ''}\n${(err as Error).message}`,
          );
          before = await counters();
        }
      }
      expect(failures).toEqual([]);
    },
    FUZZ_TIMEOUT_MS,
  );
});
