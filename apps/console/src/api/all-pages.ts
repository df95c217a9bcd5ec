/** What allPages needs of the API's page (`Page` in types.ts): kept here so unit tests load nothing else. */
interface ListPage<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
}

/** The rows of a paged list read whole: all of them, or the first `cap` when `complete` is false. */
export interface AllRows<T> {
  items: T[];
  complete: boolean;
}

/**
 * Reads a paged list a page at a time, up to `cap` rows. The API counts a list exactly only up to its own
 * cap (`totalCapped` beyond it), so past that count a full page is what says more rows may follow.
 */
export async function readAllPages<T>(
  readPage: (limit: number, offset: number) => Promise<ListPage<T>>,
  { pageSize, cap }: { pageSize: number; cap: number },
): Promise<AllRows<T>> {
  const items: T[] = [];
  for (;;) {
    const page = await readPage(pageSize, items.length);
    items.push(...page.items);
    const lastPage = page.items.length < pageSize || (!page.totalCapped && items.length >= page.total);
    if (lastPage) return { items, complete: true };
    if (items.length >= cap) return { items: items.slice(0, cap), complete: false };
  }
}
