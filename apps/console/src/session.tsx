import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, onSignedOut, sessionResumed } from './api/client';
import { type Person } from './api/types';

/** Why the API ended a session under an open page (`auth.session-expired`'s `why`). */
export type SessionEnd = 'idle' | 'lifetime' | 'ended';

const SESSION_ENDS: ReadonlySet<string> = new Set<SessionEnd>(['idle', 'lifetime', 'ended']);

interface Session {
  /** undefined while the first GET /auth/me is on its way; null when nobody is signed in. */
  person: Person | null | undefined;
  /**
   * Set when the session of the signed-in person ended while a page was open: the page stays, with
   * what was typed into it, until that person signs in again or leaves (decision 0020's addendum).
   */
  ended: SessionEnd | undefined;
  signIn: (username: string, password: string) => Promise<{ mustChangePassword: boolean }>;
  /** The person whose session ended signs in again; the open page and its forms are kept. */
  signInAgain: (password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /**
   * Reads the person again (after a password change, or after signing in again in another window).
   * Resolves false when the session is still gone.
   */
  refresh: () => Promise<boolean>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [person, setPerson] = useState<Person | null | undefined>(undefined);
  const [ended, setEnded] = useState<SessionEnd>();
  // The listener below outlives renders: it reads who is signed in from here.
  const signedIn = useRef<Person | null | undefined>(undefined);
  signedIn.current = person;

  useEffect(() => {
    // Not signed in (401), or the API unreachable: either way the sign-in page is where to start.
    api.get<Person>('/auth/me').then(setPerson, () => setPerson(null));
    return onSignedOut((problem) => {
      if (!signedIn.current) return setPerson(null);
      const why = String(problem.body.why);
      // The first answer says why; a later read of the ended session only says that it has ended.
      setEnded((first) => first ?? (SESSION_ENDS.has(why) ? (why as SessionEnd) : 'ended'));
    });
  }, []);

  /** Whoever the session now names: the same person goes on where they were, anyone else starts over. */
  const resume = useCallback((now: Person) => {
    if (now.id !== signedIn.current?.id) {
      // Another person's sign-in must not inherit the open page: start the console afresh.
      window.location.assign('/console/');
      return;
    }
    setPerson(now);
    setEnded(undefined);
    sessionResumed();
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api.post<{ mustChangePassword: boolean }>('/auth/sign-in', { username, password });
    setPerson(await api.get<Person>('/auth/me'));
    setEnded(undefined);
    return { mustChangePassword: answer.mustChangePassword };
  }, []);

  const signInAgain = useCallback(
    async (password: string) => {
      const username = signedIn.current?.username;
      if (!username) return;
      await api.post('/auth/sign-in', { username, password });
      resume(await api.get<Person>('/auth/me'));
    },
    [resume],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/sign-out');
    } catch {
      // The server's session may have ended already: this window signs out all the same.
    }
    setPerson(null);
    setEnded(undefined);
  }, []);

  const refresh = useCallback(async () => {
    try {
      resume(await api.get<Person>('/auth/me'));
      return true;
    } catch {
      return false;
    }
  }, [resume]);

  const value = useMemo(
    () => ({ person, ended, signIn, signInAgain, signOut, refresh }),
    [person, ended, signIn, signInAgain, signOut, refresh],
  );
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
