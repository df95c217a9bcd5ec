import { useCallback, useEffect, useState } from 'react';
import { api, type ApiProblem, type Query } from '../api/client';

/** A GET the page depends on: its answer, its problem, and a way to ask again after a step. */
export function useApi<T>(path: string | null, query?: Query) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiProblem>();
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    api.get<T>(path, JSON.parse(queryKey) as Query).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(undefined);
        setLoading(false);
      },
      (problem: ApiProblem) => {
        if (!current) return;
        setError(problem);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, queryKey, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
