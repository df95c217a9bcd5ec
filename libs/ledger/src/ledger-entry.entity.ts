import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'ledger_entry' })
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'case_type', type: 'text' })
  caseType: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'actor_unit', type: 'text' })
  actorUnit: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'state_before', type: 'jsonb', nullable: true })
  stateBefore: unknown;

  @Column({ name: 'state_after', type: 'jsonb' })
  stateAfter: unknown;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false })
  recordedAt: Date;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId: string;

  @Column({ name: 'run_id', type: 'text' })
  runId: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
