import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem, onSessionResumed, type Query } from '../api/client';
import { readAllPages } from '../api/all-pages';
import { type Page } from '../api/types';

/**
 * A read refused as invalid was asked with a bad case number in the address or a bad filter, not with
 * anything the person filled in: said so, its field messages kept.
 */
function asReadProblem(problem: ApiProblem): ApiProblem {
  if (problem.code !== 'request.invalid') return problem;
  const { status, code, errors, body } = problem;
  return new ApiProblem(status, code, '页面地址中的编号或查询条件格式不正确', errors, body);
}

/**
 * What a page reads and depends on: its answer, its problem, and a way to read again after a step. Read
 * again when `key` changes, and once the person signs in again (a read refused meanwhile, or what
 * changed while away). `load` is null while there is nothing to read.
 */
function useRead<T>(key: string, load: (() => Promise<T>) | null) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(load !== null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (load === null) return;
    let current = true;
    setLoading(true);
    load().then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(undefined);
        setLoading(false);
      },
      (problem: ApiProblem) => {
        if (!current) return;
        setError(asReadProblem(problem));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // `key` names what `load` reads: a new function for the same read does not read again.
  }, [key, load === null, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => onSessionResumed(reload), [reload]);
  return { data, error, loading, reload };
}

/** A GET the page depends on: its answer, its problem, and a way to ask again after a step. */
export function useApi<T>(path: string | null, query?: Query) {
  const key = `${path}?${JSON.stringify(query ?? {})}`;
  return useRead<T>(key, path === null ? null : () => api.get<T>(path, query));
}

/** The API's largest page, and how many rows a board or an export reads at most. */
const PAGE_SIZE = 100;
export const ALL_ROWS_CAP = 5_000;

/** Every row of a paged list, a page at a time, up to `cap`. */
export const allPages = <T>(
  path: string,
  query: Query = {},
  { pageSize = PAGE_SIZE, cap = ALL_ROWS_CAP } = {},
) =>
  readAllPages<T>((limit, offset) => api.get<Page<T>>(path, { ...query, limit, offset }), { pageSize, cap });

/**
 * A list a page shows or counts whole (a board, a tracker), read a page at a time up to ALL_ROWS_CAP:
 * `data.complete` false says that it stopped there.
 */
export function useAllPages<T>(path: string, query?: Query, pageSize?: number) {
  const key = `${path}?${JSON.stringify(query ?? {})}`;
  return useRead(key, () => allPages<T>(path, query, { pageSize }));
}
