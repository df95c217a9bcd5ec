import { ApiProperty } from '@nestjs/swagger';
import { type CampaignPlan, type StoredPlan } from '../../contracts/src/plan.contracts.js';
import { type PlanVersionEntity } from './plan-version.entity.js';

/** A version in the list: who loaded what, when and why, without the plan itself. */
export class PlanVersionSummary {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ example: 'c0ffee…', description: 'sha256 of the YAML source' }) sha256: string;
  @ApiProperty({ example: '武政办〔2022〕5号' }) documentNo: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) loadedAt: string;
  @ApiProperty({ example: 'admin.fso' }) loadedBy: string;
  @ApiProperty({ example: '更正行动八的指标' }) reason: string;
}

/** One version in full: the parsed plan and the YAML it came from. */
export class PlanVersionRecord extends PlanVersionSummary implements StoredPlan {
  @ApiProperty({ description: 'The plan as data (libs/contracts/src/plan.contracts.ts CampaignPlan)' })
  plan: CampaignPlan;
  @ApiProperty({ description: 'The YAML exactly as loaded' }) source: string;
}

export class PlanLoadOutcome {
  @ApiProperty({ description: 'false when the content equals the active version (nothing was loaded)' })
  loaded: boolean;
  @ApiProperty({ type: PlanVersionSummary, description: 'The new version, or the active one when unchanged' })
  version: PlanVersionSummary;
}

export function toPlanVersionSummary(row: PlanVersionEntity): PlanVersionSummary {
  return {
    version: row.version,
    sha256: row.sha256,
    documentNo: row.documentNo,
    loadedAt: row.loadedAt.toISOString(),
    loadedBy: row.loadedBy,
    reason: row.reason,
  };
}

export function toPlanVersionRecord(row: PlanVersionEntity): PlanVersionRecord {
  return { ...toPlanVersionSummary(row), plan: row.plan, source: row.source };
}

export function toStoredPlan(row: PlanVersionEntity): StoredPlan {
  return { version: row.version, sha256: row.sha256, loadedAt: row.loadedAt.toISOString(), plan: row.plan };
}
