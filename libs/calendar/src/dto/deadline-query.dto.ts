import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { DEADLINE_UNIT_ALIASES, MAX_AMOUNT } from '../domain/calendar.types.js';
import { WholeNumberField } from '../../../platform/src/http/query-decorators.js';

const UNIT_NAMES = Object.keys(DEADLINE_UNIT_ALIASES);

export class DeadlineQueryDto {
  @ApiProperty({
    example: '2024-09-27',
    description: 'YYYY-MM-DD (that day in Asia/Shanghai) or an ISO 8601 instant with offset',
  })
  @IsString()
  @MaxLength(40)
  from: string;

  @WholeNumberField(1, Math.max(...Object.values(MAX_AMOUNT)), { example: 7 })
  amount: number;

  @ApiProperty({ example: 'workdays', enum: UNIT_NAMES })
  @IsIn(UNIT_NAMES)
  unit: string;
}
