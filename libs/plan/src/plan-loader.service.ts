import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, type SystemActor } from '../../contracts/src/identity.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { type KnownUnits } from './domain/plan-rules.js';
import { invalidPlan } from './plan.errors.js';
import { parsePlanSource } from './plan-parser.js';
import { PlanVersionEntity } from './plan-version.entity.js';
import { toPlanVersionSummary, type PlanLoadOutcome } from './plan-version.view.js';
import { NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';

export const PLAN_CASE_TYPE = 'plan';

/** The ledger chain of a campaign's plan loads, e.g. `plan/武政办〔2022〕5号`. */
export const planCaseId = (documentNo: string) => `plan/${documentNo}`;

export interface PlanLoadContext {
  actor: Actor | SystemActor;
  reason: string;
  requestId: string;
}

/**
 * Loads a plan version: validated against the units in the database, appended as the next version
 * and ledgered in one transaction. Content equal to the active version loads nothing.
 */
@Injectable()
export class PlanLoader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async load(source: string, context: PlanLoadContext): Promise<PlanLoadOutcome> {
    const parsed = parsePlanSource(source, await this.knownUnits());
    if (!parsed.ok) throw invalidPlan(parsed.problems);
    return this.dataSource.transaction(async (tx) => {
      // One loader at a time, so two loads can never both become version n.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [PLAN_CASE_TYPE]);
      const repo = tx.getRepository(PlanVersionEntity);
      const [active] = await repo.find({ order: { version: 'DESC' }, take: 1 });
      if (active?.sha256 === parsed.sha256) return { loaded: false, version: toPlanVersionSummary(active) };
      const loadedAt = new Date();
      const row = await repo.save(
        repo.create({
          version: (active?.version ?? 0) + 1,
          sha256: parsed.sha256,
          documentNo: parsed.plan.campaign.documentNo,
          loadedAt,
          loadedBy: context.actor.userId,
          reason: context.reason,
          plan: parsed.plan,
          source,
        }),
      );
      await this.ledgerLoad(tx, row, active, context);
      return { loaded: true, version: toPlanVersionSummary(row) };
    });
  }

  /** True when no version exists yet (first start). */
  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(PlanVersionEntity).count()) === 0;
  }

  private async ledgerLoad(
    tx: EntityManager,
    row: PlanVersionEntity,
    previous: PlanVersionEntity | undefined,
    context: PlanLoadContext,
  ): Promise<void> {
    const caseId = planCaseId(row.documentNo);
    const summary = (r: PlanVersionEntity) => ({
      version: r.version,
      sha256: r.sha256,
      documentNo: r.documentNo,
    });
    await this.ledger.appendNext(tx, {
      caseType: PLAN_CASE_TYPE,
      caseId,
      actor: context.actor,
      action: 'load-plan-version',
      reason: context.reason,
      stateBefore: previous ? summary(previous) : null,
      stateAfter: summary(row),
      occurredAt: row.loadedAt.toISOString(),
      workflowId: caseId,
      runId: NO_WORKFLOW_RUN,
      requestId: context.requestId,
    });
  }

  private async knownUnits(): Promise<KnownUnits> {
    const rows: Array<{ id: string; name_zh: string }> = await this.dataSource.query(
      'SELECT id, name_zh FROM unit',
    );
    return new Map(rows.map((r) => [r.id, r.name_zh]));
  }
}
