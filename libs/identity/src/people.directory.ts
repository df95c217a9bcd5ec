import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { toPersonView, type PersonView } from './person.view.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

export const personNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, 'identity.person-not-found', `No person ${id}`);

/** Reads people as the API shows them (with their unit's name). */
@Injectable()
export class PeopleDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async view(id: string): Promise<PersonView> {
    const person = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!person) throw personNotFound(id);
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: person.unitId });
    return toPersonView(person, unit);
  }
}
