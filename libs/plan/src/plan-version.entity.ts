import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type CampaignPlan } from '../../contracts/src/plan.contracts.js';

/** One loaded version of the campaign plan. Rows are append-only (the database refuses changes). */
@Entity({ name: 'plan_version' })
export class PlanVersionEntity {
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ name: 'document_no', type: 'text' }) documentNo: string;
  @Column({ name: 'loaded_at', type: 'timestamptz' }) loadedAt: Date;
  /** User id of whoever loaded it (`system` for the bundled plan on first start). */
  @Column({ name: 'loaded_by', type: 'text' }) loadedBy: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'jsonb' }) plan: CampaignPlan;
  /** The YAML exactly as loaded; `sha256` is its digest. */
  @Column({ type: 'text' }) source: string;
}
