import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { NotificationKind } from '../../../contracts/src/notification.contracts.js';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';

export class CreateWebhookDto {
  @RequiredText(100, { example: '县政务平台对接' })
  name: string;

  @ApiProperty({ example: 'https://hooks.county.example/duban', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  // No user:password@: the URL is shown to every administrator, the secret is not.
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true },
    { message: 'url must be an http or https URL without credentials' },
  )
  url: string;

  @ApiProperty({
    example: 'f1c9a7e2d4b86a30c5e9f7a1b3d5c7e9a2b4c6d8',
    minLength: 32,
    maxLength: 256,
    description: 'HMAC-SHA256 key that signs every delivery; write-only, never returned',
    writeOnly: true,
  })
  @IsString()
  @MinLength(32)
  @MaxLength(256)
  secret: string;

  @ApiPropertyOptional({
    enum: NotificationKind,
    isArray: true,
    example: [NotificationKind.Overdue, NotificationKind.Escalation],
    description: 'Kinds to receive; empty or omitted means every kind',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.values(NotificationKind).length)
  @ArrayUnique()
  @IsEnum(NotificationKind, { each: true })
  kinds?: NotificationKind[];

  @ApiPropertyOptional({
    example: 'amr',
    nullable: true,
    description: 'Only cases of this unit; omitted or null means every unit',
  })
  @IsOptional()
  @IsString()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id such as amr' })
  unitId?: string | null;
}
