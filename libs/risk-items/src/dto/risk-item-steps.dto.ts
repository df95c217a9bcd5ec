import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { type EvidenceFile } from '../../../contracts/src/risk-item.contracts.js';
import { OptionalReasonField, ReasonField } from '../../../platform/src/http/reason-fields.js';
import { IsDateTime } from '../../../platform/src/http/date-fields.js';
import {
  FILE_RECORD_LIST_NOTE,
  FileRecordDto,
  FileRecordList,
} from '../../../platform/src/http/file-record.dto.js';
import { IsNotBlank, RequiredText } from '../../../platform/src/http/text-fields.js';

export class AssignRiskItemDto {
  @ApiProperty({ example: 'amr', description: 'Unit that must rectify' })
  @Matches(UNIT_ID_PATTERN, { message: 'responsibleUnitId must be a unit id such as amr' })
  responsibleUnitId: string;

  @ApiPropertyOptional({
    example: 'handler.amr',
    description: 'Responsible person: an active user of that unit',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  responsibleUserId?: string;
}

export class EvidenceFileDto extends FileRecordDto implements EvidenceFile {
  @ApiProperty({ enum: ['before', 'after'], example: 'after' })
  @IsIn(['before', 'after'])
  stage: 'before' | 'after';
}

export class SubmitRectificationDto {
  @RequiredText(5000, { example: '已下架过期食品并销毁，建立进货查验台账' })
  measures: string;

  @ApiProperty({ type: [EvidenceFileDto], maxItems: 20, description: FILE_RECORD_LIST_NOTE })
  @FileRecordList(() => EvidenceFileDto, 20)
  evidence: EvidenceFileDto[];
}

export class VerifyRectificationDto {
  @ApiProperty({ enum: ['accepted', 'rejected'], example: 'accepted' })
  @IsIn(['accepted', 'rejected'])
  result: 'accepted' | 'rejected';

  @ApiPropertyOptional({
    example: '现场复查仍有过期食品',
    maxLength: 1000,
    description: 'Required when rejected',
  })
  @ValidateIf((dto: VerifyRectificationDto) => dto.result === 'rejected' || dto.reason !== undefined)
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  reason?: string;
}

export class ReasonDto {
  @ReasonField('等待实验室检测结果')
  reason: string;
}

export class OptionalReasonDto {
  @OptionalReasonField('检测结果已出')
  reason?: string;
}

export class ReplanRiskItemDto extends ReasonDto {
  @ApiPropertyOptional({
    example: '2026-12-31T16:00:00.000Z',
    description: 'New due instant; omitted → recomputed from the current policy from now',
  })
  @IsOptional()
  @IsDateTime()
  dueAt?: string;
}
