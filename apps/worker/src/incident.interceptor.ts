import { type Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  type ActivityExecuteInput,
  type ActivityInboundCallsInterceptor,
  type ActivityInterceptorsFactory,
  type Next,
} from '@temporalio/worker';
import { asLedgerStep } from '../../../libs/contracts/src/audit.contracts.js';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { STEP_FAILED, type StepFailureDetails } from '../../../libs/contracts/src/incident.contracts.js';
import { classifyFailure } from '../../../libs/incidents/src/domain/failure-classification.js';
import { type IncidentMetrics } from '../../../libs/incidents/src/incident-metrics.js';
import {
  type IncidentRecorder,
  type IncidentReport,
} from '../../../libs/incidents/src/incident-recorder.service.js';

/** What an incident needs to know of the failure: its stable type and a message safe to show. */
interface FailureSummary {
  kind: IncidentReport['kind'];
  errorType: string;
  message: string;
}

/**
 * Every activity runs through this (decision 0014). A failure retrying cannot mend leaves the activity
 * as a non-retryable `engine.step-failed` carrying its incident's id; a failure the activity already
 * made non-retryable keeps its own type; both are recorded as an incident. A transient failure is
 * retried as before, and recorded once it reaches the retry threshold, so nothing retries unseen.
 */
export function incidentInterceptors(
  recorder: IncidentRecorder,
  metrics: IncidentMetrics,
  retryThreshold: number,
): ActivityInterceptorsFactory {
  return (ctx) => ({ inbound: new IncidentInterceptor(ctx, recorder, metrics, retryThreshold) });
}

class IncidentInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly ctx: Context,
    private readonly recorder: IncidentRecorder,
    private readonly metrics: IncidentMetrics,
    private readonly retryThreshold: number,
  ) {}

  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    try {
      return await next(input);
    } catch (err) {
      if (err instanceof ApplicationFailure) {
        if (err.nonRetryable)
          await this.report(input.args, {
            kind: 'failed',
            errorType: err.type ?? 'application',
            message: err.message,
          });
        else await this.reportIfRetriedTooOften(input.args, err.type ?? 'application');
        throw err;
      }
      const verdict = classifyFailure(err);
      if (!verdict.permanent) {
        await this.reportIfRetriedTooOften(input.args, err instanceof Error ? err.name : 'unknown');
        throw err;
      }
      const incidentId = await this.report(input.args, {
        kind: 'failed',
        errorType: verdict.errorType,
        message: verdict.message,
      });
      const details: StepFailureDetails = {
        kind: ErrorKind.UnprocessableContent,
        incidentId: incidentId ?? 'unrecorded',
        errorType: verdict.errorType,
      };
      throw ApplicationFailure.create({
        type: STEP_FAILED,
        message: `${verdict.message}; the step was not taken (incident ${details.incidentId})`,
        details: [details],
        nonRetryable: true,
      });
    }
  }

  private async reportIfRetriedTooOften(args: unknown[], errorType: string): Promise<void> {
    if (this.ctx.info.attempt < this.retryThreshold) return;
    await this.report(args, {
      kind: 'retrying',
      errorType,
      message: `Still failing after ${this.ctx.info.attempt} attempts (${errorType}); retrying with backoff`,
    });
  }

  /**
   * Records the incident (once per activity execution and kind), logs it and counts it. A recorder
   * that fails (the database itself is down) must not hide the failure: it is logged and counted.
   */
  private async report(args: unknown[], failure: FailureSummary): Promise<string | undefined> {
    const { info, log } = this.ctx;
    const step = asLedgerStep(args[0]);
    const workflowId = info.workflowExecution?.workflowId ?? '-';
    const incident: IncidentReport = {
      ...failure,
      caseType: step?.caseType ?? workflowId.split('/')[0],
      caseId: step?.caseId ?? workflowId.slice(workflowId.indexOf('/') + 1),
      workflowId,
      runId: info.workflowExecution?.runId ?? '-',
      activity: info.activityType,
      activityId: info.activityId,
      step: step?.action ?? null,
      attempt: info.attempt,
    };
    const labels = {
      caseType: incident.caseType,
      activity: incident.activity,
      errorType: incident.errorType,
    };
    try {
      const { id, created } = await this.recorder.record(incident);
      if (created) {
        this.metrics.count(labels);
        log.error('activity failure recorded as an incident', {
          incidentId: id,
          ...labels,
          kind: failure.kind,
        });
      }
      return id;
    } catch (err) {
      this.metrics.count(labels);
      log.error('activity failure could not be recorded as an incident', {
        ...labels,
        kind: failure.kind,
        recorderError: err instanceof Error ? err.name : 'unknown',
      });
      return undefined;
    }
  }
}
