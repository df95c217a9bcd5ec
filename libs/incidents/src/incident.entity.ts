import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type IncidentKind = 'failed' | 'retrying';

/** An activity failure an admin must see (migration 1732899600000). */
@Entity({ name: 'incident' })
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  kind: IncidentKind;

  @Column({ name: 'case_type', type: 'text' })
  caseType: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'run_id', type: 'text' })
  runId: string;

  @Column({ type: 'text' })
  activity: string;

  @Column({ name: 'activity_id', type: 'text' })
  activityId: string;

  @Column({ type: 'text', nullable: true })
  step: string | null;

  @Column({ name: 'error_type', type: 'text' })
  errorType: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'integer' })
  attempt: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;
}
