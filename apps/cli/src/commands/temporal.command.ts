import { Connection } from '@temporalio/client';
import { type Command } from 'commander';
import { loadConfig } from '../../../../libs/platform/src/config/app-config.js';
import { ensureSearchAttributes } from '../../../../libs/platform/src/temporal/search-attributes.js';

/** `duban temporal register-search-attributes`: idempotent, for external Temporal servers. */
export function registerTemporalCommand(program: Command): void {
  program
    .command('temporal')
    .description('Temporal maintenance')
    .command('register-search-attributes')
    .description("add Duban's search attributes to the namespace (existing ones are kept)")
    .action(async () => {
      const config = loadConfig();
      const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
      try {
        const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
        process.stdout.write(
          added.length
            ? `added: ${added.join(', ')} (and waited for the server's services to have them)\n`
            : 'all search attributes present\n',
        );
      } finally {
        await connection.close();
      }
    });
}
