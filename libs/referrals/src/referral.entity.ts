import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type ReferralState } from '../../contracts/src/referral.contracts.js';

/** Read model of a referral: filterable columns plus the full state, written only by the worker. */
@Entity({ name: 'referral' })
export class ReferralEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId: string;
  @Column({ name: 'action_no', type: 'smallint' }) actionNo: number;
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'source_ref', type: 'text' }) sourceRef: string;
  @Column({ type: 'text' }) category: string;
  @Column({ name: 'subject_kind', type: 'text', nullable: true }) subjectKind: string | null;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'boolean' }) overdue: boolean;
  @Column({ name: 'administrative_only', type: 'boolean' }) administrativeOnly: boolean;
  @Column({ name: 'addressed_to_police', type: 'boolean' }) addressedToPolice: boolean;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ name: 'transferred_at', type: 'timestamptz', nullable: true }) transferredAt: Date | null;
  @Column({ name: 'filed_at', type: 'timestamptz', nullable: true }) filedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'jsonb' }) state: ReferralState;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence: number;
}
