import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type RiskItemState } from '../../contracts/src/risk-item.contracts.js';

/** Read model of a risk item: filterable columns plus the full state, written only by the worker. */
@Entity({ name: 'risk_item' })
export class RiskItemEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) source: string;
  @Column({ name: 'source_date', type: 'date' }) sourceDate: string;
  @Column({ name: 'action_no', type: 'smallint' }) actionNo: number;
  @Column({ name: 'business_name', type: 'text' }) businessName: string;
  /** Null for subjects without a credit code (stalls, workshops, farmers, fields, water bodies). */
  @Column({ name: 'business_credit_code', type: 'char', length: 18, nullable: true })
  businessCreditCode: string | null;
  @Column({ name: 'subject_kind', type: 'text' }) subjectKind: string;
  @Column({ name: 'business_address', type: 'text' }) businessAddress: string;
  @Column({ name: 'township_id', type: 'text' }) townshipId: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text' }) grade: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'boolean' }) overdue: boolean;
  @Column({ name: 'registering_unit_id', type: 'text' }) registeringUnitId: string;
  @Column({ name: 'registered_by', type: 'text' }) registeredBy: string;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'responsible_unit_id', type: 'text', nullable: true }) responsibleUnitId: string | null;
  @Column({ name: 'responsible_user_id', type: 'text', nullable: true }) responsibleUserId: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'reopen_of', type: 'text', nullable: true }) reopenOf: string | null;
  /** Items registered as reopenings of this closed one, oldest first (written by their first step). */
  @Column({ name: 'reopened_as', type: 'text', array: true, default: () => "'{}'" }) reopenedAs: string[];
  @Column({ name: 'criminal_threshold_at', type: 'timestamptz', nullable: true })
  criminalThresholdAt: Date | null;
  @Column({ name: 'referral_id', type: 'text', nullable: true }) referralId: string | null;
  /** Closed on an administrative outcome alone although over the criminal threshold (以罚代刑 flag). */
  @Column({ name: 'administrative_only', type: 'boolean' }) administrativeOnly: boolean;
  @Column({ type: 'jsonb' }) state: RiskItemState;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence: number;
}
