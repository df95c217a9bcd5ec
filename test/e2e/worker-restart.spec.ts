import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestSystem } from '../helpers/test-system.js';

describe('a worker restart in the middle of a case', () => {
  let system: TestSystem;
  let supervisor: string;
  let handler: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    supervisor = await system.tokenFor('supervisor.fso');
    handler = await system.tokenFor('handler.amr');
  });
  afterAll(() => system.stop());

  it('keeps the case: a step sent while no worker runs completes once the worker is back, recorded once', async () => {
    const issued = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: 'restart', body: 'b', assigneeUnitId: 'amr' },
    });
    expect(issued.status).toBe(201);
    const id: string = issued.body.id;

    await system.stopWorker();
    const pending = system.request('POST', `/directives/${id}/acknowledge`, {
      token: handler,
      body: { note: 'during outage' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await system.startWorker();
    const acknowledged = await pending;

    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('acknowledged');
    const ledger = await system.request('GET', `/directives/${id}/ledger`, { token: supervisor });
    expect(ledger.body.map((e: { sequence: number; action: string }) => [e.sequence, e.action])).toEqual([
      [1, 'issue'],
      [2, 'acknowledge'],
    ]);
    const current = await system.request('GET', `/directives/${id}`, { token: supervisor });
    expect(current.body).toMatchObject({ status: 'acknowledged', note: 'during outage', sequence: 2 });
  });
});
