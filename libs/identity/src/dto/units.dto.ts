import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { OptionalBooleanQuery } from '../../../platform/src/http/query-decorators.js';
import { OptionalReasonField, ReasonField } from '../../../platform/src/http/reason-fields.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { UNIT_KINDS, type UnitKind } from '../unit.entity.js';

const unitId = { message: '$property must be a unit id such as amr (a-z, 0-9, dashes)' };
const kindMessage = { message: `kind must be one of ${UNIT_KINDS.join(', ')}` };
/** An import file, as text in the JSON body (CSV or YAML); a county's townships fit in far less. */
const IMPORT_MAX_LENGTH = 1_000_000;

export class CreateUnitDto {
  @ApiProperty({ example: 'township-xiaodong' })
  @IsString()
  @Matches(UNIT_ID_PATTERN, unitId)
  id: string;

  @RequiredText(100, { example: '小董乡' })
  nameZh: string;

  @RequiredText(200, { example: 'Xiaodong Township' })
  nameEn: string;

  @ApiProperty({ enum: UNIT_KINDS, example: 'township' })
  @IsIn(UNIT_KINDS, kindMessage)
  kind: UnitKind;

  @ApiPropertyOptional({ example: 'gov', nullable: true, type: String })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, unitId)
  parentId?: string;

  @OptionalReasonField('县政府批复新增乡镇')
  reason?: string;
}

export class ChangeUnitDto {
  @ApiPropertyOptional({ example: '小董乡' })
  @IsOptional()
  @RequiredText(100, { example: '小董乡' })
  nameZh?: string;

  @ApiPropertyOptional({ example: 'Xiaodong Township' })
  @IsOptional()
  @RequiredText(200, { example: 'Xiaodong Township' })
  nameEn?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS, kindMessage)
  kind?: UnitKind;

  @ApiPropertyOptional({
    example: 'gov',
    nullable: true,
    type: String,
    description: 'null: a top-level unit',
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @Matches(UNIT_ID_PATTERN, unitId)
  parentId?: string | null;

  @ReasonField('乡改镇')
  reason: string;
}

/** A unit as `GET /units` and the administrator's steps answer it. */
export class UnitView {
  @ApiProperty({ example: 'township-xiaodong' }) id: string;
  @ApiProperty({ example: '小董乡' }) nameZh: string;
  @ApiProperty({ example: 'Xiaodong Township' }) nameEn: string;
  @ApiProperty({ enum: UNIT_KINDS, example: 'township' }) kind: UnitKind;
  @ApiProperty({ example: 'gov', nullable: true, type: String, description: 'null: a top-level unit' })
  parentId: string | null;
  @ApiProperty({ description: 'false: deactivated (kept, takes no new people or work)' }) active: boolean;
  @ApiProperty({ description: 'an illustrative township seeded for local use' }) isSample: boolean;
}

export class UnitIdParam {
  @ApiProperty({ example: 'amr' })
  @Matches(UNIT_ID_PATTERN, unitId)
  id: string;
}

export class ImportUnitsDto {
  @ApiProperty({ enum: ['csv', 'yaml'] })
  @IsIn(['csv', 'yaml'])
  format: 'csv' | 'yaml';

  @ApiProperty({
    example:
      'id,nameZh,nameEn,kind,parentId,active\ntownship-xiaodong,小董乡,Xiaodong Township,township,gov,true',
    description:
      'CSV with the header id,nameZh,nameEn,kind,parentId,active, or a YAML list of the same fields',
  })
  @IsString()
  @MaxLength(IMPORT_MAX_LENGTH)
  content: string;

  @OptionalReasonField('导入全县乡镇（街道）名单')
  reason?: string;
}

export class ImportQuery {
  @OptionalBooleanQuery({ description: 'report what would change, change nothing' })
  dryRun?: boolean;
}

class ImportChange {
  @ApiProperty() id: string;
  @ApiProperty({ example: ['nameZh'] }) fields: string[];
}

class ImportProblemView {
  @ApiProperty({ example: 3 }) line: number;
  @ApiProperty({ example: 'kind' }) field: string;
  @ApiProperty({ example: 'must be one of township, …' }) message: string;
}

export class ImportReportView {
  @ApiProperty({ description: 'false on a dry run or when the file has problems (then nothing changed)' })
  applied: boolean;
  @ApiProperty({ type: [String] }) created: string[];
  @ApiProperty({ type: [ImportChange] }) changed: ImportChange[];
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [ImportProblemView] }) problems: ImportProblemView[];
}
