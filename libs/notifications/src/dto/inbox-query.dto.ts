import { OptionalBooleanQuery } from '../../../platform/src/http/query-decorators.js';
import { PageQueryDto } from './page-query.dto.js';

export class InboxQueryDto extends PageQueryDto {
  @OptionalBooleanQuery({ example: true, description: 'Only notifications not yet read' })
  unread?: boolean;
}
