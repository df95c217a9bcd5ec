import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_UNITS } from '../../identity/src/seed/reference-data.js';
import { packageRoot } from '../../platform/src/config/package-root.js';
import { type KnownUnits } from './domain/plan-rules.js';

/** The county plan as shipped (武政办〔2022〕5号), loaded on first start. */
export const BUNDLED_PLAN_FILE = join(
  packageRoot(import.meta.url),
  'libs/plan/data/wuzhi-2022-2024.plan.yaml',
);

export function readBundledPlan(): string {
  return readFileSync(BUNDLED_PLAN_FILE, 'utf8');
}

/** The reference units without a database: what `duban plan validate` checks a file against. */
export function seedUnits(): KnownUnits {
  return new Map(SEED_UNITS.map((u) => [u.id, u.nameZh]));
}
