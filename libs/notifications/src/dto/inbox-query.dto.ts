import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { NotificationKind } from '../../../contracts/src/notification.contracts.js';
import { OptionalBooleanQuery } from '../../../platform/src/http/query-decorators.js';
import { PageQueryDto } from './page-query.dto.js';

export class InboxQueryDto extends PageQueryDto {
  @OptionalBooleanQuery({ example: true, description: 'Only notifications not yet read' })
  unread?: boolean;

  @ApiPropertyOptional({
    enum: NotificationKind,
    description: 'Only notifications of this kind (escalation: the cards that reached the caller)',
  })
  @IsOptional()
  @IsEnum(NotificationKind)
  kind?: NotificationKind;
}
