import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';

export class IssueDirectiveDto {
  @ApiProperty({ example: '请于本周内完成农贸市场快检室自查', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '根据攻坚行动方案第七项，请组织自查并上报结果。', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  body: string;

  @ApiProperty({ example: 'amr', description: 'Id of the unit that must acknowledge the directive' })
  @IsString()
  @Matches(UNIT_ID_PATTERN, { message: 'assigneeUnitId must be a unit id such as amr' })
  assigneeUnitId: string;
}
