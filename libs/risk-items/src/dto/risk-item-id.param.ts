import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RISK_ITEM_ID_PATTERN } from '../../../contracts/src/risk-item.contracts.js';

export class RiskItemIdParam {
  @ApiProperty({ example: 'FX-2024-000123' })
  @Matches(RISK_ITEM_ID_PATTERN, { message: 'id must look like FX-2024-000123' })
  id: string;
}
