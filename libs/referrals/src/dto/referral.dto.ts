import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ActionNoQuery,
  OptionalBooleanQuery,
  PageLimitQuery,
  PageOffsetQuery,
  SearchQuery,
} from '../../../platform/src/http/query-decorators.js';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import {
  LeadSource,
  REFERRAL_ID_PATTERN,
  ReferralCategory,
  ReferralDocumentKind,
  ReferralStatus,
  type FilingApproval,
  type NotApplicableItem,
  type ProcuratorateEvent,
  type ReferralDocument,
} from '../../../contracts/src/referral.contracts.js';
import { IsAfterField, IsDateTime } from '../../../platform/src/http/date-fields.js';
import {
  FILE_RECORD_LIST_NOTE,
  FileRecordDto,
  FileRecordList,
} from '../../../platform/src/http/file-record.dto.js';
import { RequiredText, Trimmed } from '../../../platform/src/http/text-fields.js';
import { NestedArray, NestedObject } from '../../../platform/src/http/nested-fields.js';
import { TargetBusinessDto } from '../../../risk-items/src/dto/subject.dto.js';

export class ReferralIdParam {
  @ApiProperty({ example: 'YS-2024-000123' })
  @Matches(REFERRAL_ID_PATTERN, { message: 'id must look like YS-2024-000123' })
  id: string;
}

export class RecordLeadDto {
  @ApiProperty({
    enum: LeadSource,
    description: 'Where the lead was found: a risk item, an inspection, a report',
  })
  @IsEnum(LeadSource)
  source: LeadSource;

  @ApiProperty({
    example: 'FX-2024-000123',
    description: 'The risk item id (source risk-item), or the inspection / report record number',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'sourceRef must be a record number such as FX-2024-000123' })
  sourceRef: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 12, description: 'Campaign action (专项行动) 1–12' })
  @IsInt()
  @Min(1)
  @Max(12)
  actionNo: number;

  @ApiProperty({ enum: ReferralCategory, description: 'food-drug: the 10-day filing period of F applies' })
  @IsEnum(ReferralCategory)
  category: ReferralCategory;

  @RequiredText(2000, { example: '疑似生产销售有毒有害食品，涉案金额约 8 万元' })
  summary: string;

  @ApiPropertyOptional({
    type: TargetBusinessDto,
    description: 'Who or what the lead is about: a registered business, a stall, an unlicensed workshop…',
  })
  @IsOptional()
  @NestedObject(() => TargetBusinessDto)
  subject?: TargetBusinessDto;
}

export class ReferralDocumentDto extends FileRecordDto implements ReferralDocument {
  @ApiProperty({ enum: ReferralDocumentKind })
  @IsEnum(ReferralDocumentKind)
  kind: ReferralDocumentKind;
}

