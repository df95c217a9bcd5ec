import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { type Command } from 'commander';
import { Role, type StepContext } from '../../../contracts/src/identity.js';
import { ConfigModule } from '../../../platform/src/config/config.module.js';
import { DatabaseModule } from '../../../platform/src/database/database.module.js';
import { IdentityModule } from '../identity.module.js';
import { PeopleService } from '../people.service.js';
import { UnitsAdminService } from '../units-admin.service.js';
import { type UnitKind } from '../unit.entity.js';
import { runAs } from './run-as.js';

@Module({ imports: [ConfigModule, DatabaseModule, IdentityModule], providers: [UnitsAdminService] })
class AccountsCliModule {}

/**
 * Runs one administrative change with the same services (and the same identity-chain entries) as the
 * API. `--as` names the administrator who is responsible for it.
 */
function asAdmin<T>(adminId: string, work: (app: INestApplicationContext, ctx: StepContext) => Promise<T>) {
  const administrator = { roles: [Role.Admin], name: 'administrator' };
  return runAs(AccountsCliModule, adminId, administrator, work, (result) => JSON.stringify(result, null, 2));
}

const AS = ['--as <adminId>', 'the administrator responsible (ledgered)'] as const;

/** `duban people …` and `duban units …`: the admin API's changes from the command line. */
export function registerAccountsCommands(program: Command): void {
  const people = program.command('people').description('add and change people (administrators)');
  people
    .command('add <username>')
    .requiredOption('--name <displayName>')
    .requiredOption('--role <role>', Object.values(Role).join(' | '))
    .requiredOption('--unit <unitId>')
    .requiredOption(...AS)
    .option('--reason <reason>')
    .description('create a person; prints the one-time password')
    .action((username: string, o: { name: string; role: Role; unit: string; as: string; reason?: string }) =>
      asAdmin(o.as, (app, ctx) => {
        if (!Object.values(Role).includes(o.role))
          throw new Error(`--role must be one of ${Object.values(Role).join(', ')}`);
        return app
          .get(PeopleService)
          .create({ username, displayName: o.name, role: o.role, unitId: o.unit, reason: o.reason }, ctx);
      }),
    );
  people
    .command('change <id>')
    .option('--name <displayName>')
    .option('--role <role>')
    .option('--unit <unitId>')
    .requiredOption('--reason <reason>')
    .requiredOption(...AS)
    .description("change a person's role, unit or name")
    .action((id: string, o: { name?: string; role?: Role; unit?: string; reason: string; as: string }) =>
      asAdmin(o.as, (app, ctx) =>
        app
          .get(PeopleService)
          .change(id, { displayName: o.name, role: o.role, unitId: o.unit, reason: o.reason }, ctx),
      ),
    );
  for (const [name, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    people
      .command(`${name} <id>`)
      .requiredOption('--reason <reason>')
      .requiredOption(...AS)
      .action((id: string, o: { reason: string; as: string }) =>
        asAdmin(o.as, (app, ctx) =>
          active
            ? app.get(PeopleService).reactivate(id, o.reason, ctx)
            : app.get(PeopleService).deactivate(id, o.reason, ctx),
        ),
      );
  }
  people
    .command('reset-password <id>')
    .requiredOption('--reason <reason>')
    .requiredOption(...AS)
    .description('a temporary password (printed once) that must be changed at next sign-in')
    .action((id: string, o: { reason: string; as: string }) =>
      asAdmin(o.as, (app, ctx) => app.get(PeopleService).resetPassword(id, o.reason, ctx)),
    );

  const units = program
    .command('units')
    .description('add, rename, deactivate and import units (administrators)');
  units
    .command('add <id>')
    .requiredOption('--zh <nameZh>')
    .requiredOption('--en <nameEn>')
    .requiredOption('--kind <kind>')
    .option('--parent <parentId>')
    .requiredOption(...AS)
    .action((id: string, o: { zh: string; en: string; kind: UnitKind; parent?: string; as: string }) =>
      asAdmin(o.as, (app, ctx) =>
        app
          .get(UnitsAdminService)
          .create({ id, nameZh: o.zh, nameEn: o.en, kind: o.kind, parentId: o.parent }, ctx),
      ),
    );
  units
    .command('rename <id>')
    .option('--zh <nameZh>')
    .option('--en <nameEn>')
    .requiredOption('--reason <reason>')
    .requiredOption(...AS)
    .action((id: string, o: { zh?: string; en?: string; reason: string; as: string }) =>
      asAdmin(o.as, (app, ctx) =>
        app.get(UnitsAdminService).change(id, { nameZh: o.zh, nameEn: o.en, reason: o.reason }, ctx),
      ),
    );
  for (const [name, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    units
      .command(`${name} <id>`)
      .requiredOption('--reason <reason>')
      .requiredOption(...AS)
      .action((id: string, o: { reason: string; as: string }) =>
        asAdmin(o.as, (app, ctx) => app.get(UnitsAdminService).setActive(id, active, o.reason, ctx)),
      );
  }
  units
    .command('import <file>')
    .option('--dry-run', 'report only')
    .option('--reason <reason>')
    .requiredOption(...AS)
    .description('create and update units from a .csv or .yaml file (all or nothing; problems by line)')
    .action((file: string, o: { dryRun?: boolean; reason?: string; as: string }) =>
      asAdmin(o.as, async (app, ctx) => {
        const format = extname(file).toLowerCase() === '.csv' ? 'csv' : 'yaml';
        const report = await app
          .get(UnitsAdminService)
          .import(
            readFileSync(file, 'utf8'),
            format,
            { dryRun: o.dryRun ?? false, reason: o.reason ?? null },
            ctx,
          );
        if (report.problems.length > 0) process.exitCode = 2;
        return report;
      }),
    );
}
