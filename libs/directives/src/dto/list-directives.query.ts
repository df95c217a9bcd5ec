import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { DirectiveStatus } from '../../../contracts/src/directive.contracts.js';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { PageLimitQuery, PageOffsetQuery } from '../../../platform/src/http/query-decorators.js';

export class ListDirectivesQuery {
  @ApiPropertyOptional({ enum: DirectiveStatus, description: 'issued: waiting for the unit to acknowledge' })
  @IsOptional()
  @IsEnum(DirectiveStatus)
  status?: DirectiveStatus;

  @ApiPropertyOptional({ example: 'amr', description: 'The unit the directive is addressed to' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @PageLimitQuery(20, 200) limit?: number;
  @PageOffsetQuery() offset?: number;
}
