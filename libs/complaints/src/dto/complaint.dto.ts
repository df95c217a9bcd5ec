import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
  ValidateIf,
} from 'class-validator';
import {
  COMPLAINT_ID_PATTERN,
  ComplaintCategory,
  ComplaintOutcomeKind,
  ComplaintStatus,
  RetaliationKind,
  RewardGrade,
} from '../../../contracts/src/complaint.contracts.js';
import { ReferralCategory } from '../../../contracts/src/referral.contracts.js';
import { RiskGrade } from '../../../contracts/src/risk-item.contracts.js';
import { EARLIEST_CASE_DATE } from '../../../contracts/src/case-dates.js';
import { IsAfterField, IsCaseDate, IsDateTime } from '../../../platform/src/http/date-fields.js';
import {
  FILE_RECORD_LIST_NOTE,
  FileRecordDto,
  FileRecordList,
} from '../../../platform/src/http/file-record.dto.js';
import { NestedObject } from '../../../platform/src/http/nested-fields.js';
import {
  ActionNoQuery,
  OptionalBooleanQuery,
  PageLimitQuery,
  PageOffsetQuery,
  WholeNumberField,
} from '../../../platform/src/http/query-decorators.js';
import { ReasonField } from '../../../platform/src/http/reason-fields.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { IsCreditCode } from '../../../risk-items/src/dto/is-credit-code.decorator.js';
import { IsResidentId } from '../../../risk-items/src/dto/is-resident-id.decorator.js';
import { TargetBusinessDto } from '../../../risk-items/src/dto/subject.dto.js';

/** Evidence a reporter may attach: photos, video, PDF scans and plain text; nothing executable. */
export const EVIDENCE_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/heic',
  'video/mp4',
  'audio/mpeg',
  'application/pdf',
  'text/plain',
] as const;

/** Receipt codes: 20 characters of Crockford base32 (100 bits) in five groups. */
export const RECEIPT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;
/** Follow-up secrets: 32 random bytes, base64url. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const OptionalText = (maxLength: number, example: string) => (target: object, key: string | symbol) => {
  ApiPropertyOptional({ example, maxLength })(target, key);
  IsOptional()(target, key);
  IsString()(target, key);
  MaxLength(maxLength)(target, key);
};

export class ReportedBusinessDto {
  @RequiredText(200, { example: '城关镇路口烧烤摊' })
  name: string;

  @ApiPropertyOptional({
    example: '91350100M000100Y43',
    description: 'Optional: stalls, workshops and farms have none',
  })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @OptionalText(300, '木城街道建设路88号东侧')
  address?: string;
}

export class EvidenceFileDto extends FileRecordDto {
  @ApiProperty({ enum: EVIDENCE_MEDIA_TYPES, example: 'image/jpeg' })
  @IsIn(EVIDENCE_MEDIA_TYPES, { message: `mediaType must be one of ${EVIDENCE_MEDIA_TYPES.join(', ')}` })
  declare mediaType: string;
}

/** Who the reporter is: sealed at once, never shown to case workers without an approved reveal. */
export class ReporterIdentityDto {
  @RequiredText(100, { example: '张三' })
  name: string;

  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Matches(/^\+?[0-9][0-9 -]{5,19}$/, { message: 'phone must be a phone number' })
  phone: string;

  @ApiPropertyOptional({
    example: '110101199003070003',
    description: '居民身份证号码: 17 digits and a check character (a digit or X) that must be right',
  })
  @IsOptional()
  @IsResidentId()
  idNumber?: string;

  @OptionalText(200, '微信 zhangsan-2024')
  contact?: string;
}

export class SubmitComplaintDto {
  @ApiProperty({
    enum: ComplaintCategory,
    description: 'complaint 投诉 (one’s own loss) or report 举报 (a violation)',
  })
  @IsEnum(ComplaintCategory)
  category: ComplaintCategory;

  @ApiProperty({ type: ReportedBusinessDto })
  @NestedObject(() => ReportedBusinessDto)
  business: ReportedBusinessDto;

