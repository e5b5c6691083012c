import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client';
import { AuthProvider, useAuth } from './auth';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './components/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { HomePage } from './pages/HomePage';
import { DossiersPage } from './pages/DossiersPage';
import { NewDossierPage } from './pages/NewDossierPage';
import { DossierPage } from './pages/DossierPage';
import { BatchPage } from './pages/BatchPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { CouncilPage } from './pages/CouncilPage';
import { SessionPage } from './pages/SessionPage';
import { DashboardPage } from './pages/DashboardPage';
import { theme } from './theme';
import type { ReactNode } from 'react';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers do not get better by asking again; network and 5xx errors might.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout>{children}</AppLayout>;
}

function Localised({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  dayjs.locale(lang);
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localised>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  path="/"
                  element={
                    <RequireAuth>
                      <HomePage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/dossiers"
                  element={
                    <RequireAuth>
                      <DossiersPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/dossiers/new"
                  element={
                    <RequireAuth>
                      <NewDossierPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/dossiers/batch"
                  element={
                    <RequireAuth>
                      <BatchPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/dossiers/:id"
                  element={
                    <RequireAuth>
                      <DossierPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/council"
                  element={
                    <RequireAuth>
                      <CouncilPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/council/sessions/:id"
                  element={
                    <RequireAuth>
                      <SessionPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/notifications"
                  element={
                    <RequireAuth>
                      <NotificationsPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/dashboard"
                  element={
                    <RequireAuth>
                      <DashboardPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="*"
                  element={
                    <RequireAuth>
                      <NotFoundPage />
                    </RequireAuth>
                  }
                />
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </Localised>
    </I18nProvider>
  );
}
