import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { freePort } from '../../libs/platform/src/embedded/free-port.js';
import { devServerPersistenceRequests } from '../../libs/platform/src/embedded/temporal-dev-server.js';
import { eventually } from '../helpers/eventually.js';
import { TestSystem } from '../helpers/test-system.js';

describe('operability', () => {
  let system: TestSystem;
  let supervisor: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
  });
  afterAll(() => system.stop());

  it('is live and ready when PostgreSQL and Temporal answer', async () => {
    expect((await system.request('GET', '/health/live')).body).toEqual({ status: 'up' });
    const ready = await system.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'up', checks: { postgres: 'up', temporal: 'up' } });
  });

  it('reports not ready (503) while Temporal does not answer', async () => {
    const address = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
    const cut = await TestSystem.start({ worker: false });
    process.env.TEMPORAL_ADDRESS = address;
    try {
      const ready = await cut.request('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        code: 'health.not-ready',
        checks: { postgres: 'up', temporal: 'down' },
      });
    } finally {
      await cut.stop();
    }
  });

  it('counts requests and latency by route template and status for Prometheus', async () => {
    const server = await system.metrics.listen(0, '127.0.0.1');
    try {
      await system.request('GET', '/directives/DB-2026-000999', { token: supervisor });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toContain(
        'duban_http_requests_total{method="GET",route="/directives/:id",status="404"} 1',
      );
      expect(text).toContain('duban_http_request_duration_seconds_bucket');
      expect(text).not.toContain('DB-2026-000999');
    } finally {
      server.close();
    }
  });

  it('makes cases findable in Temporal by search attributes that carry no personal data', async () => {
    const issued = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: '张三的店铺', body: '联系电话 13800000000', assigneeUnitId: 'amr' },
    });
    const client = system.api.get(Client);
    const query = `DubanCaseType = 'directive' AND DubanUnit = 'amr' AND DubanStatus = 'issued' AND WorkflowId = 'directive/${issued.body.id}'`;
    let found: string[] = [];
    for (let attempt = 0; attempt < 40 && found.length === 0; attempt++) {
      found = [];
      for await (const wf of client.workflow.list({ query })) found.push(wf.workflowId);
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(found).toEqual([`directive/${issued.body.id}`]);
    const description = await client.workflow.getHandle(`directive/${issued.body.id}`).describe();
    const attributes = JSON.stringify(description.searchAttributes);
    expect(attributes).not.toContain('张三');
    expect(attributes).not.toContain('13800000000');
  });

  it('runs the embedded Temporal server with its search-attribute map cached (decision 0002)', async () => {
    /** The server's database requests of one operation so far, from its own metrics. */
    const requests = async (operation: string): Promise<number> => {
      const counts = await devServerPersistenceRequests(process.env.TEMPORAL_METRICS_URL);
      if (!counts) throw new Error(`no Temporal metrics at ${process.env.TEMPORAL_METRICS_URL}`);
      return counts.get(operation) ?? 0;
    };
    const [metadataBefore, startsBefore] = [
      await requests('GetCurrentClusterMetadata'),
      await requests('CreateWorkflowExecution'),
    ];
    const client = system.api.get(Client);
    const issue = async (k: number): Promise<string> => {
      const issued = await system.request('POST', '/directives', {
        token: supervisor,
        body: { title: `检索属性缓存 ${k}`, body: '请阅处。', assigneeUnitId: 'amr' },
      });
      expect(issued.status).toBe(201);
      return `'directive/${issued.body.id}'`;
    };
    // Each is started with search attributes, and its first step upserts them again.
    const ids: string[] = [];
    for (let k = 0; k < 5; k++) ids.push(await issue(k));
    // Listed by an attribute: the server has written their visibility records, which read the map too.
    const query = `DubanStatus = 'issued' AND WorkflowId IN (${ids.join(', ')})`;
    await eventually(async () => expect(await client.workflow.count(query)).toMatchObject({ count: 5 }));
    // The server publishes its counters every few seconds: one more case, counted, shows a publication
    // made after all of the above.
    await issue(5);
    await eventually(
      async () =>
        expect((await requests('CreateWorkflowExecution')) - startsBefore).toBeGreaterThanOrEqual(6),
      30_000,
    );
    // With the map read on every use, the first five alone would have cost the server 40 metadata reads.
    expect((await requests('GetCurrentClusterMetadata')) - metadataBefore).toBeLessThan(5);
  });

  it('documents every route in OpenAPI', async () => {
    const spec = await system.request('GET', '/docs/openapi.json');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/health/live',
        '/health/ready',
        '/units',
        '/calendar/deadline',
        '/directives',
        '/directives/{id}',
        '/directives/{id}/acknowledge',
        '/directives/{id}/ledger',
      ]),
    );
    expect(spec.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
