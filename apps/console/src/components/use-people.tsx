import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { type LedgerEntry, type StaffEntry } from '../api/types';
import { actorZh } from '../format';
import { usePerson } from '../session';
import { useApi } from './use-api';
import { useUnits } from './use-units';

const StaffDirectory = createContext<{ directory?: StaffEntry[]; reload: () => void }>({
  reload: () => undefined,
});

/**
 * Asks for the staff directory once per signed-in session: the shell renders this and lives exactly as
 * long as the session. Not before a forced password change, which the API requires first.
 */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const { mustChangePassword } = usePerson();
  const { data, reload } = useApi<StaffEntry[]>(mustChangePassword ? null : '/staff');
  const value = useMemo(() => ({ directory: data, reload }), [data, reload]);
  return <StaffDirectory.Provider value={value}>{children}</StaffDirectory.Provider>;
}

/**
 * Officials' display names by id (ids are what the ledger and the cases record): 王明 for `handler.amr`;
 * the id itself for anyone the directory does not have (yet). `reloadPeople` reads the directory again
 * after an administrator added or renamed someone.
 */
export function usePeople() {
  const { directory, reload } = useContext(StaffDirectory);
  return useMemo(() => {
    const names = new Map((directory ?? []).map((p) => [p.id, p.displayName]));
    return { personName: (id: string) => names.get(id) ?? id, reloadPeople: reload };
  }, [directory, reload]);
}

/** Who took a step, in words (`actorZh`), with the units' and the officials' names. */
export function useActorZh() {
  const { nameOf } = useUnits();
  const { personName } = usePeople();
  return useCallback(
    (actor: LedgerEntry['actor']) => actorZh(actor, nameOf, personName),
    [nameOf, personName],
  );
}