  @RequiredText(4000, { example: '后厨使用过期食材，地面有积水和鼠迹' })
  what: string;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: `When it happened (YYYY-MM-DD, not in the future, not before ${EARLIEST_CASE_DATE})`,
  })
  @IsOptional()
  @IsCaseDate()
  occurredOn?: string;

  @OptionalText(300, '店铺后厨')
  place?: string;

  @ApiPropertyOptional({
    type: [EvidenceFileDto],
    description: `File records (name, type, size, sha256); ${FILE_RECORD_LIST_NOTE}`,
  })
  @IsOptional()
  @FileRecordList(() => EvidenceFileDto, 50)
  evidence?: EvidenceFileDto[];

  @ApiProperty({
    description: 'Anonymous: no identity is taken; the receipt code and secret are the only link',
  })
  @IsBoolean()
  anonymous: boolean;

  @ApiPropertyOptional({
    type: ReporterIdentityDto,
    description: 'Required unless anonymous; sealed at once',
  })
  @ValidateIf((dto: SubmitComplaintDto) => !dto.anonymous || dto.reporter !== undefined)
  @NestedObject(() => ReporterIdentityDto)
  reporter?: ReporterIdentityDto;

  @ApiProperty({ description: 'The reporter works for the business (内部吹哨人)' })
  @IsBoolean()
  insider: boolean;

  @ApiPropertyOptional({ example: '某某食品有限公司', description: 'Required for an insider: the employer' })
  @ValidateIf((dto: SubmitComplaintDto) => dto.insider || dto.employer !== undefined)
  @RequiredText(200, { example: '某某食品有限公司' })
  employer?: string;
}

export class ReceiptDto {
  @ApiProperty({ example: '7K3M-Q9TX-2BHD-RW4N-8CJP' })
  @IsString()
  @Matches(RECEIPT_CODE_PATTERN, { message: 'receiptCode must look like 7K3M-Q9TX-2BHD-RW4N-8CJP' })
  receiptCode: string;

  @ApiProperty({ description: 'The follow-up secret given with the receipt' })
  @IsString()
  @Matches(SECRET_PATTERN, { message: 'secret must be the 43-character follow-up secret' })
  secret: string;
}

export class AnswerQuestionDto extends ReceiptDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  questionId: number;

  @RequiredText(4000, { example: '是每天晚上十点以后' })
  answer: string;
}

export class ComplaintIdParam {
  @ApiProperty({ example: 'TJ-2026-000001' })
  @Matches(COMPLAINT_ID_PATTERN, { message: 'id must look like TJ-2026-000001' })
  id: string;
}

export class ComplaintReasonDto {
  @ReasonField('经核查，属于本局管辖')
  reason: string;
}

export class AskQuestionDto {
  @RequiredText(2000, { example: '请问具体是哪一天看到的？' })
  question: string;
}

export class RiskItemOutcomeDto {
  @ApiProperty({ type: TargetBusinessDto })
  @NestedObject(() => TargetBusinessDto)
  business: TargetBusinessDto;

  @ApiProperty({ enum: RiskGrade })
  @IsEnum(RiskGrade)
  grade: RiskGrade;

  @RequiredText(2000, { example: '后厨使用过期食材' })
  description: string;
}

export class ReferralOutcomeDto {
  @ApiProperty({ enum: ReferralCategory })
  @IsEnum(ReferralCategory)
  category: ReferralCategory;

  @RequiredText(2000, { example: '疑似生产销售有毒有害食品' })
  summary: string;
}

export class DecideComplaintDto {
  @ApiProperty({ enum: ComplaintOutcomeKind, description: 'refused is the refuse step, not an outcome here' })
  @IsIn(Object.values(ComplaintOutcomeKind).filter((k) => k !== ComplaintOutcomeKind.Refused))
  outcome: ComplaintOutcomeKind;

  @ApiProperty({ description: 'The lead proved true (a report is verified; a reward may follow)' })
  @IsBoolean()
  substantiated: boolean;

  @ReasonField('现场核查属实，已立为隐患')
  reason: string;

