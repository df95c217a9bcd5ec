import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { type Command } from 'commander';
import { Role, type StepContext } from '../../../contracts/src/identity.js';
import { ConfigModule } from '../../../platform/src/config/config.module.js';
import { DatabaseModule } from '../../../platform/src/database/database.module.js';
import { validInput } from '../../../platform/src/errors/validation.js';
import { ChangePersonDto, CreatePersonDto } from '../dto/people.dto.js';
import { IdentityReasonDto } from '../dto/reason.dto.js';
import { ChangeUnitDto, CreateUnitDto, ImportUnitsDto } from '../dto/units.dto.js';
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
      asAdmin(o.as, async (app, ctx) =>
        app.get(PeopleService).create(
          await validInput(CreatePersonDto, {
            username,
            displayName: o.name,
            role: o.role,
            unitId: o.unit,
            reason: o.reason,
          }),
          ctx,
        ),
      ),
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
      asAdmin(o.as, async (app, ctx) =>
        app.get(PeopleService).change(
          id,
          await validInput(ChangePersonDto, {
            displayName: o.name,
            role: o.role,
            unitId: o.unit,
            reason: o.reason,
          }),
          ctx,
        ),
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
        asAdmin(o.as, async (app, ctx) => {
          const { reason } = await validInput(IdentityReasonDto, { reason: o.reason });
          return active
            ? app.get(PeopleService).reactivate(id, reason, ctx)
            : app.get(PeopleService).deactivate(id, reason, ctx);
        }),
      );
  }
  people
    .command('reset-password <id>')
    .requiredOption('--reason <reason>')
    .requiredOption(...AS)
    .description('a temporary password (printed once) that must be changed at next sign-in')
    .action((id: string, o: { reason: string; as: string }) =>
      asAdmin(o.as, async (app, ctx) => {
        const { reason } = await validInput(IdentityReasonDto, { reason: o.reason });
        return app.get(PeopleService).resetPassword(id, reason, ctx);
      }),
    );

  const units = program
    .command('units')
    .description('add, rename, deactivate and import units (administrators)');
  units
    .command('add <id>')
    .requiredOption('--zh <nameZh>')
    .option('--en <nameEn>', 'the English name (optional)')
    .requiredOption('--kind <kind>')
    .option('--parent <parentId>')
    .requiredOption(...AS)
    .action((id: string, o: { zh: string; en?: string; kind: UnitKind; parent?: string; as: string }) =>
      asAdmin(o.as, async (app, ctx) =>
        app.get(UnitsAdminService).create(
          await validInput(CreateUnitDto, {
            id,
            nameZh: o.zh,
            nameEn: o.en,
            kind: o.kind,
            parentId: o.parent,
          }),
          ctx,
        ),
      ),
    );
  units
    .command('rename <id>')
    .option('--zh <nameZh>')
    .option('--en <nameEn>')
    .requiredOption('--reason <reason>')
    .requiredOption(...AS)
    .action((id: string, o: { zh?: string; en?: string; reason: string; as: string }) =>
      asAdmin(o.as, async (app, ctx) =>
        app
          .get(UnitsAdminService)
          .change(id, await validInput(ChangeUnitDto, { nameZh: o.zh, nameEn: o.en, reason: o.reason }), ctx),
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
        asAdmin(o.as, async (app, ctx) => {
          const { reason } = await validInput(IdentityReasonDto, { reason: o.reason });
          return app.get(UnitsAdminService).setActive(id, active, reason, ctx);
        }),
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
        const body = await validInput(ImportUnitsDto, {
          format: extname(file).toLowerCase() === '.csv' ? 'csv' : 'yaml',
          content: readFileSync(file, 'utf8'),
          reason: o.reason,
        });
        const report = await app
          .get(UnitsAdminService)
          .import(body.content, body.format, { dryRun: o.dryRun ?? false, reason: body.reason ?? null }, ctx);
        if (report.problems.length > 0) process.exitCode = 2;
        return report;
      }),
    );
}
