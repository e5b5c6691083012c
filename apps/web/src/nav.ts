import type { Role } from './api/types';
import type { TKey } from './i18n';

/**
 * The pages in the main menu and who sees them. New pages (the council session, the leadership
 * dashboard, campaigns) join here once their API exists: a page is linked only when it works.
 */
export interface NavItem {
  path: string;
  label: TKey;
  roles: readonly Role[] | 'all';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', roles: 'all' },
  { path: '/dossiers', label: 'nav.dossiers', roles: 'all' },
  { path: '/dossiers/new', label: 'nav.new', roles: ['CLERK'] },
  { path: '/dossiers/batch', label: 'nav.batch', roles: ['CLERK'] },
  { path: '/council', label: 'nav.council', roles: ['COUNCIL', 'COUNCIL_MEMBER'] },
  // Whoever GET /dashboard/* serves (apps/api/src/dashboard: DASHBOARD_ROLES).
  { path: '/dashboard', label: 'nav.dashboard', roles: ['LEADER', 'APPROVER', 'ADMIN'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'all' || item.roles.includes(role));
}
