import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ErrorKind } from '../../libs/contracts/src/errors.js';
import { Role } from '../../libs/contracts/src/identity.js';
import { STEP_FAILED } from '../../libs/contracts/src/incident.contracts.js';
import { cancelRiskItemUpdate, riskItemWorkflowId } from '../../libs/contracts/src/risk-item.contracts.js';
import { IncidentMetrics } from '../../libs/incidents/src/incident-metrics.js';
import { LedgerService } from '../../libs/ledger/src/ledger.service.js';
import { toDubanError } from '../../libs/platform/src/errors/problem-details.filter.js';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * No poison steps (decision 0014), through the real worker, Temporal and PostgreSQL. The step goes to
 * the workflow straight through the Temporal client, so no check at the HTTP edge can stop it first.
 */
describe('a step PostgreSQL cannot store', () => {
  let system: TestSystem;
  let supervisor: string;
  let admin: string;
  let auditor: string;
  let handler: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    [supervisor, admin, auditor, handler] = await Promise.all(
      ['supervisor.fso', 'admin.fso', 'auditor.discipline', 'handler.amr'].map((u) => system.tokenFor(u)),
    );
  });
  afterAll(() => system.stop());

  it('fails at once, leaves the case as it was, and is listed as an incident an admin resolves', async () => {
    const registered = await system.request('POST', '/risk-items', { token: handler, body: riskItemBody() });
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;
    const before = await system.request('GET', `/risk-items/${id}`, { token: supervisor });

    // A NUL byte: valid JSON and a valid JS string, but PostgreSQL's text and jsonb refuse it.
    const update = system.api
      .get(Client)
      .workflow.getHandle(riskItemWorkflowId(id))
      .executeUpdate(cancelRiskItemUpdate, {
        args: [
          {
            context: {
              actor: { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' },
              requestId: `req-${randomUUID()}`,
              reason: 'duplicate\u0000entry',
            },
          },
        ],
      });
    const err = await update.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    // What the API answers for it, through its one error mapping.
    const problem = toDubanError(err);
    expect(problem).toMatchObject({ kind: ErrorKind.UnprocessableContent, code: STEP_FAILED });
    expect(problem.details).toMatchObject({
      errorType: 'db.data-exception',
      state: { id, status: 'registered' },
    });
    expect(problem.message).not.toContain('duplicate');
    const incidentId = problem.details.incidentId as string;

    const after = await system.request('GET', `/risk-items/${id}`, { token: supervisor });
    expect(after.body).toEqual(before.body);
    const timeline = await system.request('GET', `/risk-items/${id}/timeline`, { token: supervisor });
    expect((timeline.body as Array<{ action: string }>).map((e) => e.action)).toEqual(['register']);

    const open = await system.request('GET', '/incidents?status=open&caseType=risk-item', { token: auditor });
    expect(open.status).toBe(200);
    const listed = (open.body.items as Array<{ id: string }>).find((i) => i.id === incidentId);
    expect(listed).toMatchObject({
      kind: 'failed',
      caseType: 'risk-item',
      caseId: id,
      workflowId: riskItemWorkflowId(id),
      activity: 'recordRiskItemStep',
      step: 'cancel',
      errorType: 'db.data-exception',
      status: 'open',
      attempt: 1,
    });
    expect(JSON.stringify(listed)).not.toContain('duplicate');

    const metrics = await system.workerProvider(IncidentMetrics).registry.metrics();
    expect(metrics).toContain(
      'duban_incidents_total{case_type="risk-item",activity="recordRiskItemStep",error_type="db.data-exception"} 1',
    );

    // The case still takes steps.
    const cancelled = await system.request('POST', `/risk-items/${id}/cancel`, {
      token: supervisor,
      body: { reason: 'duplicate entry' },
    });
    expect(cancelled.status).toBe(200);

    const resolve = (token: string) =>
      system.request('POST', `/incidents/${incidentId}/resolve`, {
        token,
        body: { reason: 'cancelled again with clean text' },
      });
    expect((await resolve(auditor)).status).toBe(403);
    const resolved = await resolve(admin);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: 'admin.fso' });
    expect((await resolve(admin)).status).toBe(409);
    const entries = await system.api.get(LedgerService).entriesOf(`incident/${incidentId}`);
    expect(entries.map((e) => [e.action, e.reason])).toEqual([
      ['resolve-incident', 'cancelled again with clean text'],
    ]);
    const one = await system.request('GET', `/incidents/${incidentId}`, { token: admin });
    expect(one.body).toMatchObject({ id: incidentId, status: 'resolved' });
    const stillOpen = await system.request('GET', '/incidents?status=open', { token: admin });
    expect((stillOpen.body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(incidentId);
  });

  it('lets admins and auditors read incidents, nobody else', async () => {
    expect((await system.request('GET', '/incidents', { token: supervisor })).status).toBe(403);
    expect((await system.request('GET', '/incidents')).status).toBe(401);
    const missing = await system.request('GET', `/incidents/${randomUUID()}`, { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'incident.not-found' });
  });

  it('documents the incident routes in OpenAPI, with the errors they answer', async () => {
    const spec = await system.request('GET', '/docs/openapi.json');
    const paths = spec.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths['/incidents'].get.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403']),
    );
    expect(Object.keys(paths['/incidents/{id}'].get.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404']),
    );
    expect(Object.keys(paths['/incidents/{id}/resolve'].post.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '409']),
    );
  });
});
