import { describe, expect, it } from '@jest/globals';
import { type Connection } from '@temporalio/client';
import { DUBAN_SEARCH_ATTRIBUTES } from '../../../libs/contracts/src/search-attributes.js';
import {
  ensureSearchAttributes,
  NAMESPACE_CACHE_REFRESH_WAIT_MS,
} from '../../../libs/platform/src/temporal/search-attributes.js';

/** An operator service that knows `present` and records what it is asked to add. */
function operatorWith(present: string[]) {
  const added: string[][] = [];
  const connection = {
    operatorService: {
      listSearchAttributes: () =>
        Promise.resolve({ customAttributes: Object.fromEntries(present.map((name) => [name, 2])) }),
      addSearchAttributes: (request: { searchAttributes: Record<string, number> }) => {
        added.push(Object.keys(request.searchAttributes));
        return Promise.resolve({});
      },
    },
  } as unknown as Connection;
  return { connection, added };
}

describe('registering search attributes on a self-hosted server', () => {
  const names = DUBAN_SEARCH_ATTRIBUTES.map((key) => key.name);

  it('adds only the missing ones, then waits for the namespace cache before anything uses them', async () => {
    const { connection, added } = operatorWith(names.slice(0, 2));
    const waits: number[] = [];
    const result = await ensureSearchAttributes(connection, 'default', (ms) =>
      Promise.resolve(waits.push(ms)),
    );
    expect(result).toEqual(names.slice(2));
    expect(added).toEqual([names.slice(2)]);
    expect(waits).toEqual([NAMESPACE_CACHE_REFRESH_WAIT_MS]);
  });

  it('neither adds nor waits when every attribute is there', async () => {
    const { connection, added } = operatorWith(names);
    const waits: number[] = [];
    expect(
      await ensureSearchAttributes(connection, 'default', (ms) => Promise.resolve(waits.push(ms))),
    ).toEqual([]);
    expect(added).toEqual([]);
    expect(waits).toEqual([]);
  });
});
