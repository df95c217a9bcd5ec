import 'reflect-metadata';
import { Command } from 'commander';
import { registerAccountsCommands } from '../../../libs/identity/src/cli/accounts.command.js';
import { registerAuditCommand } from '../../../libs/audit/src/cli/audit-verify.command.js';
import { registerDeadlineCommand } from '../../../libs/calendar/src/cli/deadline.command.js';
import { registerPlanCommand } from '../../../libs/plan/src/cli/plan.command.js';
import { registerReportingCommand } from '../../../libs/reporting/src/cli/reporting.command.js';
import { ConfigError } from '../../../libs/platform/src/config/app-config.js';
import { registerDbCommand } from './commands/db.command.js';
import { registerTemporalCommand } from './commands/temporal.command.js';
import { registerTokenCommand } from './commands/token.command.js';
import { loadRuntimeEnv } from './runtime-env.js';

loadRuntimeEnv();
const program = new Command('duban').description('Duban (督办) command line').showHelpAfterError();
registerDeadlineCommand(program);
registerTokenCommand(program);
registerDbCommand(program);
registerTemporalCommand(program);
registerPlanCommand(program);
registerAuditCommand(program);
registerReportingCommand(program);
registerAccountsCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `duban: ${String(err)}`}\n`);
  process.exitCode = 1;
});
