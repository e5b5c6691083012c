import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  api,
  currentSession,
  endSession,
  loadSession,
  saveSession,
  SESSION_KEY,
  setUnauthenticatedHandler,
  toStored,
  type SessionEnd,
} from './api/client';
import type { SessionUser, StoredSession } from './api/types';

interface Auth {
  user: SessionUser | null;
  /** Why the last session ended without the user signing out, so the login page can say why they are there. */
  signedOut: SessionEnd | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** When anyone last typed, clicked or scrolled in any tab of this browser (epoch ms), for the idle timeout. */
const ACTIVITY_KEY = 'ade.session.activity';
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'scroll', 'touchstart'] as const;

function lastActivity(): number {
  return Number(localStorage.getItem(ACTIVITY_KEY)) || Date.now();
}

/**
 * The signed-in user. The session is kept alive while the user works: the access token is renewed ahead of
 * its expiry while there was input within the idle limit (and on a 401, by the API client), so nobody is
 * sent to the login page every 15 minutes. After `idleMinutes` without input in any tab the session ends,
 * on the server too. Signing out in one tab signs out the others.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<StoredSession | null>(loadSession);
  const [signedOut, setSignedOut] = useState<SessionEnd | null>(null);

  const forget = useCallback(() => {
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  const logout = useCallback(() => {
    void endSession();
    forget();
  }, [forget]);

  useEffect(() => {
    setUnauthenticatedHandler((why) => {
      saveSession(null);
      setSignedOut(why);
      forget();
    });
  }, [forget]);

  // Another tab signed in, renewed or signed out: follow it.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== SESSION_KEY) return;
      const next = loadSession();
      setSession((prev) => {
        if (!next) {
          if (prev) queryClient.clear();
          return null;
        }
        return prev?.user.id === next.user.id ? prev : next;
      });
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [queryClient]);

  const userId = session?.user.id;
  const idleMinutes = session?.idleMinutes ?? 0;
  useEffect(() => {
    if (!userId) return;
    localStorage.setItem(ACTIVITY_KEY, String(Date.now()));
    let written = Date.now();
    const onActivity = () => {
      // Written at most every 10 s: a keystroke is not a storage write.
      if (Date.now() - written > 10_000) {
        written = Date.now();
        localStorage.setItem(ACTIVITY_KEY, String(written));
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const tick = window.setInterval(() => {
      const idleFor = Date.now() - Math.max(lastActivity(), written);
      if (idleMinutes > 0 && idleFor >= idleMinutes * 60_000) {
        void endSession();
        setSignedOut('idle');
        forget();
        return;
      }
      // Renewed while someone is working, even when no request is sent (a long form being typed); a failed
      // renewal (offline) is tried again at the next tick or request.
      void currentSession().catch(() => undefined);
    }, 5_000);
    return () => {
      window.clearInterval(tick);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [userId, idleMinutes, forget]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = toStored(await api.login(username, password));
      queryClient.clear();
      saveSession(res);
      setSession(res);
      setSignedOut(null);
      return res.user;
    },
    [queryClient],
  );

  const value = useMemo<Auth>(
    () => ({ user: session?.user ?? null, signedOut, login, logout }),
    [session, signedOut, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
