import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageLimitQuery, PageOffsetQuery } from '../../../platform/src/http/query-decorators.js';
import { ReasonField } from '../../../platform/src/http/reason-fields.js';

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export class ListIncidentsQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, description: 'open or resolved; both when left out' })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ example: 'risk-item' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  caseType?: string;

  @PageLimitQuery(20, 100)
  limit?: number;

  @PageOffsetQuery()
  offset?: number;
}

export class ResolveIncidentDto {
  @ReasonField('数据已由经办人更正后重新提交 / the unit re-sent the step with corrected text')
  reason: string;
}
