import { setTimeout as sleep } from 'node:timers/promises';
import { type Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { type SearchAttributeType } from '@temporalio/common';
import { DUBAN_SEARCH_ATTRIBUTES } from '../../../contracts/src/search-attributes.js';

// @temporalio/proto is CommonJS: its namespace comes through the default export under ESM.
const { IndexedValueType } = proto.temporal.api.enums.v1;

const INDEXED_VALUE_TYPE: Record<SearchAttributeType, proto.temporal.api.enums.v1.IndexedValueType> = {
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * How long a server's services may go on refusing an attribute just added: each reads the namespace's
 * attribute names from its namespace cache, refreshed every 2 s by default
 * (`system.namespaceCacheRefreshInterval`). Measured on a self-hosted server on PostgreSQL: starts
 * naming a new attribute were refused for 2.1 s after it was added.
 */
export const NAMESPACE_CACHE_REFRESH_WAIT_MS = 5_000;

/**
 * Registers Duban's search attributes on a namespace; those already present are left alone. After
 * adding any it waits until every service of the server has them, so that the worker and API started
 * next are never refused a start or an upsert that names one.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = DUBAN_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length > 0) {
    await addSearchAttributes(connection, namespace, missing);
    await wait(NAMESPACE_CACHE_REFRESH_WAIT_MS);
  }
  return missing.map((key) => key.name);
}

/** Adds search attributes without listing first (the time-skipping test server cannot list them). */
export async function addSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly (typeof DUBAN_SEARCH_ATTRIBUTES)[number][] = DUBAN_SEARCH_ATTRIBUTES,
): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((key) => [key.name, INDEXED_VALUE_TYPE[key.type]])),
  });
}

/** The same list in the dev server's `--search-attribute Name=Type` form. */
export function devServerSearchAttributeFlags(): string[] {
  const typeName: Record<SearchAttributeType, string> = {
    TEXT: 'Text',
    KEYWORD: 'Keyword',
    INT: 'Int',
    DOUBLE: 'Double',
    BOOL: 'Bool',
    DATETIME: 'Datetime',
    KEYWORD_LIST: 'KeywordList',
  };
  return DUBAN_SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${typeName[key.type]}`,
  ]);
}
