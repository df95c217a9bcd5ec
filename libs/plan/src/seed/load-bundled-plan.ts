import { SYSTEM_ACTOR } from '../../../contracts/src/identity.js';
import { LedgerEntryEntity } from '../../../ledger/src/ledger-entry.entity.js';
import { LedgerService } from '../../../ledger/src/ledger.service.js';
import { withDataSource } from '../../../platform/src/database/migrate.js';
import { readBundledPlan } from '../bundled-plan.js';
import { PlanLoader } from '../plan-loader.service.js';
import { PlanVersionEntity } from '../plan-version.entity.js';
import { type PlanLoadOutcome } from '../plan-version.view.js';

/**
 * First start (npm start, `duban db migrate --seed`, e2e setup): loads the bundled plan when no
 * version exists. Never later: a plan an administrator loaded is not replaced by the bundled one.
 * Runs after the reference units are seeded, since the plan is checked against them.
 */
export async function loadBundledPlanOnFirstStart(databaseUrl: string): Promise<PlanLoadOutcome | undefined> {
  return withDataSource(
    databaseUrl,
    async (dataSource) => {
      const loader = new PlanLoader(dataSource, new LedgerService(dataSource));
      if (!(await loader.isEmpty())) return undefined;
      return loader.load(readBundledPlan(), {
        actor: SYSTEM_ACTOR,
        reason: '首次启动时载入随系统提供的工作方案（武政办〔2022〕5号）',
        requestId: 'seed',
      });
    },
    [PlanVersionEntity, LedgerEntryEntity],
  );
}
