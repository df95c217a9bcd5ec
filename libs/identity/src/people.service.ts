import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Role, type StepContext } from '../../contracts/src/identity.js';
import { type ChangePersonDto, type CreatePersonDto, type PeopleQuery } from './dto/people.dto.js';
import { IdentityAction, IdentityLedger } from './identity-ledger.js';
import { lastAdmin, personNotFound, usernameTaken } from './identity.errors.js';
import { usableUnit } from './units.service.js';
import { generatePassword, PasswordService } from './password.service.js';
import { toPersonView, type PersonView } from './person.view.js';
import { SessionService } from './session.service.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

/** The fields of a person the identity chain records (never the password hash). */
const recorded = (p: UserEntity) => ({
  username: p.username,
  displayName: p.displayName,
  role: p.role,
  unitId: p.unitId,
  active: p.active,
});

/**
 * Administration of people (admins only, at the controller). Each change and its identity-chain entry
 * commit together; a change that would leave no active administrator is refused.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly ledger: IdentityLedger,
  ) {}

  async list(query: PeopleQuery): Promise<PersonView[]> {
    const people = await this.dataSource.getRepository(UserEntity).find({
      where: pick(query, ['unitId', 'role', 'active']),
      order: { unitId: 'ASC', id: 'ASC' },
    });
    const units = new Map((await this.dataSource.getRepository(UnitEntity).find()).map((u) => [u.id, u]));
    return people.map((p) => toPersonView(p, units.get(p.unitId) ?? null));
  }

  async get(id: string): Promise<PersonView> {
    return this.dataSource.transaction(async (tx) => this.view(tx, await this.person(tx, id)));
  }

  /** A new person with a random first password, shown once, to be changed at first sign-in. */
  async create(
    dto: CreatePersonDto,
    ctx: StepContext,
  ): Promise<{ person: PersonView; initialPassword: string }> {
    const initialPassword = generatePassword();
    const passwordHash = await this.passwords.hash(initialPassword);
    const person = await this.dataSource.transaction(async (tx) => {
      await this.requireActiveUnit(tx, dto.unitId, 'unitId');
      // Serialise creations, so two requests for one username cannot both pass the check.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity/usernames'))`);
      const taken: unknown[] = await tx.query(
        `SELECT 1 FROM app_user WHERE id = $1 OR lower(username) = lower($1)`,
        [dto.username],
      );
      if (taken.length > 0) throw usernameTaken(dto.username);
      const created = tx.create(UserEntity, {
        id: dto.username,
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        unitId: dto.unitId,
        active: true,
        passwordHash,
        mustChangePassword: true,
      });
      await tx.insert(UserEntity, created);
      await this.record(tx, ctx, IdentityAction.PersonCreated, created, null, dto.reason ?? null);
      return this.view(tx, created);
    });
    return { person, initialPassword };
  }

  /** Role, unit or name; a new role or unit applies from the person's next request. */
  async change(id: string, dto: ChangePersonDto, ctx: StepContext): Promise<PersonView> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.person(tx, id);
      if (dto.unitId !== undefined && dto.unitId !== before.unitId) {
        await this.requireActiveUnit(tx, dto.unitId, 'unitId');
      }
      const after = { ...before, ...pick(dto, ['displayName', 'role', 'unitId']) };
      if (before.role === Role.Admin && after.role !== Role.Admin) await this.assertAnotherAdmin(tx, id);
      await tx.update(UserEntity, { id }, pick(dto, ['displayName', 'role', 'unitId']));
      await this.record(tx, ctx, IdentityAction.PersonChanged, after, before, dto.reason);
      return this.view(tx, after);
    });
  }

  /** Takes effect at the person's next request: sessions end now, tokens are refused from now. */
  async deactivate(id: string, reason: string, ctx: StepContext): Promise<PersonView> {
    return this.setActive(id, false, reason, ctx);
  }

  async reactivate(id: string, reason: string, ctx: StepContext): Promise<PersonView> {
    return this.setActive(id, true, reason, ctx);
  }

  /** A temporary password, shown once; the person must pick their own at next sign-in. Unlocks too. */
  async resetPassword(id: string, reason: string, ctx: StepContext): Promise<{ temporaryPassword: string }> {
    const temporaryPassword = generatePassword();
    const passwordHash = await this.passwords.hash(temporaryPassword);
    await this.dataSource.transaction(async (tx) => {
      const person = await this.person(tx, id);
      await tx.update(
        UserEntity,
        { id },
        { passwordHash, mustChangePassword: true, failedSignIns: 0, lockedUntil: null },
      );
      const ended = await this.sessions.endSessionsOf(tx, id, 'password reset');
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.PasswordReset,
        subject: `person/${id}`,
        reason,
        before: { mustChangePassword: person.mustChangePassword, lockedUntil: person.lockedUntil },
        after: { mustChangePassword: true, lockedUntil: null, sessionsEnded: ended },
        requestId: ctx.requestId,
      });
    });
    return { temporaryPassword };
  }

  private async setActive(
    id: string,
    active: boolean,
    reason: string,
    ctx: StepContext,
  ): Promise<PersonView> {
    return this.dataSource.transaction(async (tx) => {
      const before = await this.person(tx, id);
      if (before.active === active) return this.view(tx, before);
      if (!active && before.role === Role.Admin) await this.assertAnotherAdmin(tx, id);
      if (active) await this.requireActiveUnit(tx, before.unitId, 'unitId');
      await tx.update(UserEntity, { id }, { active });
      const ended = active ? 0 : await this.sessions.endSessionsOf(tx, id, 'deactivated');
      const after = { ...before, active };
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: active ? IdentityAction.PersonReactivated : IdentityAction.PersonDeactivated,
        subject: `person/${id}`,
        reason,
        before: recorded(before),
        after: { ...recorded(after), sessionsEnded: ended },
        requestId: ctx.requestId,
      });
      return this.view(tx, after);
    });
  }

  /** Under a lock, so two admins demoting each other at once cannot both pass. */
  private async assertAnotherAdmin(tx: EntityManager, exceptId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity/admins'))`);
    const others: unknown[] = await tx.query(
      `SELECT 1 FROM app_user WHERE role = $1 AND active AND id <> $2 LIMIT 1`,
      [Role.Admin, exceptId],
    );
    if (others.length === 0) throw lastAdmin();
  }

  private async requireActiveUnit(tx: EntityManager, unitId: string, field: string): Promise<void> {
    usableUnit(await tx.findOneBy(UnitEntity, { id: unitId }), unitId, field);
  }

  private async person(tx: EntityManager, id: string): Promise<UserEntity> {
    const person = await tx.findOneBy(UserEntity, { id });
    if (!person) throw personNotFound(id);
    return person;
  }

  private async view(tx: EntityManager, person: UserEntity): Promise<PersonView> {
    return toPersonView(person, await tx.findOneBy(UnitEntity, { id: person.unitId }));
  }

  private async record(
    tx: EntityManager,
    ctx: StepContext,
    action: IdentityAction,
    after: UserEntity,
    before: UserEntity | null,
    reason: string | null,
  ): Promise<void> {
    await this.ledger.record(tx, {
      actor: ctx.actor,
      action,
      subject: `person/${after.id}`,
      reason,
      before: before && recorded(before),
      after: recorded(after),
      requestId: ctx.requestId,
    });
  }
}

/** The fields of `source` among `keys` that are set. */
function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(
    keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]),
  ) as Partial<Pick<T, K>>;
}
