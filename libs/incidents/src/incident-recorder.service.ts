import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type IncidentKind } from './incident.entity.js';

/** What the worker knows of a failed activity execution; nothing in it comes from the failing data. */
export interface IncidentReport {
  kind: IncidentKind;
  caseType: string;
  caseId: string;
  workflowId: string;
  runId: string;
  activity: string;
  activityId: string;
  step: string | null;
  errorType: string;
  message: string;
  attempt: number;
}

/** Writes incidents from the worker: once per activity execution and kind, whatever the retries. */
@Injectable()
export class IncidentRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The incident's id, and whether this call recorded it (false when an earlier attempt had). */
  async record(report: IncidentReport): Promise<{ id: string; created: boolean }> {
    const rows: Array<{ id: string; created: boolean }> = await this.dataSource.query(
      `INSERT INTO incident (kind, case_type, case_id, workflow_id, run_id, activity, activity_id, step,
         error_type, message, attempt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (workflow_id, run_id, activity_id, kind) DO UPDATE SET attempt = incident.attempt
       RETURNING id, (xmax = 0) AS created`,
      [
        report.kind,
        report.caseType,
        report.caseId,
        report.workflowId,
        report.runId,
        report.activity,
        report.activityId,
        report.step,
        report.errorType,
        report.message,
        report.attempt,
      ],
    );
    return rows[0];
  }
}
