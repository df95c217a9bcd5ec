import { describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { QueryFailedError } from 'typeorm';
import { incidentInterceptors } from '../../../apps/worker/src/incident.interceptor.js';
import { STEP_FAILED } from '../../../libs/contracts/src/incident.contracts.js';
import { IncidentMetrics } from '../../../libs/incidents/src/incident-metrics.js';
import {
  type IncidentRecorder,
  type IncidentReport,
} from '../../../libs/incidents/src/incident-recorder.service.js';

const THRESHOLD = 5;
const step = {
  caseType: 'risk-item',
  caseId: 'FX-2026-000001',
  sequence: 2,
  action: 'assign',
  stateAfter: { description: 'a\u0000b' },
};
const dataError = () =>
  new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }),
  );

/** Runs one attempt of an activity through the interceptor, with a recorder that keeps what it is given. */
async function attempt(attemptNo: number, activity: () => Promise<unknown>, alreadyRecorded = false) {
  const reports: IncidentReport[] = [];
  const recorder = {
    record: (report: IncidentReport) => {
      reports.push(report);
      return Promise.resolve({ id: 'incident-1', created: !alreadyRecorded });
    },
  } as unknown as IncidentRecorder;
  const metrics = new IncidentMetrics();
  const env = new MockActivityEnvironment(
    {
      attempt: attemptNo,
      activityId: '7',
      activityType: 'recordRiskItemStep',
      workflowExecution: { workflowId: 'risk-item/FX-2026-000001', runId: 'run-1' },
    },
    { interceptors: [incidentInterceptors(recorder, metrics, THRESHOLD)] },
  );
  const outcome = await env.run(activity, step).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, reports, metrics: await metrics.registry.metrics() };
}

describe('the incident interceptor', () => {
  it('turns a permanent failure into a non-retryable engine.step-failed that names its incident', async () => {
    const { error, reports, metrics } = await attempt(1, () => Promise.reject(dataError()));
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({
      type: STEP_FAILED,
      nonRetryable: true,
      details: [{ kind: 'unprocessable-content', incidentId: 'incident-1', errorType: 'db.data-exception' }],
    });
    expect((error as Error).message).not.toContain('unsupported Unicode');
    expect(reports).toEqual([
      {
        kind: 'failed',
        caseType: 'risk-item',
        caseId: 'FX-2026-000001',
        workflowId: 'risk-item/FX-2026-000001',
        runId: 'run-1',
        activity: 'recordRiskItemStep',
        activityId: '7',
        step: 'assign',
        errorType: 'db.data-exception',
        message: 'The database refused the data of this step (SQLSTATE 22P05)',
        attempt: 1,
      },
    ]);
    expect(metrics).toContain(
      'duban_incidents_total{case_type="risk-item",activity="recordRiskItemStep",error_type="db.data-exception"} 1',
    );
  });

  it('counts an incident once, when an earlier attempt already recorded it', async () => {
    const { metrics } = await attempt(2, () => Promise.reject(dataError()), true);
    expect(metrics).not.toContain('duban_incidents_total{');
  });

  it('lets a transient failure be retried, unseen below the threshold', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { error, reports } = await attempt(THRESHOLD - 1, () => Promise.reject(refused));
    expect(error).toBe(refused);
    expect(reports).toEqual([]);
  });

  it('records a transient failure that reaches the threshold, and still lets it be retried', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { error, reports } = await attempt(THRESHOLD, () => Promise.reject(refused));
    expect(error).toBe(refused);
    expect(reports).toMatchObject([{ kind: 'retrying', errorType: 'Error', attempt: THRESHOLD }]);
  });

  it('records a failure the activity made non-retryable itself, and keeps its type for the caller', async () => {
    const gap = ApplicationFailure.create({
      type: 'calendar.out-of-range',
      message: 'no notice',
      nonRetryable: true,
    });
    const { error, reports } = await attempt(1, () => Promise.reject(gap));
    expect(error).toBe(gap);
    expect(reports).toMatchObject([{ kind: 'failed', errorType: 'calendar.out-of-range' }]);
  });

  it('passes a result through untouched', async () => {
    const { value, reports } = await attempt(1, () => Promise.resolve('done'));
    expect(value).toBe('done');
    expect(reports).toEqual([]);
  });
});
