import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '../../contracts/src/identity.js';
import { UserEntity } from './user.entity.js';

/**
 * One official as every signed-in official may see them (decision 0020, staff directory): the name
 * that goes with the id the ledger records, and nothing of their account.
 */
export class StaffEntryView {
  @ApiProperty({ example: 'handler.amr', description: 'the id that steps, cases and the ledger name' })
  id: string;
  @ApiProperty({ example: '王明' }) displayName: string;
  @ApiProperty({ enum: Role, example: Role.Handler }) role: Role;
  @ApiProperty({ example: 'amr' }) unitId: string;
  @ApiProperty({
    example: true,
    description: 'false: deactivated, still listed because their past steps need a name',
  })
  active: boolean;
}

@Injectable()
export class StaffDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everyone, deactivated people too, by unit: a county's few hundred officials make one short list. */
  async list(): Promise<StaffEntryView[]> {
    const people = await this.dataSource.getRepository(UserEntity).find({
      select: { id: true, displayName: true, role: true, unitId: true, active: true },
      order: { unitId: 'ASC', id: 'ASC' },
    });
    return people.map(toStaffEntry);
  }
}

export function toStaffEntry({ id, displayName, role, unitId, active }: UserEntity): StaffEntryView {
  return { id, displayName, role, unitId, active };
}
