import { PageLimitQuery, PageOffsetQuery } from '../../../platform/src/http/query-decorators.js';

/** A page of the caller's work queue. */
export class MyWorkQuery {
  @PageLimitQuery(50, 200) limit?: number;
  @PageOffsetQuery() offset?: number;
}
