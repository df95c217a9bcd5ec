import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { RiskGrade, RiskItemStatus, RiskSource } from '../../../contracts/src/risk-item.contracts.js';
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

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Marked as meeting the criminal threshold (涉嫌犯罪)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  criminalThreshold?: boolean;

  @ApiPropertyOptional({
    description:
      'Closed over the threshold on an administrative outcome alone, after a refused referral (以罚代刑 flag)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  administrativeOnly?: boolean;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  actionNo?: number;

  @ApiPropertyOptional({ enum: RiskSource }) @IsOptional() @IsEnum(RiskSource) source?: RiskSource;

  @ApiPropertyOptional({ example: 'township-sample-1' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'townshipId must be a unit id' })
  townshipId?: string;

  @ApiPropertyOptional({ example: '2026-12-31T16:00:00Z' }) @IsOptional() @IsISO8601() dueBefore?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' }) @IsOptional() @IsISO8601() dueAfter?: string;

  @ApiPropertyOptional({ example: '过期', description: 'Text contained in the description', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: RISK_ITEM_SORTS, default: '-registeredAt' })
  @IsOptional()
  @IsIn(RISK_ITEM_SORTS)
  sort?: (typeof RISK_ITEM_SORTS)[number];

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}
