import { type DataSource } from 'typeorm';
import { Role, SYSTEM_ACTOR } from '../../../contracts/src/identity.js';
import { LedgerEntryEntity } from '../../../ledger/src/ledger-entry.entity.js';
import { LedgerService } from '../../../ledger/src/ledger.service.js';
import { withDataSource } from '../../../platform/src/database/migrate.js';
import { IdentityAction, IdentityLedger } from '../identity-ledger.js';
import { generatePassword, hashPassword } from '../password.service.js';
import { SEED_UNITS, SEED_USERS } from './reference-data.js';

/** Inserts the reference units; rows that already exist are left as they are. */
export async function seedReferenceData(dataSource: DataSource): Promise<{ units: number }> {
  return dataSource.transaction(async (tx) => {
    let units = 0;
    for (const u of SEED_UNITS) {
      const rows: unknown[] = await tx.query(
        `INSERT INTO unit (id, name_zh, name_en, kind, is_sample) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [u.id, u.nameZh, u.nameEn, u.kind, u.isSample ?? false],
      );
      units += rows.length;
    }
    return { units };
  });
}

/** A person created at setup, with the password to print once (it is stored only as a hash). */
export interface InitialCredentials {
  username: string;
  role: Role;
  unitId: string;
  password: string;
}

/**
 * The demo people (one per role); existing rows are kept. Returns the credentials of those inserted
 * now, each with a fresh random password: there are no fixed passwords.
 */
export async function seedDemoPeople(databaseUrl: string): Promise<InitialCredentials[]> {
  return withDataSource(databaseUrl, insertDemoPeople, [LedgerEntryEntity]);
}

async function insertDemoPeople(dataSource: DataSource): Promise<InitialCredentials[]> {
  const created: InitialCredentials[] = [];
  for (const u of SEED_USERS) {
    const password = generatePassword();
    const inserted = await insertPerson(
      dataSource,
      { ...u, username: u.id, password },
      'demo person (DUBAN_DEMO=1)',
    );
    if (inserted) created.push({ username: u.id, role: u.role, unitId: u.unitId, password });
  }
  return created;
}

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * On a database with no active administrator (a first start), creates `admin` in the food safety
 * office with a random password, returned to be printed once; otherwise does nothing.
 */
export async function ensureFirstAdmin(databaseUrl: string): Promise<InitialCredentials | null> {
  return withDataSource(databaseUrl, createFirstAdminIfNone, [LedgerEntryEntity]);
}

async function createFirstAdminIfNone(dataSource: DataSource): Promise<InitialCredentials | null> {
  const admins: unknown[] = await dataSource.query(
    `SELECT 1 FROM app_user WHERE role = $1 AND active LIMIT 1`,
    [Role.Admin],
  );
  if (admins.length > 0) return null;
  const password = generatePassword();
  const person = {
    id: FIRST_ADMIN_USERNAME,
    username: FIRST_ADMIN_USERNAME,
    displayName: '系统管理员',
    role: Role.Admin,
    unitId: 'fso',
    password,
  };
  const inserted = await insertPerson(dataSource, person, 'first start: no active administrator');
  return inserted ? { username: person.username, role: person.role, unitId: person.unitId, password } : null;
}

async function insertPerson(
  dataSource: DataSource,
  person: { id: string; username: string; displayName: string; role: Role; unitId: string; password: string },
  reason: string,
): Promise<boolean> {
  const passwordHash = await hashPassword(person.password);
  const ledger = new IdentityLedger(new LedgerService(dataSource));
  return dataSource.transaction(async (tx) => {
    const rows: unknown[] = await tx.query(
      `INSERT INTO app_user (id, username, display_name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [person.id, person.username, person.displayName, person.role, person.unitId, passwordHash],
    );
    if (rows.length === 0) return false;
    await ledger.record(tx, {
      actor: SYSTEM_ACTOR,
      action: IdentityAction.PersonCreated,
      subject: `person/${person.id}`,
      reason,
      before: null,
      after: { username: person.username, role: person.role, unitId: person.unitId, active: true },
      requestId: 'setup',
    });
    return true;
  });
}
