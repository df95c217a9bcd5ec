import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../contracts/src/identity.js';
import { type UnitEntity } from './unit.entity.js';
import { type UserEntity } from './user.entity.js';

/** A person as the API shows them: never a password hash, lockout counter or OIDC subject. */
export class PersonView {
  @ApiProperty({ example: 'handler.amr' }) id: string;
  @ApiProperty({ example: 'handler.amr' }) username: string;
  @ApiProperty({ example: '市场监管局经办人' }) displayName: string;
  @ApiProperty({ enum: Role, example: Role.Handler }) role: Role;
  @ApiProperty({ example: 'amr' }) unitId: string;
  @ApiProperty({ example: '市场监管局' }) unitName: string;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({
    example: false,
    description: 'true after an admin reset, until the person picks a password',
  })
  mustChangePassword: boolean;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'locked after failed sign-ins until',
  })
  lockedUntil: string | null;
}

export function toPersonView(person: UserEntity, unit: Pick<UnitEntity, 'nameZh'> | null): PersonView {
  return {
    id: person.id,
    username: person.username,
    displayName: person.displayName,
    role: person.role,
    unitId: person.unitId,
    unitName: unit?.nameZh ?? person.unitId,
    active: person.active,
    mustChangePassword: person.mustChangePassword,
    lockedUntil:
      person.lockedUntil && person.lockedUntil > new Date() ? person.lockedUntil.toISOString() : null,
  };
}
