import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsInt, Matches, Max, Min } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { RiskGrade, RiskSource } from '../../../contracts/src/risk-item.contracts.js';
import { IsCreditCode } from './is-credit-code.decorator.js';
import { IsNotFutureDate } from './is-not-future-date.decorator.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { NestedObject } from '../../../platform/src/http/nested-fields.js';

export class TargetBusinessDto {
  @RequiredText(200, { example: '武陟县某某食品经营部' })
  name: string;

  @ApiProperty({ example: '91350100M000100Y43', description: '统一社会信用代码, checked per GB 32100-2015' })
  @IsCreditCode()
  creditCode: string;

  @RequiredText(300, { example: '木城街道建设路88号' })
  address: string;

  @ApiProperty({
    example: 'township-sample-1',
    description: 'Unit id of the township (GET /units, kind township)',
  })
  @Matches(UNIT_ID_PATTERN, { message: 'townshipId must be a unit id such as township-sample-1' })
  townshipId: string;
}

export class RegisterRiskItemDto {
  @ApiProperty({ enum: RiskSource, example: RiskSource.Inspection })
  @IsEnum(RiskSource)
  source: RiskSource;

  @ApiProperty({
    example: '2024-09-27',
    description: 'When the hazard was found (YYYY-MM-DD, not in the future)',
  })
  @IsNotFutureDate()
  sourceDate: string;

  @ApiProperty({
    example: 5,
    minimum: 1,
    maximum: 12,
    description: 'Special action (专项行动) of the plan, 1–12',
  })
  @IsInt()
  @Min(1)
  @Max(12)
  actionNo: number;

  @ApiProperty({ type: TargetBusinessDto })
  @NestedObject(() => TargetBusinessDto)
  business: TargetBusinessDto;

  @RequiredText(2000, { example: '售卖超过保质期的预包装食品' })
  description: string;

  @ApiProperty({ enum: RiskGrade, example: RiskGrade.General })
  @IsEnum(RiskGrade)
  grade: RiskGrade;
}
