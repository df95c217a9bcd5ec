import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type CardState } from '../../contracts/src/card.contracts.js';

/** Read model of a colour card (the card board), written only by the worker. */
@Entity({ name: 'card' })
export class CardEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId: string;
  /** The same unit and subject may get a new card after this one closes: steps go to this card's runs. */
  @Column({ name: 'first_run_id', type: 'text' }) firstRunId: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'text' }) subjectId: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'smallint' }) level: number;
  @Column({ type: 'text' }) colour: string;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'jsonb' }) state: CardState;
  @Column({ name: 'last_sequence', type: 'integer' }) lastSequence: number;
}