export class ReferralOptionalReasonDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ReferralReasonDto {
  @ApiProperty({ example: '同意公安机关意见', maxLength: 2000 })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class FormTeamDto {
  @ApiProperty({
    example: ['handler.amr', 'head.amr'],
    description: 'At least two officers (active users of the referring unit), R art. 5',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  officers: string[];
}

export class DocumentStepDto extends ReferralOptionalReasonDto {
  @ApiProperty({ type: ReferralDocumentDto })
  @NestedObject(() => ReferralDocumentDto)
  document: ReferralDocumentDto;
}

export class OptionalDocumentStepDto extends ReferralOptionalReasonDto {
  @ApiPropertyOptional({ type: ReferralDocumentDto })
  @IsOptional()
  @NestedObject(() => ReferralDocumentDto)
  document?: ReferralDocumentDto;
}

export class DocumentsStepDto extends ReferralOptionalReasonDto {
  @ApiProperty({
    type: [ReferralDocumentDto],
    description: `Document records (each with its sha256); ${FILE_RECORD_LIST_NOTE}`,
  })
  @FileRecordList(() => ReferralDocumentDto, 50)
  documents: ReferralDocumentDto[];
}

export class DecideTransferDto extends ReferralOptionalReasonDto {
  @ApiProperty({ description: 'true approves the transfer; false refuses it (a reason is then required)' })
  @IsBoolean()
  approved: boolean;

  @ApiPropertyOptional({
    description:
      'Required with a refusal: whether the facts meet the criminal threshold. A reasoned refusal below it ' +
      'is lawful (R art. 5); over it the referral is flagged 以罚代刑 (R art. 11)',
  })
  @IsOptional()
  @IsBoolean()
  thresholdMet?: boolean;

  @ApiPropertyOptional({
    type: ReferralDocumentDto,
    description: 'With a refusal: the administrative penalty decision made instead (kind penalty-decision)',
  })
  @IsOptional()
  @NestedObject(() => ReferralDocumentDto)
  penalty?: ReferralDocumentDto;
}

export class NotApplicableItemDto implements NotApplicableItem {
  @ApiProperty({ enum: ReferralDocumentKind, example: ReferralDocumentKind.TestReports })
  @IsEnum(ReferralDocumentKind)
  kind: ReferralDocumentKind;

  @RequiredText(2000, { example: '涉案物品无需检验，事实清楚' })
  reason: string;
}

export class TransferDto extends DocumentsStepDto {
  @ApiPropertyOptional({
    type: [NotApplicableItemDto],
    description:
      'Checklist items the policy lets the dossier leave out (a test report), each with its reason',
  })
  @IsOptional()
  @NestedArray(() => NotApplicableItemDto, 10)
  notApplicable?: NotApplicableItemDto[];

  @ApiPropertyOptional({
    description:
      'An administrative penalty was decided: its decision (kind penalty-decision) must be in the dossier',
  })
  @IsOptional()
  @IsBoolean()
  penaltyMade?: boolean;
}

export class PenaltyDecisionDto extends ReferralOptionalReasonDto {
  @ApiPropertyOptional({
    type: ReferralDocumentDto,
    description:
      'The administrative penalty decision (kind penalty-decision); without it a reason is required',
  })
  @IsOptional()
  @NestedObject(() => ReferralDocumentDto)
  penalty?: ReferralDocumentDto;
}

export class RefusalFindingDto extends DocumentStepDto {
  @ApiProperty({
    enum: ['auditor', 'procuratorate'],
    description: 'An auditor’s own finding, or the procuratorate’s as recorded by a supervisor',
  })
  @IsIn(['auditor', 'procuratorate'])
  foundBy: 'auditor' | 'procuratorate';
}

export class NotifyIncompleteDto {
  @RequiredText(2000, { example: '缺少检验报告原件' })
  missing: string;
}

export class ExtendFilingPeriodDto extends ReferralOptionalReasonDto {
  @ApiProperty({
    enum: ['county-police-head', 'higher-police'],
    description: 'First 30 d with the county police head, then +30 d one level up',
  })
  @IsIn(['county-police-head', 'higher-police'])
  level: FilingApproval['level'];

  @ApiProperty({ example: '县公安局局长', description: 'Who approved (position or name as on the approval)' })
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  approver: string;

  @ApiProperty({ type: ReferralDocumentDto, description: 'The approval document (kind approval)' })
  @NestedObject(() => ReferralDocumentDto)
  document: ReferralDocumentDto;
}

export class FilingDecisionDto extends ReferralOptionalReasonDto {
  @ApiProperty({ description: 'true: filed (立案); false: not filed (a reason is then required)' })
  @IsBoolean()
  filed: boolean;
}

export class ReconsiderationDecisionDto extends ReferralOptionalReasonDto {
  @ApiProperty({ enum: ['file', 'maintain'] })
  @IsIn(['file', 'maintain'])
  decision: 'file' | 'maintain';
}

export class ProcuratorateEventDto extends DocumentStepDto {
  @ApiProperty({ enum: ['explanation-requested', 'filing-ordered', 'reasons-accepted'] })
  @IsIn(['explanation-requested', 'filing-ordered', 'reasons-accepted'])
  event: ProcuratorateEvent;
}

export class ListReferralsQuery {
  @ApiPropertyOptional({ enum: ReferralStatus })
  @IsOptional()
  @IsEnum(ReferralStatus)
  status?: ReferralStatus;

  @ApiPropertyOptional({ example: 'amr', description: 'Referring unit' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ActionNoQuery()
  actionNo?: number;

  @OptionalBooleanQuery() overdue?: boolean;

  @OptionalBooleanQuery({ description: 'Closed without a transfer (以罚代刑 flag)' })
  administrativeOnly?: boolean;

  @SearchQuery('FX-2026-000123', 'Text contained in the referral number or its source (e.g. a case number)')
  q?: string;

  @PageLimitQuery(20, 100) limit?: number;
  @PageOffsetQuery() offset?: number;
}

export class ReferralMetricsQuery {
  @ApiProperty({ example: '2024-01-01T00:00:00+08:00', description: 'Leads recorded from (inclusive)' })
  @IsDateTime()
  from: string;

  @ApiProperty({ example: '2025-01-01T00:00:00+08:00', description: 'Leads recorded before (exclusive)' })
  @IsDateTime()
  @IsAfterField('from')
  to: string;

  @ApiPropertyOptional({ example: 'amr' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ActionNoQuery()
  actionNo?: number;
}
