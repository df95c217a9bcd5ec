import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSignedOut } from './api/client';
import { type Person } from './api/types';

interface Session {
  /** undefined while the first GET /auth/me is on its way; null when nobody is signed in. */
  person: Person | null | undefined;
  signIn: (username: string, password: string) => Promise<{ mustChangePassword: boolean }>;
  signOut: () => Promise<void>;
  /** Reads the person again (after a password change). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [person, setPerson] = useState<Person | null | undefined>(undefined);

  useEffect(() => {
    // Not signed in (401), or the API unreachable: either way the sign-in page is where to start.
    api.get<Person>('/auth/me').then(setPerson, () => setPerson(null));
    return onSignedOut(() => setPerson(null));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api.post<{ mustChangePassword: boolean }>('/auth/sign-in', { username, password });
    setPerson(await api.get<Person>('/auth/me'));
    return { mustChangePassword: answer.mustChangePassword };
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/auth/sign-out');
    setPerson(null);
  }, []);

  const refresh = useCallback(async () => setPerson(await api.get<Person>('/auth/me')), []);

  const value = useMemo(() => ({ person, signIn, signOut, refresh }), [person, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in person, for pages under the shell (which renders only with one). */
export function usePerson(): Person {
  const { person } = useSession();
  if (!person) throw new Error('no signed-in person');
  return person;
}
