import { useMemo } from 'react';
import { type Unit } from '../api/types';
import { useApi } from './use-api';

/**
 * The campaign's units (deactivated ones too), and their Chinese names by id (ids are what the API
 * returns); the read's state and a way to read again after a change, for the page that manages them.
 */
export function useUnits() {
  const { data, loading, error, reload } = useApi<Unit[]>('/units');
  return useMemo(() => {
    const units = data ?? [];
    const names = new Map(units.map((u) => [u.id, u.nameZh]));
    return {
      units,
      /** The units new work, people or subscriptions may be given to: a deactivated one takes none. */
      activeUnits: units.filter((u) => u.active),
      nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '—'),
      loading,
      error,
      reload,
    };
  }, [data, loading, error, reload]);
}
