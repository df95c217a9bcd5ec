import { readFileSync } from 'node:fs';
import { type Command } from 'commander';
import { type CampaignPlan } from '../../../contracts/src/plan.contracts.js';
import { loadConfig } from '../../../platform/src/config/app-config.js';
import { withDataSource } from '../../../platform/src/database/migrate.js';
import { BUNDLED_PLAN_FILE, readBundledPlan, seedUnits } from '../bundled-plan.js';
import { formatPlan } from '../domain/plan-text.js';
import { parsePlanSource } from '../plan-parser.js';
import { PlanVersionEntity } from '../plan-version.entity.js';
import { PlanStore } from '../plan.store.js';

/** Bad input exits with 2, as usage errors do, so scripts can tell it from a crash (1). */
const BAD_INPUT_EXIT_CODE = 2;

export function registerPlanCommand(program: Command): void {
  const plan = program.command('plan').description('the campaign plan (攻坚行动工作方案) as data');
  plan
    .command('validate')
    .description('check a plan file against the format and the reference units; every problem with its line')
    .argument('<file>', 'plan file (YAML)')
    .action((file: string) => {
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (err) {
        process.stderr.write(
          `error: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`,
        );
        process.exitCode = BAD_INPUT_EXIT_CODE;
        return;
      }
      const result = parsePlanSource(source, seedUnits());
      if (!result.ok) {
        for (const p of result.problems) {
          process.stderr.write(`${file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}\n`);
        }
        process.stderr.write(`${result.problems.length} problem(s)\n`);
        process.exitCode = BAD_INPUT_EXIT_CODE;
        return;
      }
      const { actions, deliverables } = result.plan;
      const indicators = actions.reduce((n, a) => n + a.indicators.length, 0);
      process.stdout.write(
        `${file}: valid — ${actions.length} actions, ${indicators} indicators, ${deliverables.length} deliverables; ` +
          `sha256 ${result.sha256}\n`,
      );
    });
  plan
    .command('show')
    .description(
      'print the active plan (from DATABASE_URL, e.g. the npm start stack) or, without one, the bundled plan',
    )
    .option('--bundled', 'the bundled plan even when a database is configured')
    .option('--json', 'machine-readable: the plan as data with its version details')
    .action(async (options: { bundled?: boolean; json?: boolean }) => {
      const shown = options.bundled || !process.env.DATABASE_URL ? bundled() : await active();
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...shown.about, plan: shown.plan }, null, 2)}\n`
          : `${shown.heading}\n\n${formatPlan(shown.plan)}`,
      );
    });
}

/** What `show` prints: a heading saying which plan this is, the same facts for --json, and the plan. */
interface ShownPlan {
  heading: string;
  about: Record<string, unknown>;
  plan: CampaignPlan;
}

function bundled(): ShownPlan {
  const result = parsePlanSource(readBundledPlan(), seedUnits());
  if (!result.ok)
    throw new Error(`the bundled plan ${BUNDLED_PLAN_FILE} is invalid; run duban plan validate on it`);
  return {
    heading: `bundled plan ${BUNDLED_PLAN_FILE} (sha256 ${result.sha256})`,
    about: { origin: 'bundled', file: BUNDLED_PLAN_FILE, sha256: result.sha256 },
    plan: result.plan,
  };
}

async function active(): Promise<ShownPlan> {
  const { plan, version, sha256, documentNo, loadedAt, loadedBy, reason } = await withDataSource(
    loadConfig().DATABASE_URL,
    (dataSource) => new PlanStore(dataSource).activeRecord(),
    [PlanVersionEntity],
  );
  return {
    heading: `active plan: version ${version} (sha256 ${sha256}), loaded ${loadedAt} by ${loadedBy}: ${reason}`,
    about: { origin: 'active', version, sha256, documentNo, loadedAt, loadedBy, reason },
    plan,
  };
}
