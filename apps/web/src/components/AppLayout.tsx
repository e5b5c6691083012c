import { Badge, Button, Layout, Menu, Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { useI18n, type Lang } from '../i18n';
import { navFor } from '../nav';
import { useUnreadNotifications } from '../pages/NotificationsPage';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      aria-label={t('lang.label')}
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
        { label: 'EN', value: 'en', title: 'English' },
      ]}
    />
  );
}

/** Header with the menu for the user's role, who is signed in, the language switch; then the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const unread = useUnreadNotifications();
  if (!user) return null;
  const items = navFor(user.role);
  // The most specific menu entry that matches the path is the selected one.
  const selected = items
    .filter((i) => location.pathname === i.path || (i.path !== '/' && location.pathname.startsWith(`${i.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const selectedKey = location.pathname === '/dossiers/new' ? '/dossiers/new' : selected?.path;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The first stop of the Tab key: straight to the page, past the menu (WCAG 2.4.1). */}
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Layout.Header
        className="app-header"
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#fff',
          borderBottom: '1px solid #e5e5e5',
          paddingInline: 16,
          // The user's name and unit wrap onto a second line rather than being cut: the header grows to fit.
          height: 'auto',
          minHeight: 64,
          lineHeight: 'normal',
          paddingBlock: 8,
        }}
      >
        <Link to="/" style={{ fontWeight: 600, whiteSpace: 'nowrap', color: '#a8071a' }}>
          {t('app.short')}
        </Link>
        <nav aria-label={t('nav.main')} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            mode="horizontal"
            selectedKeys={selectedKey ? [selectedKey] : []}
            items={items.map((i) => ({ key: i.path, label: <Link to={i.path}>{t(i.label)}</Link> }))}
            disabledOverflow
            style={{ borderBottom: 'none', lineHeight: '46px' }}
          />
        </nav>
        <div className="user-area">
          <div className="user-block">
            <div data-testid="current-user">{user.displayName}</div>
            <Typography.Text type="secondary" className="user-meta" data-testid="current-user-unit">
              {t(`role.${user.role}`)} · {user.orgUnitName ?? user.orgUnitCode}
            </Typography.Text>
          </div>
          <Link
            to="/notifications"
            data-testid="notification-bell"
            aria-label={t('notif.bell', { count: unread.data?.unread ?? 0 })}
          >
            <Badge count={unread.data?.unread ?? 0} size="small" overflowCount={99}>
              <svg
                aria-hidden
                width="22"
                height="22"
                viewBox="0 0 24 24"
                style={{ display: 'block', color: '#595959' }}
              >
                <path
                  fill="currentColor"
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
                />
              </svg>
            </Badge>
          </Link>
          <LanguageSwitch />
          <Button
            onClick={() => {
              logout();
              navigate('/login');
            }}
          >
            {t('nav.logout')}
          </Button>
        </div>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} style={{ padding: 16, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
