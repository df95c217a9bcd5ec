import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { FileRecordDto } from '../../../platform/src/http/file-record.dto.js';
import { NestedObject } from '../../../platform/src/http/nested-fields.js';
import { IsAfterField, IsDateTime } from '../../../platform/src/http/date-fields.js';
import { PageLimitQuery, PageOffsetQuery, SearchQuery } from '../../../platform/src/http/query-decorators.js';
import { OptionalReasonField, ReasonField } from '../../../platform/src/http/reason-fields.js';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import { CARD_ID_PATTERN, CardStatus, CardSubjectType } from '../../../contracts/src/card.contracts.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';

export class RaiseCardDto {
  @ApiProperty({ example: 'amr', description: 'The lagging unit' })
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id such as amr' })
  unitId: string;

  @ReasonField('农贸市场快检室建设进度严重滞后')
  reason: string;
}

export class RespondToCardDto {
  @RequiredText(5000, { example: '书面整改方案：一、…；二、…' })
  text: string;
}

export class CardReasonDto {
  @ReasonField('主体责任已落实，撤销')
  reason: string;
}

export class RecordSummonsDto {
  @ApiProperty({ example: '2026-12-01T09:30:00+08:00', description: 'When the summons (约谈) was held' })
  @IsDateTime()
  heldAt: string;

  @ApiProperty({
    example: ['县长（约谈人）', '县市场监管局局长'],
    description: 'Who took part, as in the minutes: at least the leader and the unit head',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  attendees: string[];

  @ApiProperty({ type: FileRecordDto, description: 'The minutes (约谈记录), with their sha256' })
  @NestedObject(() => FileRecordDto)
  minutes: FileRecordDto;
}

export class ReferAccountabilityDto {
  @ReasonField('约谈后整改仍不到位，移送县纪委监委问责')
  reason: string;

  @ApiProperty({ type: FileRecordDto, description: 'The referral letter to the discipline inspection body' })
  @NestedObject(() => FileRecordDto)
  letter: FileRecordDto;
}

export class LiftCardDto {
  @OptionalReasonField('隐患已销号，整改方案已落实')
  reason?: string;
}

export class CardIdParam {
  @ApiProperty({ example: 'KP-2026-000001' })
  @Matches(CARD_ID_PATTERN, { message: 'id must look like KP-2026-000001' })
  id: string;
}

export class ListCardsQuery {
  @ApiPropertyOptional({ example: 'amr' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'unitId must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: 'orange', description: 'Current colour (as named by the ladder policy)' })
  @IsOptional()
  @Matches(/^[a-z-]{1,32}$/, { message: 'colour must be a ladder colour such as yellow' })
  colour?: string;

  @ApiPropertyOptional({ enum: CardSubjectType })
  @IsOptional()
  @IsEnum(CardSubjectType)
  subjectType?: CardSubjectType;
  @ApiPropertyOptional({ enum: CardStatus, default: CardStatus.Open })
  @IsOptional()
  @IsEnum(CardStatus)
  status?: CardStatus;

  @SearchQuery('FX-2026-000123', "Text contained in the card number or its subject's id (e.g. a case number)")
  q?: string;

  @PageLimitQuery(50, 200) limit?: number;
  @PageOffsetQuery() offset?: number;
}

export class CardStatsQuery {
  @ApiProperty({ example: '2026-01-01T00:00:00+08:00' }) @IsDateTime() from: string;
  @ApiProperty({ example: '2027-01-01T00:00:00+08:00' }) @IsDateTime() @IsAfterField('from') to: string;

  @ApiPropertyOptional({ enum: ['highest', 'raised'], default: 'highest' })
  @IsOptional()
  @IsIn(['highest', 'raised'])
  countBy?: 'highest' | 'raised';
}
