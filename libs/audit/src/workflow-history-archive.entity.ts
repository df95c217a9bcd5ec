import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type HistoryJson } from './domain/history-events.js';

/** A closed run's history, kept after Temporal's retention drops it. */
@Entity({ name: 'workflow_history_archive' })
export class WorkflowHistoryArchiveEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @PrimaryColumn({ name: 'run_id', type: 'text' })
  runId: string;

  @Column({ name: 'workflow_type', type: 'text' })
  workflowType: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'close_time', type: 'timestamptz' })
  closeTime: Date;

  @Column({ type: 'jsonb' })
  history: HistoryJson;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'archived_at', type: 'timestamptz', insert: false })
  archivedAt: Date;
}
