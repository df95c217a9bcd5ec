import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import {
  NEW_UNIT_ID_PATTERN,
  NEW_UNIT_ID_RULE,
  UNIT_ID_PATTERN,
  UNIT_IMPORT_COLUMNS,
} from '../../../contracts/src/identity.js';
import { OptionalBooleanQuery, stacked } from '../../../platform/src/http/query-decorators.js';
import { OptionalReasonField, ReasonField } from '../../../platform/src/http/reason-fields.js';
import {
  NullableText,
  OmittableNotNull,
  OptionalText,
  RequiredText,
} from '../../../platform/src/http/text-fields.js';
import { UNIT_IMPORT_PROBLEMS_LISTED } from '../domain/unit-import.js';
import {
  tidyUnitName,
  UNIT_NAME_MAX_LENGTH,
  unitNameProblem,
  type UnitNameField,
} from '../domain/unit-names.js';
import { UNIT_KINDS, type UnitKind } from '../unit.entity.js';

const unitId = { message: '$property must be a unit id such as amr (a-z, 0-9, dashes)' };
const kindMessage = { message: `kind must be one of ${UNIT_KINDS.join(', ')}` };
/**
 * An import file, as text in the JSON body (CSV or YAML). Over HTTP the whole body must also fit
 * BODY_LIMIT (100 KB by default, in UTF-8 bytes, where a Chinese character takes three), which is
 * reached first; this bound holds for the command line, which reads the file itself. A county's
 * townships take a few kilobytes.
 */
const IMPORT_MAX_LENGTH = 100_000;

/** The names each column of an import may go by, for the API's documentation. */
const COLUMN_NAMES = Object.entries(UNIT_IMPORT_COLUMNS)
  .map(([field, names]) => `${field} (${names.join(', ')})`)
  .join(', ');

const nameNotes =
  'stored without white space before or after it; control characters (tab, line break, C0/C1) refused';

/**
 * A unit's name: stored trimmed (by every door: the DTO trims before its rules run, so blank and length
 * are judged on what is stored), no control characters, at most the shared limit. `required`; `omittable`
 * (left out: unchanged; null refused); `nullable` (left out or null: none; the English name).
 */
