import { describe, expect, it } from '@jest/globals';
import { readAllPages } from '../../../apps/console/src/api/all-pages.js';

/** A list of `rows` rows answered as the API does: its total counted exactly up to 1,000 only. */
function listOf(rows: number) {
  const asked: Array<{ limit: number; offset: number }> = [];
  const readPage = (
    limit: number,
    offset: number,
  ): Promise<{ items: number[]; total: number; totalCapped: boolean }> => {
    asked.push({ limit, offset });
    const items = Array.from({ length: Math.max(0, Math.min(limit, rows - offset)) }, (_, i) => offset + i);
    return Promise.resolve({ items, total: Math.min(rows, 1_000), totalCapped: rows > 1_000 });
  };
  return { readPage, asked };
}

describe('a paged list read whole (the card board, the referral tracker, the ledger export)', () => {
  it('reads past the API’s counting cap: 1,400 rows counted as "1,000 or more" are all read', async () => {
    const list = listOf(1_400);
    const all = await readAllPages(list.readPage, { pageSize: 100, cap: 5_000 });
    expect(all.items).toHaveLength(1_400);
    expect(all.items.at(-1)).toBe(1_399);
    expect(all.complete).toBe(true);
  });

  it('stops at its own cap and says it did', async () => {
    const all = await readAllPages(listOf(6_000).readPage, { pageSize: 100, cap: 5_000 });
    expect(all.items).toHaveLength(5_000);
    expect(all.complete).toBe(false);
  });

  it('asks no page past an exact total, and one page for an empty list', async () => {
    const exact = listOf(200);
    expect(await readAllPages(exact.readPage, { pageSize: 100, cap: 5_000 })).toEqual({
      items: Array.from({ length: 200 }, (_, i) => i),
      complete: true,
    });
    expect(exact.asked).toEqual([
      { limit: 100, offset: 0 },
      { limit: 100, offset: 100 },
    ]);
    const empty = listOf(0);
    expect(await readAllPages(empty.readPage, { pageSize: 100, cap: 5_000 })).toEqual({
      items: [],
      complete: true,
    });
    expect(empty.asked).toHaveLength(1);
  });
});