  @ApiPropertyOptional({ type: RiskItemOutcomeDto, description: 'outcome risk-item: the hazard to register' })
  @ValidateIf((dto: DecideComplaintDto) => dto.outcome === ComplaintOutcomeKind.RiskItem)
  @NestedObject(() => RiskItemOutcomeDto)
  riskItem?: RiskItemOutcomeDto;

  @ApiPropertyOptional({
    type: ReferralOutcomeDto,
    description: 'outcome referral: the criminal lead to record',
  })
  @ValidateIf((dto: DecideComplaintDto) => dto.outcome === ComplaintOutcomeKind.Referral)
  @NestedObject(() => ReferralOutcomeDto)
  referral?: ReferralOutcomeDto;

  @ApiPropertyOptional({
    example: 'TJ-2026-000001',
    description: 'outcome merged: the case (TJ-/FX-/YS-) it joins; transferred: the competent authority',
  })
  @ValidateIf((dto: DecideComplaintDto) =>
    [ComplaintOutcomeKind.Merged, ComplaintOutcomeKind.Transferred].includes(dto.outcome),
  )
  @RequiredText(200, { example: 'TJ-2026-000001' })
  ref?: string;
}

export class ProposeRewardDto {
  @ApiProperty({ enum: RewardGrade })
  @IsEnum(RewardGrade)
  grade: RewardGrade;

  @ApiProperty({ example: 5_000_000, description: 'Fines and confiscations (or goods’ value), in fen' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  basisFen: number;

  @ApiProperty({ example: 1, description: 'Joint reporters sharing the reward' })
  @IsInt()
  @Min(1)
  @Max(100)
  reporters: number;

  @ApiProperty({ description: 'An approval lifts the per-case cap' })
  @IsBoolean()
  approvedAboveCap: boolean;

  @ApiProperty({ description: 'The reporter is regulator staff or otherwise has a duty to report' })
  @IsBoolean()
  officialOnDuty: boolean;
}

export class PayoutDto {
  @RequiredText(100, { example: 'CZ-2026-12-0042' })
  payoutReference: string;
}

export class RevealIdParam extends ComplaintIdParam {
  @WholeNumberField(1, 2_147_483_647, { example: 1 })
  revealId: number;
}

export class RetaliationDto {
  @ApiProperty({ enum: RetaliationKind })
  @IsEnum(RetaliationKind)
  kind: RetaliationKind;

  @RequiredText(2000, { example: '举报后第三天被以“工作失误”为由辞退' })
  description: string;

  @ApiProperty({
    example: '2026-11-25',
    description: `YYYY-MM-DD, not in the future, not before ${EARLIEST_CASE_DATE}`,
  })
  @IsCaseDate()
  occurredOn: string;
}

export const COMPLAINT_SORTS = ['-receivedAt', 'dueAt'] as const;

export class ListComplaintsQuery {
  @ApiPropertyOptional({ enum: ComplaintStatus })
  @IsOptional()
  @IsEnum(ComplaintStatus)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: ComplaintCategory })
  @IsOptional()
  @IsEnum(ComplaintCategory)
  category?: ComplaintCategory;

  @OptionalBooleanQuery()
  overdue?: boolean;

  @OptionalBooleanQuery({ description: 'true: not closed yet; false: closed' })
  open?: boolean;

  @ApiPropertyOptional({
    enum: COMPLAINT_SORTS,
    default: '-receivedAt',
    description: 'dueAt: the earliest running clock first, cases without one last',
  })
  @IsOptional()
  @IsIn(COMPLAINT_SORTS)
  sort?: (typeof COMPLAINT_SORTS)[number];

  @PageLimitQuery(20, 200)
  limit?: number;

  @PageOffsetQuery()
  offset?: number;
}

export class ComplaintFiguresQuery {
  @ApiProperty({ example: '2026-01-01T00:00:00+08:00', description: 'Received from (inclusive)' })
  @IsDateTime()
  from: string;

  @ApiProperty({ example: '2027-01-01T00:00:00+08:00', description: 'Received before (exclusive)' })
  @IsDateTime()
  @IsAfterField('from')
  to: string;

  @ActionNoQuery()
  actionNo?: number;
}
