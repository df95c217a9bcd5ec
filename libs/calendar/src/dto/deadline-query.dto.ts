import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEADLINE_UNIT_ALIASES, MAX_AMOUNT } from '../domain/calendar.types.js';

const UNIT_NAMES = Object.keys(DEADLINE_UNIT_ALIASES);

export class DeadlineQueryDto {
  @ApiProperty({
    example: '2024-09-27',
    description: 'YYYY-MM-DD (that day in Asia/Shanghai) or an ISO 8601 instant with offset',
  })
  @IsString()
  @MaxLength(40)
  from: string;

  @ApiProperty({ example: 7, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Math.max(...Object.values(MAX_AMOUNT)))
  amount: number;

  @ApiProperty({ example: 'workdays', enum: UNIT_NAMES })
  @IsIn(UNIT_NAMES)
  unit: string;
}
