import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type ComplaintState } from '../../contracts/src/complaint.contracts.js';

/** Read model of a complaint or report, written only by the worker. It never holds the identity. */
@Entity({ name: 'complaint' })
export class ComplaintEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) category: string;
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId: string;
  @Column({ name: 'group_key', type: 'text' }) groupKey: string;
  @Column({ type: 'boolean' }) overdue: boolean;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  /** The earliest running clock's due time; null when no clock runs. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ type: 'jsonb' }) state: ComplaintState;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence: number;
}
