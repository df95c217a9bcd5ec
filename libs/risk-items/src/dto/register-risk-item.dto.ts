import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { RiskGrade, RiskSource } from '../../../contracts/src/risk-item.contracts.js';
import { TargetBusinessDto } from './subject.dto.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { NestedObject } from '../../../platform/src/http/nested-fields.js';
import { IsCaseDate } from '../../../platform/src/http/date-fields.js';
import { EARLIEST_CASE_DATE } from '../../../contracts/src/case-dates.js';

export class RegisterRiskItemDto {
  @ApiProperty({ enum: RiskSource, example: RiskSource.Inspection })
  @IsEnum(RiskSource)
  source: RiskSource;

  @ApiProperty({
    example: '2024-09-27',
    description: `When the hazard was found (YYYY-MM-DD, not in the future, not before ${EARLIEST_CASE_DATE})`,
  })
  @IsCaseDate()
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

  @ApiProperty({ type: TargetBusinessDto, description: 'The subject: a registered business or another kind' })
  @NestedObject(() => TargetBusinessDto)
  business: TargetBusinessDto;

  @RequiredText(2000, { example: '售卖超过保质期的预包装食品' })
  description: string;

  @ApiProperty({ enum: RiskGrade, example: RiskGrade.General })
  @IsEnum(RiskGrade)
  grade: RiskGrade;
}
