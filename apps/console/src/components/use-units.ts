import { useMemo } from 'react';
import { type Unit } from '../api/types';
import { useApi } from './use-api';

/** The campaign's units, and their Chinese names by id (ids are what the API returns). */
export function useUnits() {
  const { data } = useApi<Unit[]>('/units');
  return useMemo(() => {
    const units = data ?? [];
    const names = new Map(units.map((u) => [u.id, u.nameZh]));
    return { units, nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '—') };
  }, [data]);
}