function UnitName(
  field: UnitNameField,
  example: string,
  presence: 'required' | 'omittable' | 'nullable',
  nullMeans = '',
): PropertyDecorator {
  const doc = { example, description: [nullMeans, nameNotes].filter(Boolean).join('; ') };
  const maxLength = UNIT_NAME_MAX_LENGTH[field];
  const text = {
    required: () => RequiredText(maxLength, doc),
    omittable: () => OptionalText(maxLength, doc),
    nullable: () => NullableText(maxLength, doc),
  }[presence];
  return stacked(
    text(),
    ValidateBy({
      name: 'isUnitName',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || unitNameProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${unitNameProblem(String(args?.value))}`,
      },
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? tidyUnitName(value) : value)),
  );
}

export class CreateUnitDto {
  @ApiProperty({
    example: 'township-xiaodong',
    pattern: NEW_UNIT_ID_PATTERN.source,
    description: `the new unit's code, kept for good: ${NEW_UNIT_ID_RULE} (not \`-\`, \`-abc\` or \`abc-\`)`,
  })
  @IsString()
  @Matches(NEW_UNIT_ID_PATTERN, { message: `$property ${NEW_UNIT_ID_RULE}` })
  id: string;

  @UnitName('nameZh', '小董乡', 'required')
  nameZh: string;

  @UnitName('nameEn', 'Xiaodong Township', 'nullable', 'optional: left out or null, the unit has none')
  nameEn?: string | null;

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
  @UnitName('nameZh', '小董乡', 'omittable')
  nameZh?: string;

  @UnitName('nameEn', 'Xiaodong Township', 'nullable', 'left out: unchanged; null: the unit has none')
  nameEn?: string | null;

  @ApiPropertyOptional({ enum: UNIT_KINDS, description: 'left out: unchanged; null is refused' })
  @OmittableNotNull()
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
  @ApiProperty({
    example: 'Xiaodong Township',
    nullable: true,
    type: String,
    description: 'null: none given (optional)',
  })
  nameEn: string | null;
  @ApiProperty({ enum: UNIT_KINDS, example: 'township' }) kind: UnitKind;
  @ApiProperty({ example: 'gov', nullable: true, type: String, description: 'null: a top-level unit' })
  parentId: string | null;
  @ApiProperty({ description: 'false: deactivated (kept, takes no new people or work)' }) active: boolean;
  @ApiProperty({
    example: '2026-12-03T02:15:00.000Z',
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'when it was last deactivated (停用, by an administrator or an import); null while in use, and for ' +
      'a unit retired before this was kept whose retirement the identity chain does not hold',
  })
  retiredAt: string | null;
  @ApiProperty({ description: 'an illustrative township seeded for local use' }) isSample: boolean;
}

/** An existing unit: the wider pattern, so a unit whose code predates NEW_UNIT_ID_PATTERN can be read and retired. */
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
      '单位编码,单位名称,英文名称,类别,上级单位编码,是否在用\ntownship-xiaodong,小董乡,,乡镇（街道）,gov,是',
    maxLength: IMPORT_MAX_LENGTH,
    description:
      'CSV whose first line names the columns, in any order, by the field names or their Chinese names: ' +
      COLUMN_NAMES +
      '; or a YAML list with the same keys, its values read as written (0101 stays 0101; a list or map ' +
      'is a problem). id, nameZh and kind are required; nameEn, parentId and active may be empty or ' +
      "left out: a column the file lacks (a YAML key left out) leaves an existing unit's field as it " +
      "is (a new unit: none, no parent, in use); an empty nameEn keeps the unit's own, an empty " +
      'parentId is none, an empty active is in use (else true/false in any case, 是/否). ' +
      "parentId is a unit's code " +
      'or, where it is no unit’s code, the Chinese name of exactly one unit (in the file or the ' +
      'database, compared as names read): a name no unit or several units have is a problem of its ' +
      'line. A UTF-8 byte order mark is dropped. Each line is held to the rules of `POST /units` ' +
      '(names trimmed, limits, no control or unstorable characters), reported by line and by the ' +
      'column as the file names it. Over HTTP the ' +
      'whole JSON body must fit BODY_LIMIT (100 KB by default, UTF-8 bytes: about 30,000 Chinese ' +
      'characters), else 413 `request.too-large`; split a larger file.',
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
  @ApiProperty({ example: '类别', description: 'the column as the file names it (or the field name)' })
  field: string;
  @ApiProperty({ example: 'must be one of township, …' }) message: string;
}

class ParentByNameView {
  @ApiProperty({ example: '武陟县人民政府', description: 'the parent as the file wrote it' }) name: string;
  @ApiProperty({ example: 'gov', description: 'the unit it was read as' }) id: string;
  @ApiProperty({ example: [2, 3], description: 'the lines naming it so' }) lines: number[];
}

export class ImportReportView {
  @ApiProperty({ description: 'false on a dry run or when the file has problems (then nothing changed)' })
  applied: boolean;
  @ApiProperty({ type: [String] }) created: string[];
  @ApiProperty({ type: [ImportChange] }) changed: ImportChange[];
  @ApiProperty() unchanged: number;
  @ApiProperty({
    type: [ImportProblemView],
    description: `the first ${UNIT_IMPORT_PROBLEMS_LISTED} problems by line`,
  })
  problems: ImportProblemView[];
  @ApiProperty({ example: 0, description: 'how many problems more the file has than are listed' })
  problemsNotListed: number;
  @ApiProperty({
    type: [ParentByNameView],
    description:
      'parents the file gave by Chinese name rather than by code, each with the unit it was read as ' +
      '(the only unit, in the file or the database, whose name reads so)',
  })
  parentsByName: ParentByNameView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'township-chengguan': '城关镇', gov: '县人民政府' },
    description:
      'the Chinese name of each unit the report names by code (created, changed, parentsByName), as ' +
      'the file leaves it: what an official knows a unit by',
  })
  unitNames: Record<string, string>;
}
