import { PageLimitQuery, PageOffsetQuery } from '../../../platform/src/http/query-decorators.js';

export class PageQueryDto {
  @PageLimitQuery(20, 100) limit: number = 20;
  @PageOffsetQuery() offset: number = 0;
}
