import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type Actor } from '../../contracts/src/identity.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { unknownUnit } from './identity.errors.js';
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

  /** A unit that must exist, e.g. the assignee of a new case; `fieldPath` names the request field. */
  async requireUnit(unitId: string, fieldPath: string): Promise<UnitEntity> {
    const unit = await this.units.findOneBy({ id: unitId });
    if (!unit) throw unknownUnit(unitId, fieldPath);
    return unit;
  }

  async findActiveUser(userId: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id: userId, active: true });
  }

  /** 404 rather than 403: a caller outside the unit must not learn that the record exists. */
  assertCanSee(actor: Actor, unitId: string, notFound: () => DubanError): void {
    if (!canSeeUnit(actor, unitId)) throw notFound();
  }
}
