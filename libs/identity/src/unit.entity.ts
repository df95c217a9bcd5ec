import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** `county_government`: the county government (县人民政府), which directs the campaign. */
export type UnitKind = 'county_government' | 'county_office' | 'county_department' | 'township' | 'external';
export const UNIT_KINDS: readonly UnitKind[] = [
  'county_government',
  'county_office',
  'county_department',
  'township',
  'external',
];

@Entity({ name: 'unit' })
export class UnitEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  /** Null: none given (optional since migration 1732954500000; a county's own list seldom has them). */
  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'text' })
  kind: UnitKind;

  /** E.g. a 街道 under the county government; null for top-level units. */
  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId: string | null;

  /** A unit that cases reference is deactivated, never deleted. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Marks the illustrative townships seeded for local use, so nobody mistakes them for real data. */
  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  /** When an administrator added it; null for the units the county started with (seeded with the plan). */
  @Column({ name: 'added_at', type: 'timestamptz', nullable: true, select: false })
  addedAt?: Date | null;

  /**
   * When it was last deactivated (停用), by an administrator or an import; null while in use, and for a
   * unit retired before the column whose retirement the identity chain does not hold (migration
   * 1732954600000). A year's assessment leaves out a unit retired before the year began; `GET /units`
   * answers it (the units page's 停用时间).
   */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', select: false })
  updatedAt: Date;
}
