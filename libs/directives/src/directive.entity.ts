import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of a directive, written only by the worker's activity, read by the API. */
@Entity({ name: 'directive' })
export class DirectiveEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'assignee_unit_id', type: 'text' })
  assigneeUnitId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence: number;
}
