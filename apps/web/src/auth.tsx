import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, loadSession, saveSession, setUnauthenticatedHandler } from './api/client';
import type { LoginResponse, SessionUser } from './api/types';

interface Auth {
  user: SessionUser | null;
  /** Set when the server refused the token, so the login page can say why the user is there. */
  expired: boolean;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<LoginResponse | null>(loadSession);
  const [expired, setExpired] = useState(false);

  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setExpired(true);
      logout();
    });
  }, [logout]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api.login(username, password);
      queryClient.clear();
      saveSession(res);
      setSession(res);
      setExpired(false);
      return res.user;
    },
    [queryClient],
  );

  const value = useMemo<Auth>(
    () => ({ user: session?.user ?? null, expired, login, logout }),
    [session, expired, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
