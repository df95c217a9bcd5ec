import { JwtService } from '@nestjs/jwt';
import { type Command } from 'commander';
import { jwtOptions } from '../../../../libs/identity/src/identity.module.js';
import { TokenService } from '../../../../libs/identity/src/token.service.js';
import { UserEntity } from '../../../../libs/identity/src/user.entity.js';
import { loadConfig } from '../../../../libs/platform/src/config/app-config.js';
import { withDataSource } from '../../../../libs/platform/src/database/migrate.js';

/** `duban token <user>`: a bearer token for a seeded user, for local use. */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a bearer token for a user (e.g. supervisor.fso, handler.amr)')
    .argument('<userId>', 'user id')
    .action(async (userId: string) => {
      const config = loadConfig();
      const user = await withDataSource(
        config.DATABASE_URL,
        (ds) => ds.getRepository(UserEntity).findOneBy({ id: userId, active: true }),
        [UserEntity],
      );
      if (!user) {
        process.stderr.write(`No active user ${userId}. Seeded users: see GET /units and the README.\n`);
        process.exitCode = 2;
        return;
      }
      const tokens = new TokenService(new JwtService(jwtOptions(config)), config);
      process.stdout.write(
        `${await tokens.issue({ userId: user.id, role: user.role, unitId: user.unitId })}\n`,
      );
    });
}
