import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';

export class IssueDirectiveDto {
  @RequiredText(200, { example: '请于本周内完成农贸市场快检室自查' })
  title: string;

  @RequiredText(5000, { example: '根据攻坚行动方案第七项，请组织自查并上报结果。' })
  body: string;

  @ApiProperty({ example: 'amr', description: 'Id of the unit that must acknowledge the directive' })
  @IsString()
  @Matches(UNIT_ID_PATTERN, { message: 'assigneeUnitId must be a unit id such as amr' })
  assigneeUnitId: string;
}
