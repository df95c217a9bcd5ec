import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches } from 'class-validator';
import { Role, UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { OptionalBooleanQuery } from '../../../platform/src/http/query-decorators.js';
import { OptionalReasonField, ReasonField } from '../../../platform/src/http/reason-fields.js';
import { OmittableNotNull, OptionalText, RequiredText } from '../../../platform/src/http/text-fields.js';
import { PersonView } from '../person.view.js';

/** Usernames are also the person's id in the ledger: lower-case letters, digits, dot, dash, underscore. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const roleField = { enum: Role, example: Role.Handler };
const roleMessage = { message: `role must be one of ${Object.values(Role).join(', ')}` };
const unitMessage = { message: 'unitId must be a unit id such as amr' };

export class CreatePersonDto {
  @ApiProperty({ example: 'zhang.wei', description: 'lower-case; becomes the person id' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 2-64 of a-z, 0-9, dot, dash, underscore' })
  username: string;

  @RequiredText(100, { example: '张伟' })
  displayName: string;

  @ApiProperty(roleField)
  @IsEnum(Role, roleMessage)
  role: Role;

  @ApiProperty({ example: 'amr' })
  @IsString()
  @Matches(UNIT_ID_PATTERN, unitMessage)
  unitId: string;

  @OptionalReasonField('新任市场监管局经办人')
  reason?: string;
}

export class ChangePersonDto {
  @OptionalText(100, { example: '张伟', description: 'left out: unchanged; null is refused' })
  displayName?: string;

  @ApiPropertyOptional({ ...roleField, description: 'left out: unchanged; null is refused' })
  @OmittableNotNull()
  @IsEnum(Role, roleMessage)
  role?: Role;

  @ApiPropertyOptional({ example: 'agri', description: 'left out: unchanged; null is refused' })
  @OmittableNotNull()
  @IsString()
  @Matches(UNIT_ID_PATTERN, unitMessage)
  unitId?: string;

  @ReasonField('调任农业农村局')
  reason: string;
}

export class PersonIdParam {
  @ApiProperty({ example: 'handler.amr' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'id must be a person id such as handler.amr' })
  id: string;
}

export class PeopleQuery {
  @ApiPropertyOptional({ example: 'amr' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, unitMessage)
  unitId?: string;

  @ApiPropertyOptional(roleField)
  @IsOptional()
  @IsEnum(Role, roleMessage)
  role?: Role;

  @OptionalBooleanQuery({ example: true })
  active?: boolean;
}

export class CreatedPersonView {
  @ApiProperty({ type: PersonView }) person: PersonView;
  @ApiProperty({ description: 'shown once; the person must change it at first sign-in' })
  initialPassword: string;
}

export class PasswordResetView {
  @ApiProperty({ description: 'shown once; the person must change it at next sign-in' })
  temporaryPassword: string;
}
