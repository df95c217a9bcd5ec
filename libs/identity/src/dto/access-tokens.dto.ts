import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { USERNAME_PATTERN } from './people.dto.js';

const personMessage = { message: '$property must be a person id such as handler.amr' };

export class CreateAccessTokenDto {
  @RequiredText(100, { example: '月报导出脚本' })
  name: string;

  @ApiPropertyOptional({ example: 'handler.amr', description: 'for someone else: administrators only' })
  @IsOptional()
  @Matches(USERNAME_PATTERN, personMessage)
  personId?: string;
}

export class AccessTokensQuery {
  @ApiPropertyOptional({ example: 'handler.amr', description: 'administrators may list anyone’s' })
  @IsOptional()
  @Matches(USERNAME_PATTERN, personMessage)
  personId?: string;
}

export class AccessTokenIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class AccessTokenView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'handler.amr' }) personId: string;
  @ApiProperty({ example: '月报导出脚本' }) name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ example: 'admin.fso' }) createdBy: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedAccessTokenView extends AccessTokenView {
  @ApiProperty({ example: 'dbn_…', description: 'shown only in this answer; send as Authorization: Bearer' })
  token: string;
}
