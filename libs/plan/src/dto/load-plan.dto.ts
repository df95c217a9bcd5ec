import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../platform/src/http/text-fields.js';
import { WholeNumberField } from '../../../platform/src/http/query-decorators.js';

/** A new plan version. A YAML body (application/yaml) arrives here as `{ yaml }`. */
export class LoadPlanDto {
  @ApiProperty({ description: 'The plan file (YAML), see README "Campaign plan"' })
  @IsString()
  @IsNotBlank()
  yaml: string;

  @ApiPropertyOptional({
    example: '更正行动八的计数指标',
    maxLength: 1000,
    description: 'Why, for the ledger',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  reason?: string;
}

export class PlanVersionParam {
  @WholeNumberField(1, 2_147_483_647, { example: 1 })
  version: number;
}
