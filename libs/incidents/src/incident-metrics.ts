import { Counter, Registry } from 'prom-client';

/** The worker's own Prometheus metrics (the Temporal SDK serves its metrics on another port). */
export class IncidentMetrics {
  readonly registry = new Registry();
  private readonly incidents = new Counter({
    name: 'duban_incidents_total',
    help: 'Activity failures recorded as incidents, by case type, activity and error type',
    labelNames: ['case_type', 'activity', 'error_type'],
    registers: [this.registry],
  });

  count(labels: { caseType: string; activity: string; errorType: string }): void {
    this.incidents.inc({
      case_type: labels.caseType,
      activity: labels.activity,
      error_type: labels.errorType,
    });
  }
}
