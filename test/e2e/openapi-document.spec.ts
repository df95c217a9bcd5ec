import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type OpenAPIObject, type OperationObject, type ResponseObject } from '@nestjs/swagger';
import { TestSystem } from '../helpers/test-system.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const STATE_CHANGING = new Set<string>(['post', 'put', 'patch', 'delete']);
const ROLE_COUNT = 7;

/** The statuses an operation must declare, from what the edge does to every request (README, "Errors"). */
function expectedErrorStatuses(method: string, operation: OperationObject): number[] {
  const authenticated = (operation.security ?? []).length > 0;
  const roles = (operation as { 'x-roles'?: string[] })['x-roles'];
  const changesState = STATE_CHANGING.has(method);
  const inPath = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'path');
  const hasInput = (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
  return [
    ...(authenticated ? [401] : []),
    ...(authenticated && (changesState || (roles && roles.length < ROLE_COUNT)) ? [403] : []),
    ...(hasInput || changesState ? [400] : []),
    ...(inPath ? [404] : []),
    ...(changesState ? [409, 413, 415, 422] : []),
    503,
  ];
}

describe('the OpenAPI document declares every answer of every operation', () => {
  let system: TestSystem;
  let document: OpenAPIObject;
  const operations: Array<{ name: string; method: string; operation: OperationObject }> = [];

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    document = (await system.request<OpenAPIObject>('GET', '/docs/openapi.json')).body;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) operations.push({ name: `${method.toUpperCase()} ${path}`, method, operation });
      }
    }
  });
  afterAll(() => system.stop());

  it('has the problem+json schema of RFC 9457 with the code, request id and field paths', () => {
    const problem = document.components?.schemas?.Problem as Record<string, any>;
    expect(problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']),
    );
    expect(problem.properties.errors.items.required).toEqual(['path', 'message']);
  });

  it('walks every operation: one success status, every error status, each with the problem schema', () => {
    expect(operations.length).toBeGreaterThan(80);
    const missing: string[] = [];
    for (const { name, method, operation } of operations) {
      const responses = operation.responses as Record<string, ResponseObject>;
      // A redirect is the success of the single sign-on routes.
      const successes = Object.keys(responses).filter((status) => /^[23]\d\d$/.test(status));
      if (successes.length !== 1) missing.push(`${name}: success statuses ${successes.join(',') || 'none'}`);
      for (const status of expectedErrorStatuses(method, operation)) {
        if (!responses[status]) missing.push(`${name}: no ${status}`);
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const schema = response.content?.['application/problem+json']?.schema as
          { $ref?: string } | undefined;
        if (schema?.$ref !== '#/components/schemas/Problem')
          missing.push(`${name}: ${status} without the problem schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('marks every route but /health, the public intake, how to sign in and signing in or out as needing a bearer token or the session cookie, and lists the roles a route allows', () => {
    const open = /^(GET \/health\/|POST \/auth\/sign-(in|out)$|GET \/auth\/(methods$|oidc\/)|\w+ \/public\/)/;
    for (const { name, operation } of operations) {
      expect([name, operation.security]).toEqual([
        name,
        open.test(name) ? [] : [{ bearer: [] }, { cookie: [] }],
      ]);
    }
    expect(document.components?.securitySchemes?.cookie).toMatchObject({
      in: 'cookie',
      name: 'duban_session',
    });
    const raise = document.paths['/cards']?.post as unknown as Record<string, unknown>;
    expect(raise['x-roles']).toEqual(['supervisor']);
  });

  it('documents the staff directory for every role, with only the fields it answers', () => {
    const directory = document.paths['/staff']?.get as unknown as Record<string, unknown>;
    expect(directory['x-roles']).toBeUndefined();
    const entry = document.components?.schemas?.StaffEntryView as { properties: object };
    expect(Object.keys(entry.properties).sort()).toEqual(['active', 'displayName', 'id', 'role', 'unitId']);
  });

  it('documents a unit as the list and the administrator’s steps answer it: its parent, whether active and since when retired', () => {
    const listed = (document.paths['/units']?.get?.responses as Record<string, ResponseObject>)['200'];
    expect(listed.content?.['application/json']?.schema).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/UnitView' },
    });
    const unit = document.components?.schemas?.UnitView as { properties: object };
    expect(Object.keys(unit.properties).sort()).toEqual([
      'active',
      'id',
      'isSample',
      'kind',
      'nameEn',
      'nameZh',
      'parentId',
      'retiredAt',
    ]);
    // When it was retired: an instant, or null while in use.
    expect((unit.properties as Record<string, object>).retiredAt).toMatchObject({
      type: 'string',
      format: 'date-time',
      nullable: true,
    });
  });

  it('documents the unit import’s report naming each unit it lists by code with its Chinese name too', () => {
    const report = document.components?.schemas?.ImportReportView as {
      properties: Record<string, object>;
      required: string[];
    };
    expect(report.properties.unitNames).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(report.required).toContain('unitNames');
  });

  it('documents the files a person saves: the bulletin’s CSV tables (with the byte order mark Excel needs) and the dossier, each under its name', () => {
    for (const path of ['/bulletins/{id}/indicators.csv', '/bulletins/{id}/units.csv']) {
      const ok = (document.paths[path]?.get?.responses as Record<string, ResponseObject>)['200'];
      expect(Object.keys(ok.content ?? {})).toEqual(['text/csv']);
      expect(ok.description).toContain('UTF-8 byte order mark');
      // Which header a reader finds: Chinese in layout 3, English in a bulletin stored in layout 2.
      expect(ok.description).toMatch(
        /Layout 3 heads it in Chinese[^.]*: (行动编号,行动名称|名次),单位编码,单位名称,/,
      );
      expect(ok.description).toContain('layout 2 is served as stored');
      expect(ok.headers?.['Content-Disposition']).toMatchObject({ schema: { type: 'string' } });
    }
    const dossier = (
      document.paths['/audit/cases/{caseId}/dossier']?.get?.responses as Record<string, ResponseObject>
    )['200'];
    expect(dossier.headers?.['Content-Disposition']).toBeDefined();
  });
});
