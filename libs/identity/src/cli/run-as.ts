import { type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Role, type StepContext } from '../../../contracts/src/identity.js';
import { DubanError } from '../../../platform/src/errors/duban-error.js';
import { UnitsService } from '../units.service.js';

/**
 * Runs one change from the command line with the API's services, as the person `--as` names: an active
 * person in one of the roles `allowed` names, who is on the ledger for it as if they had taken it in the API. Prints what
 * `describe` makes of the result; a refusal goes to stderr with the API's field problems, exit code 2.
 */
export async function runAs<T>(
  module: Type<unknown>,
  personId: string,
  allowed: { roles: readonly Role[]; name: string },
  work: (app: INestApplicationContext, ctx: StepContext) => Promise<T>,
  describe: (result: T) => string,
): Promise<void> {
  const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
  try {
    const person = await app.get(UnitsService).findActiveUser(personId);
    if (!person || !allowed.roles.includes(person.role)) {
      throw new Error(`${personId} is not an active ${allowed.name} (--as)`);
    }
    const ctx = {
      actor: { userId: person.id, role: person.role, unitId: person.unitId },
      requestId: `cli-${Date.now()}`,
    };
    process.stdout.write(`${describe(await work(app, ctx))}\n`);
  } catch (err) {
    // DubanErrors carry the same field problems the API answers with.
    const fields =
      err instanceof DubanError && err.fields.length
        ? ` (${err.fields.map((f) => `${f.path}: ${f.message}`).join('; ')})`
        : '';
    process.stderr.write(`duban: ${err instanceof Error ? err.message : String(err)}${fields}\n`);
    process.exitCode = 2;
  } finally {
    await app.close();
  }
}
