import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, Matches } from 'class-validator';
import { RiskGrade, RiskItemStatus, RiskSource } from '../../../contracts/src/risk-item.contracts.js';
import {
  ActionNoQuery,
  OptionalBooleanQuery,
  PageLimitQuery,
  PageOffsetQuery,
  SearchQuery,
} from '../../../platform/src/http/query-decorators.js';
import { IsDateTime } from '../../../platform/src/http/date-fields.js';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';

export const RISK_ITEM_SORTS = ['registeredAt', '-registeredAt', 'dueAt', '-dueAt', 'id', '-id'] as const;

export class ListRiskItemsQuery {
  @ApiPropertyOptional({ enum: RiskItemStatus })
  @IsOptional()
  @IsEnum(RiskItemStatus)
  status?: RiskItemStatus;

  @ApiPropertyOptional({
    example: 'amr',
    description: 'Responsible (or, before assignment, registering) unit',
  })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ enum: RiskGrade }) @IsOptional() @IsEnum(RiskGrade) grade?: RiskGrade;

  @OptionalBooleanQuery({ example: true })
  overdue?: boolean;

  @OptionalBooleanQuery({ description: 'Marked as meeting the criminal threshold (涉嫌犯罪)' })
  criminalThreshold?: boolean;

  @OptionalBooleanQuery({
    description:
      'Closed over the threshold on an administrative outcome alone, after a refused referral (以罚代刑 flag)',
  })
  administrativeOnly?: boolean;

  @ActionNoQuery()
  actionNo?: number;

  @ApiPropertyOptional({ enum: RiskSource }) @IsOptional() @IsEnum(RiskSource) source?: RiskSource;

  @ApiPropertyOptional({ example: 'township-sample-1' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'townshipId must be a unit id' })
  townshipId?: string;

  @ApiPropertyOptional({ example: '2026-12-31T16:00:00Z' }) @IsOptional() @IsDateTime() dueBefore?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' }) @IsOptional() @IsDateTime() dueAfter?: string;

  @SearchQuery(
    '惠民超市',
    "Text contained in the case number, the business's name or credit code, or the description",
  )
  q?: string;

  @ApiPropertyOptional({ enum: RISK_ITEM_SORTS, default: '-registeredAt' })
  @IsOptional()
  @IsIn(RISK_ITEM_SORTS)
  sort?: (typeof RISK_ITEM_SORTS)[number];

  @PageLimitQuery(20, 100) limit?: number;
  @PageOffsetQuery() offset?: number;
}
