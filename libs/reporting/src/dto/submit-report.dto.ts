import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsString, Matches, MaxLength } from 'class-validator';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { NestedArray } from '../../../platform/src/http/nested-fields.js';

export class IndicatorValueDto {
  @ApiProperty({ example: 'a5-rural-shops-standard' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'indicatorId must be an indicator id of the plan' })
  indicatorId: string;

  @ApiProperty({ example: 62.5, description: 'percent: 0–100; count: a whole number ≥ 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a number' })
  value: number;
}

/** A report request's answer; the values are checked against the request's indicators after this. */
export class SubmitReportDto {
  @ApiProperty({ type: [IndicatorValueDto], maxItems: 50 })
  @NestedArray(() => IndicatorValueDto, 50)
  values: IndicatorValueDto[];

  @RequiredText(10000, { example: '本月完成农村食品经营店规范化改造 12 家' })
  progress: string;

  @ApiProperty({ example: '部分偏远村店主配合度不高', maxLength: 5000, description: 'May be empty' })
  @IsString()
  @MaxLength(5000)
  problems: string;
}
