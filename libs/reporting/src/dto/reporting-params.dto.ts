import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, Matches, ValidateBy } from 'class-validator';
import {
  IsAfterField,
  IsDateTime,
  IsNotFutureDate,
  IsPeriod,
} from '../../../platform/src/http/date-fields.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
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

const YEAR_DIGITS = /^\d{4}$/;
const [FIRST_YEAR, LAST_YEAR] = [2000, 2100];

export class YearParam {
  @ApiProperty({ example: 2023, minimum: FIRST_YEAR, maximum: LAST_YEAR, description: 'Four digits' })
  // Only four digits are read as a year: Number would read 0x7e5, 02021 and "2021 " as 2021, and 2e3 as 2000.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && YEAR_DIGITS.test(value) ? Number(value) : value,
  )
  @ValidateBy({
    name: 'isYear',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && value >= FIRST_YEAR && value <= LAST_YEAR,
      defaultMessage: (args) =>
        typeof args?.value !== 'number'
          ? `${args?.property} must be a year written yyyy, such as 2023`
          : `${args.property} must not be ${args.value < FIRST_YEAR ? `less than ${FIRST_YEAR}` : `greater than ${LAST_YEAR}`}`,
    },
  })
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
  @RequiredText(200, {
    example: '县食安委〔2025〕1号',
    description: "The committee's decision or the minutes that approved it (not blank)",
  })
  committeeDecision: string;

  @ApiProperty({
    example: '2025-01-15',
    description: 'The day the committee approved the score: after the year, not after today (Asia/Shanghai)',
  })
  @IsNotFutureDate()
  approvedOn: string;
}
