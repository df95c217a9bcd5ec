import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  IsAfterField,
  IsCalendarDate,
  IsDateTime,
  IsPeriod,
} from '../../../platform/src/http/date-fields.js';
import { ReasonField } from '../../../platform/src/http/reason-fields.js';
import { PageLimitQuery, PageOffsetQuery } from '../../../platform/src/http/query-decorators.js';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import {
  REPORT_REQUEST_ID_PATTERN,
  ReportingCycle,
  ReportRequestKind,
  ReportRequestStatus,
} from '../../../contracts/src/reporting.contracts.js';

export const BULLETIN_ID_PATTERN = /^TB-\d{4}-Q[1-4]-\d{1,6}$/;

export class ReportRequestIdParam {
  @ApiProperty({ example: 'BS-2023-02-amr-a5' })
  @Matches(REPORT_REQUEST_ID_PATTERN, { message: 'id must look like BS-2023-02-amr-a5' })
  id: string;
}

export class BulletinIdParam {
  @ApiProperty({ example: 'TB-2023-Q1-1' })
  @Matches(BULLETIN_ID_PATTERN, { message: 'id must look like TB-2023-Q1-1' })
  id: string;
}

export class YearParam {
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class CycleParam {
  @ApiProperty({ enum: ReportingCycle })
  @IsEnum(ReportingCycle)
  cycle: ReportingCycle;
}

export class ListReportRequestsQuery {
  @ApiPropertyOptional({ enum: ReportRequestStatus })
  @IsOptional()
  @IsEnum(ReportRequestStatus)
  status?: ReportRequestStatus;

  @ApiPropertyOptional({ enum: ReportRequestKind })
  @IsOptional()
  @IsEnum(ReportRequestKind)
  kind?: ReportRequestKind;

  @ApiPropertyOptional({ example: 'amr' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: '2023-02', description: 'A month (yyyy-mm) or, for deliverables, a year' })
  @IsOptional()
  @IsPeriod()
  period?: string;

  @PageLimitQuery(20, 200) limit?: number;
  @PageOffsetQuery() offset?: number;
}

/** A cycle run a person starts by hand: why, for the ledger. */
export class CycleRunDto {
  @ReasonField('月调度逢节假日顺延，手动运行 / 补齐 2022–2024 年的调度')
  reason: string;
}

/** The cycle runs a schedule would have made between two instants (the campaign ran 2022–2024). */
export class BackfillDto extends CycleRunDto {
  @ApiProperty({ example: '2022-07-01T00:00:00+08:00' })
  @IsDateTime()
  from: string;

  @ApiProperty({ example: '2024-12-31T23:59:59+08:00' })
  @IsDateTime()
  @IsAfterField('from')
  to: string;
}

export class UnitViewQuery {
  @ApiPropertyOptional({
    example: 'amr',
    description:
      "County-wide roles only: the unit to read (default the caller's own); unit staff always read their own",
  })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;
}

/** The county food-safety committee's (食安委) approval of a year's score, as recorded by its office. */
export class ApproveAssessmentDto {
  @ApiProperty({
    example: '县食安委〔2025〕1号',
    description: "The committee's decision or the minutes that approved it",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  committeeDecision: string;

  @ApiProperty({ example: '2025-01-15', description: 'The day the committee approved the score' })
  @IsCalendarDate()
  approvedOn: string;
}
