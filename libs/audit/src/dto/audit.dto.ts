import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, IsDateTime } from '../../../platform/src/http/date-fields.js';
import { PageNumberQuery, WholeNumberField } from '../../../platform/src/http/query-decorators.js';
import { DailyChainKind } from '../../../ledger/src/daily-chain.js';

/** Any case's id (FX-…, KP-…, DB-…, and the ids of contexts still to come); never a path. */
export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class CaseIdParam {
  @ApiProperty({ example: 'FX-2026-000123' })
  @Matches(CASE_ID_PATTERN, { message: 'caseId must be a case id such as FX-2026-000123' })
  caseId: string;
}

export class TimelineQuery {
  @PageNumberQuery(200) page: number = 1;

  @WholeNumberField(1, 200, { required: false, example: 50, default: 50 })
  pageSize: number = 50;
}

const MOMENT_DOC =
  'a ledger sequence (3) or an ISO 8601 timestamp with an offset (2026-11-28T09:00:00+08:00)';

export class StateAtQuery {
  @ApiProperty({ description: MOMENT_DOC, example: '2026-11-28T09:00:00+08:00' })
  @IsString()
  @MaxLength(40)
  at: string;
}

export class DiffQuery {
  @ApiProperty({ description: MOMENT_DOC, example: '1' })
  @IsString()
  @MaxLength(40)
  from: string;

  @ApiProperty({ description: MOMENT_DOC, example: '2026-11-28T09:00:00+08:00' })
  @IsString()
  @MaxLength(40)
  to: string;
}

export class PeriodQuery {
  @ApiProperty({ example: '2026-11-01T00:00:00+08:00' })
  @IsDateTime()
  from: string;

  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' })
  @IsDateTime()
  to: string;
}

export class DailyChainParam {
  @ApiProperty({ enum: DailyChainKind, example: DailyChainKind.Access })
  @IsIn(Object.values(DailyChainKind))
  kind: DailyChainKind;

  @ApiProperty({ example: '2026-11-28', description: 'the day in Asia/Shanghai' })
  @IsCalendarDate()
  day: string;
}
