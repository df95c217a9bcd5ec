import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { UNIT_ID_PATTERN } from '../../contracts/src/identity.js';
import { ACTION_LEADS, COMPARATOR_SPELLINGS } from './domain/plan-rules.js';

/**
 * The shape of a plan file (YAML), checked with class-validator: every property typed, unknown
 * properties refused. Cross-references (units, numbers, dates against the period) are checked
 * afterwards by the pure rules in domain/plan-rules.ts. The type check sits nearest its property:
 * it runs first, and with stopAtFirstError a wrong type is reported as such, alone.
 */

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: '$property must be a date written yyyy-mm-dd' };
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ID_MESSAGE = { message: '$property must be a lowercase slug (a-z, 0-9, -)' };
const UNIT_MESSAGE = { message: '$property must be a unit id (a-z, 0-9, -)' };

export class PeriodFile {
  @Matches(LOCAL_DATE, DATE_MESSAGE) @IsString() from: string;
  @Matches(LOCAL_DATE, DATE_MESSAGE) @IsString() to: string;
}

export class CampaignFile {
  @MinLength(1) @IsString() nameZh: string;
  @MinLength(1) @IsString() nameEn: string;
  @MinLength(1) @IsString() documentNo: string;
  @Matches(LOCAL_DATE, DATE_MESSAGE) @IsString() issuedOn: string;
  @IsDefined() @ValidateNested() @Type(() => PeriodFile) period: PeriodFile;
  @Matches(UNIT_ID_PATTERN, UNIT_MESSAGE) @IsString() supervisingUnit: string;
}

export class PlanUnitFile {
  @Matches(UNIT_ID_PATTERN, UNIT_MESSAGE) @IsString() id: string;
  @MinLength(1) @IsString() nameZh: string;
  @IsOptional() @IsBoolean() group?: boolean;
}

/** A target falls due at a year's end (`yearEnd: 2023`) or on a date (`due: 2023-06-30`). */
export class TargetFile {
  @IsOptional() @IsIn(['reach', 'keep']) mode?: 'reach' | 'keep';
  @IsNumber() value: number;
  @IsOptional() @IsNumber() upTo?: number;
  @IsOptional() @IsInt() yearEnd?: number;
  @IsOptional() @Matches(LOCAL_DATE, DATE_MESSAGE) @IsString() due?: string;
  /** The plan gives no year: say so, and why this one (`assumption`). */
  @IsOptional() @IsIn([true], { message: '$property is true or absent' }) yearAssumed?: true;
  @IsOptional() @MinLength(1) @IsString() assumption?: string;
}

export class IndicatorFile {
  @Matches(ID_PATTERN, ID_MESSAGE) @IsString() id: string;
  @MinLength(1) @IsString() nameZh: string;
  @MinLength(1) @IsString() nameEn: string;
  @IsIn(['percent', 'count']) measure: 'percent' | 'count';
  @IsIn(COMPARATOR_SPELLINGS) comparator: (typeof COMPARATOR_SPELLINGS)[number];
  @IsOptional() @IsNumber() baseline?: number;
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { ...UNIT_MESSAGE, each: true })
  @IsString({ each: true })
  @ArrayMinSize(1)
  @IsArray()
  responsibleUnits?: string[];
  @ValidateNested({ each: true }) @ArrayMinSize(1) @IsArray() @Type(() => TargetFile) targets: TargetFile[];
}

export class ActionFile {
  @Min(1) @IsInt() number: number;
  @MinLength(1) @IsString() nameZh: string;
  @MinLength(1) @IsString() nameEn: string;
  @Matches(UNIT_ID_PATTERN, UNIT_MESSAGE) @IsString() leadUnit: string;
  @IsString({ each: true }) @IsArray() coUnits: string[];
  @IsOptional()
  @ValidateNested({ each: true })
  @IsArray()
  @Type(() => IndicatorFile)
  indicators?: IndicatorFile[];
}

/** Exactly one of the two is given; the rules check that, with the path. */
export class DeliverableDueFile {
  @IsOptional() @Matches(LOCAL_DATE, DATE_MESSAGE) @IsString() date?: string;
  @IsOptional()
  @Matches(/^\d{2}-\d{2}$/, { message: '$property must be a day of the year written mm-dd' })
  @IsString()
  yearly?: string;
}

const IsDeliverableSource = () =>
  ValidateBy({
    name: 'isDeliverableSource',
    validator: {
      validate: (value: unknown) =>
        value === ACTION_LEADS ||
        (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')),
      defaultMessage: () => `$property must be "${ACTION_LEADS}" or a non-empty list of unit ids`,
    },
  });

export class DeliverableFile {
  @Matches(ID_PATTERN, ID_MESSAGE) @IsString() id: string;
  @MinLength(1) @IsString() titleZh: string;
  @MinLength(1) @IsString() titleEn: string;
  @IsDeliverableSource() from: typeof ACTION_LEADS | string[];
  @Matches(UNIT_ID_PATTERN, UNIT_MESSAGE) @IsString() to: string;
  @IsDefined() @ValidateNested() @Type(() => DeliverableDueFile) due: DeliverableDueFile;
  @IsOptional() @IsBoolean() perAction?: boolean;
}

export class PlanFile {
  @IsDefined() @ValidateNested() @Type(() => CampaignFile) campaign: CampaignFile;
  @ValidateNested({ each: true }) @ArrayMinSize(1) @IsArray() @Type(() => PlanUnitFile) units: PlanUnitFile[];
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @IsArray()
  @Type(() => ActionFile)
  actions: ActionFile[];
  @ValidateNested({ each: true }) @IsArray() @Type(() => DeliverableFile) deliverables: DeliverableFile[];
}
