import { ApiProperty } from '@nestjs/swagger';
import { type IncidentEntity, type IncidentKind } from './incident.entity.js';

/** An incident as admins and auditors see it: where it happened and what kind of failure, never the data. */
export class IncidentView {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) id: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) occurredAt: string;
  @ApiProperty({
    enum: ['failed', 'retrying'],
    description: 'failed: the step was refused (retrying cannot mend it); retrying: still being retried',
  })
  kind: IncidentKind;
  @ApiProperty({ example: 'risk-item' }) caseType: string;
  @ApiProperty({ example: 'FX-2026-000123' }) caseId: string;
  @ApiProperty({ example: 'risk-item/FX-2026-000123' }) workflowId: string;
  @ApiProperty({ example: '0193a5b2-8c1d-7e4f-9a6b-2c3d4e5f6a7b' }) runId: string;
  @ApiProperty({ example: 'recordRiskItemStep' }) activity: string;
  @ApiProperty({ example: 'assign', nullable: true, type: String }) step: string | null;
  @ApiProperty({ example: 'db.data-exception' }) errorType: string;
  @ApiProperty({ example: 'The database refused the data of this step (SQLSTATE 22P05)' }) message: string;
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ enum: ['open', 'resolved'] }) status: 'open' | 'resolved';
  @ApiProperty({ example: null, nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) resolution: string | null;
}

export class IncidentPageView {
  @ApiProperty({ type: [IncidentView] }) items: IncidentView[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 20 }) limit: number;
  @ApiProperty({ example: 0 }) offset: number;
}

export function toIncidentView(row: IncidentEntity): IncidentView {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    kind: row.kind,
    caseType: row.caseType,
    caseId: row.caseId,
    workflowId: row.workflowId,
    runId: row.runId,
    activity: row.activity,
    step: row.step,
    errorType: row.errorType,
    message: row.message,
    attempt: row.attempt,
    status: row.resolvedAt ? 'resolved' : 'open',
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolution: row.resolution,
  };
}
