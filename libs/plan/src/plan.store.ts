import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type PlanSource, type StoredPlan } from '../../contracts/src/plan.contracts.js';
import { planNotLoaded, planVersionNotFound } from './plan.errors.js';
import { PlanVersionEntity } from './plan-version.entity.js';
import {
  toPlanVersionRecord,
  toPlanVersionSummary,
  toStoredPlan,
  type PlanVersionRecord,
  type PlanVersionSummary,
} from './plan-version.view.js';

/** Reads the stored plan versions; the newest is the active plan. Provided as PLAN_SOURCE. */
@Injectable()
export class PlanStore implements PlanSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async activePlan(): Promise<StoredPlan> {
    return toStoredPlan(await this.activeRow());
  }

  async planVersion(version: number): Promise<StoredPlan> {
    return toStoredPlan(await this.row(version));
  }

  async activeRecord(): Promise<PlanVersionRecord> {
    return toPlanVersionRecord(await this.activeRow());
  }

  async record(version: number): Promise<PlanVersionRecord> {
    return toPlanVersionRecord(await this.row(version));
  }

  /** Every version, newest first, without plan and source. */
  async versions(): Promise<PlanVersionSummary[]> {
    const rows = await this.repo().find({
      select: { version: true, sha256: true, documentNo: true, loadedAt: true, loadedBy: true, reason: true },
      order: { version: 'DESC' },
    });
    return rows.map(toPlanVersionSummary);
  }

  private async activeRow(): Promise<PlanVersionEntity> {
    const [row] = await this.repo().find({ order: { version: 'DESC' }, take: 1 });
    if (!row) throw planNotLoaded();
    return row;
  }

  private async row(version: number): Promise<PlanVersionEntity> {
    const row = await this.repo().findOneBy({ version });
    if (!row) throw planVersionNotFound(version);
    return row;
  }

  private repo() {
    return this.dataSource.getRepository(PlanVersionEntity);
  }
}
