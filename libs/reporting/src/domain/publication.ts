import { type Bulletin, type IndicatorRow, type UnitRow } from './bulletin.js';
import { laggingSentence } from './bulletin-tables.js';
import { type StoredUnitScore } from './assessment.js';

/** What a unit reads of a published bulletin: its own lines in full, and where every unit ranks. */
export interface UnitBulletinView {
  unitId: string;
  own: UnitRow | null;
  indicators: IndicatorRow[];
  ranking: Array<Pick<UnitRow, 'rank' | 'unitId' | 'nameZh' | 'attainment' | 'laggingIndicators'>>;
  /**
   * The document's sentence on who is asked to catch up: the units behind and those that did not report
   * (from layout 4). The ranking already names every unit to every unit, so naming these tells no unit
   * anything it may not read. Absent for earlier layouts, whose views stand as they were answered.
   */
  catchUpZh?: string;
}

export function unitBulletinView(bulletin: Bulletin, unitId: string): UnitBulletinView {
  return {
    unitId,
    own: bulletin.units.find((u) => u.unitId === unitId) ?? null,
    indicators: bulletin.indicators.filter((r) => r.unitId === unitId),
    ranking: bulletin.units.map(({ rank, unitId: id, nameZh, attainment, laggingIndicators }) => ({
      rank,
      unitId: id,
      nameZh,
      attainment,
      laggingIndicators,
    })),
    ...(bulletin.layout >= 4 ? { catchUpZh: laggingSentence(bulletin) } : {}),
  };
}

/** A year's 专项得分: computed on read until 食安委 approves it, then frozen as approved. */
export interface AssessmentView {
  year: number;
  label: { zh: string; en: string };
  status: 'draft' | 'approved';
  planVersion: number;
  policyVersion: string;
  approval: {
    committeeDecision: string;
    approvedOn: string;
    approvedBy: string;
    recordedAt: string;
  } | null;
  /** A frozen year answers its breakdown as stored: one approved before 2026-12-03 has no Chinese fields. */
  units: StoredUnitScore[];
}

/** A score can be approved once its year is over (in Asia/Shanghai): 年考核 is of a whole year. */
export const yearIsOver = (year: number, today: string): boolean => today >= `${year + 1}-01-01`;
