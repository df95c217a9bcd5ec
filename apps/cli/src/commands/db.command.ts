import { type Command } from 'commander';
import { seedReferenceData } from '../../../../libs/identity/src/seed/seed-reference-data.js';
import { loadBundledPlanOnFirstStart } from '../../../../libs/plan/src/seed/load-bundled-plan.js';
import { loadConfig } from '../../../../libs/platform/src/config/app-config.js';
import { runMigrations, withDataSource } from '../../../../libs/platform/src/database/migrate.js';

/** `duban db migrate [--seed]`: apply migrations, optionally insert the reference units and the plan. */
export function registerDbCommand(program: Command): void {
  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply pending migrations')
    .option(
      '--seed',
      'also insert the reference units (existing rows are kept) and the bundled plan if none is loaded',
    )
    .action(async (options: { seed?: boolean }) => {
      const config = loadConfig();
      const applied = await runMigrations(config.DATABASE_URL);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema up to date\n');
      if (options.seed) {
        const seeded = await withDataSource(config.DATABASE_URL, seedReferenceData);
        process.stdout.write(`seeded ${seeded.units} units\n`);
        const plan = await loadBundledPlanOnFirstStart(config.DATABASE_URL);
        process.stdout.write(
          plan ? `loaded plan version ${plan.version.version}\n` : 'a plan is loaded already\n',
        );
      }
    });
}
