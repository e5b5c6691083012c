import { App, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { NotificationView } from '../api/types';
import { PageTitle } from '../components/PageTitle';
import { ErrorAlert } from '../errors';
import { formatDate, formatDateTime } from '../format';
import { tr, useI18n, type TKey } from '../i18n';

/** Text and background with a contrast of at least 4.5:1 (WCAG AA; antd's gold preset is 2.75). */
const KIND_STYLE: Record<NotificationView['kind'], { color: string; background: string; borderColor: string }> = {
  REMINDER: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  ESCALATION: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  DIGEST: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
};

/** The header's badge: the user's unread notifications, looked at again every minute and when the tab returns. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: api.unreadNotifications,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/**
 * The notification centre: reminders before a stage's deadline, escalations past it and the daily digest, addressed
 * to the user's role at their unit (so a colleague in the same role sees the same and a read mark is shared). Each
 * names the nominee, the award and the step; opening one marks it read and goes to its dossier.
 */
export function NotificationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [only, setOnly] = useState<'all' | 'unread'>('all');
  const awards = useQuery({ queryKey: ['awards'], queryFn: api.awards, staleTime: Infinity });
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list', only],
    queryFn: ({ pageParam }) => api.notifications({ unread: only === 'unread', limit: 20, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({ mutationFn: api.markNotificationRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: api.markAllNotificationsRead,
    onSuccess: async (r) => {
      message.success(t('notif.allRead', { count: r.marked }));
      await refresh();
    },
  });
  const awardName = (code: string | null) => awards.data?.find((a) => a.code === code)?.nameVi ?? code ?? '';
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = async (n: NotificationView) => {
    if (!n.readAt) await read.mutateAsync(n.id).catch(() => undefined);
    if (n.dossierId) navigate(`/dossiers/${n.dossierId}`);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{t('notif.title')}</PageTitle>
      <Typography.Text type="secondary">{t('notif.help')}</Typography.Text>
      <Space wrap>
        <Segmented<'all' | 'unread'>
          aria-label={t('notif.filter')}
          value={only}
          onChange={setOnly}
          options={[
            { value: 'all', label: t('notif.all') },
            { value: 'unread', label: t('notif.unreadOnly') },
          ]}
        />
        <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>
          {t('notif.markAll')}
        </Button>
      </Space>
      <ErrorAlert t={t} error={list.error ?? read.error ?? readAll.error} />
      <Card>
        <List
          loading={list.isLoading}
          dataSource={items}
          locale={{ emptyText: t(only === 'unread' ? 'notif.noneUnread' : 'notif.none') }}
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              data-kind={n.kind}
              data-read={n.readAt ? 'true' : 'false'}
              actions={[
                ...(n.dossierId
                  ? [
                      <Button key="open" type="link" onClick={() => void open(n)}>
                        {t('notif.open')}
                      </Button>,
                    ]
                  : []),
                ...(!n.readAt
                  ? [
                      <Button key="read" size="small" onClick={() => read.mutate(n.id)}>
                        {t('notif.markRead')}
                      </Button>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Tag style={KIND_STYLE[n.kind]}>{t(`notif.kind.${n.kind}` as TKey)}</Tag>
                    <Typography.Text strong={!n.readAt}>
                      {n.kind === 'DIGEST' || !n.nomineeName
                        ? n.title
                        : t('notif.about', { nominee: n.nomineeName, award: awardName(n.awardCode) })}
                    </Typography.Text>
                    {!n.readAt && <Tag>{t('notif.unread')}</Tag>}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    {n.kind !== 'DIGEST' && n.stageName && (
                      <Typography.Text>
                        {t('notif.step', {
                          stage: tr(t, 'stage', n.stageName),
                          org: n.orgUnitName ?? '',
                          due: formatDate(n.dueAt),
                        })}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('notif.more')}
          </Button>
        )}
      </Card>
    </Space>
  );
}
