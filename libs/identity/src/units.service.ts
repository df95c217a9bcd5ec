import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type Actor } from '../../contracts/src/identity.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { inactiveUnit, unknownUnit } from './identity.errors.js';
import { canSeeUnit } from './domain/access-policy.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async list(): Promise<UnitEntity[]> {
    return this.units.find({ order: { kind: 'ASC', id: 'ASC' } });
  }

  /**
   * A unit new work may name, e.g. the assignee of a new case: it exists and is active (a deactivated
   * unit has no one left to act, so its case would only run overdue). `fieldPath` names the field.
   */
  async requireUnit(unitId: string, fieldPath: string): Promise<UnitEntity> {
    return usableUnit(await this.units.findOneBy({ id: unitId }), unitId, fieldPath);
  }

  async findActiveUser(userId: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id: userId, active: true });
  }

  /** 404 rather than 403: a caller outside the unit must not learn that the record exists. */
  assertCanSee(actor: Actor, unitId: string, notFound: () => DubanError): void {
    if (!canSeeUnit(actor, unitId)) throw notFound();
  }
}

/** The unit found for `unitId` if new work may name it: it exists and is active. */
export function usableUnit(unit: UnitEntity | null, unitId: string, fieldPath: string): UnitEntity {
  if (!unit) throw unknownUnit(unitId, fieldPath);
  if (!unit.active) throw inactiveUnit(unitId, fieldPath);
  return unit;
}
