import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `county_government`: the county government (县人民政府), which directs the campaign. */
export type UnitKind = 'county_government' | 'county_office' | 'county_department' | 'township' | 'external';

@Entity({ name: 'unit' })
export class UnitEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'text' })
  kind: UnitKind;

  /** Marks the illustrative townships seeded for local use, so nobody mistakes them for real data. */
  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;
}
