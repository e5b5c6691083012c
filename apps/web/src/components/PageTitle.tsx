import { Typography } from 'antd';
import { useEffect, type CSSProperties } from 'react';
import { useI18n } from '../i18n';

/** The browser tab (and its history, bookmarks, a screen reader's announcement) names the page: "Hồ sơ: … – Hồ sơ khen thưởng". */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useI18n();
  const app = t('app.short');
  useEffect(() => {
    document.title = title ? `${title} – ${app}` : app;
  }, [title, app]);
}

/** A page's heading, which is also its document title. */
export function PageTitle({ children, style }: { children: string; style?: CSSProperties }) {
  useDocumentTitle(children);
  return (
    <Typography.Title level={1} style={{ fontSize: 22, margin: 0, ...style }}>
      {children}
    </Typography.Title>
  );
}
