import { App, Button, Card, Checkbox, Input, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import dayjs from 'dayjs';
import { api } from '../api/client';
import type { CouncilSessionSummary } from '../api/types';
import { useAuth } from '../auth';
import { DossierTable } from '../components/DossierTable';
import { ErrorAlert } from '../errors';
import { DATE_FORMAT, formatDateTime } from '../format';
import { useI18n, type TKey } from '../i18n';
import { PageTitle } from '../components/PageTitle';

/** The council's page: the secretary opens sessions here; everyone sees the sessions of their subtree. */
export function CouncilPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!user) return null;
  const help: TKey =
    user.role === 'COUNCIL' || user.role === 'COUNCIL_MEMBER' ? `council.help.${user.role}` : 'council.help.other';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle>{t('council.title')}</PageTitle>
        <Typography.Text type="secondary">{t(help)}</Typography.Text>
      </div>
      {user.role === 'COUNCIL' && <OpenSessionCard />}
      <SessionList />
    </Space>
  );
}

function OpenSessionCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  // The secretary's inbox is exactly what waits at this council.
  const waiting = useQuery({ queryKey: ['inbox'], queryFn: () => api.inbox({ limit: 100 }) });
  const items = (waiting.data?.items ?? []).filter((d) => d.currentStage?.name === 'COUNCIL');
  const [selected, setSelected] = useState<string[]>([]);
  const [title, setTitle] = useState(() => t('council.open.defaultName', { date: dayjs().format(DATE_FORMAT) }));
  const [secret, setSecret] = useState(false);
  const open = useMutation({
    mutationFn: () => api.openSession({ title: title.trim(), dossierIds: selected, secretBallot: secret || undefined }),
    onSuccess: (s) => {
      void message.success(t('council.session.heading', { title: s.title }));
      navigate(`/council/sessions/${s.id}`);
    },
  });
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('council.open.title')}</h2>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('council.open.help')}</Typography.Text>
        {waiting.error ? <ErrorAlert t={t} error={waiting.error} /> : null}
        <DossierTable
          items={items}
          loading={waiting.isLoading}
          emptyText={t('council.open.empty')}
          showDue
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (d) => ({ 'aria-label': d.nominee.name }),
          }}
        />
        <div>
          <label htmlFor="session-title">{t('council.open.name')}</label>
          <Input
            id="session-title"
            value={title}
            maxLength={500}
            onChange={(e) => setTitle(e.target.value)}
            status={title.trim() ? undefined : 'error'}
          />
        </div>
        <Checkbox checked={secret} onChange={(e) => setSecret(e.target.checked)}>
          {t('council.open.secret')}
        </Checkbox>
        {open.error ? <ErrorAlert t={t} error={open.error} /> : null}
        <Space wrap>
          <Button
            type="primary"
            disabled={selected.length === 0 || !title.trim()}
            loading={open.isPending}
            onClick={() => open.mutate()}
          >
            {t('council.open.submit')}
          </Button>
          <Typography.Text type="secondary" role="status">
            {selected.length ? t('council.open.count', { count: selected.length }) : t('council.open.noneSelected')}
          </Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}

export function SessionStatusTag({ status }: { status: 'OPEN' | 'CLOSED' }) {
  const { t } = useI18n();
  return status === 'OPEN' ? (
    <Tag style={{ color: '#003a8c', background: '#e6f4ff', borderColor: '#91caff' }}>{t('council.status.OPEN')}</Tag>
  ) : (
    <Tag style={{ color: '#434343', background: '#fafafa', borderColor: '#d9d9d9' }}>{t('council.status.CLOSED')}</Tag>
  );
}

function SessionList() {
  const { t } = useI18n();
  const sessions = useQuery({ queryKey: ['council-sessions'], queryFn: () => api.councilSessions() });
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('council.sessions')}</h2>}
      styles={{ body: { padding: 0 } }}
    >
      {sessions.error ? <ErrorAlert t={t} error={sessions.error} /> : null}
      <SessionTable items={sessions.data?.items ?? []} loading={sessions.isLoading} />
    </Card>
  );
}

export function SessionTable({ items, loading }: { items: CouncilSessionSummary[]; loading?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<CouncilSessionSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('council.sessions.empty') }}
      columns={[
        {
          title: t('council.col.title'),
          key: 'title',
          render: (_, s) => <Link to={`/council/sessions/${s.id}`}>{s.title}</Link>,
        },
        { title: t('col.status'), key: 'status', render: (_, s) => <SessionStatusTag status={s.status} /> },
        { title: t('council.col.items'), dataIndex: 'itemCount', key: 'items' },
        { title: t('council.col.openedAt'), key: 'opened', render: (_, s) => formatDateTime(s.openedAt) },
        ...(items.some((s) => s.awaitingMyVote !== undefined)
          ? [
              {
                title: t('council.col.ballot'),
                key: 'mine',
                render: (_: unknown, s: CouncilSessionSummary) =>
                  s.status === 'OPEN'
                    ? s.awaitingMyVote
                      ? t('council.sessions.awaiting', { count: s.awaitingMyVote })
                      : t('council.sessions.allVoted')
                    : '—',
              },
            ]
          : []),
      ]}
    />
  );
}

/** On a member's home page: the open sessions that still wait for their vote. */
export function OpenSessionsCard() {
  const { t } = useI18n();
  const sessions = useQuery({ queryKey: ['council-sessions', 'OPEN'], queryFn: () => api.councilSessions('OPEN') });
  const mine = (sessions.data?.items ?? []).filter((s) => (s.awaitingMyVote ?? 0) > 0);
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('council.sessions.openForYou')}</h2>}
      styles={{ body: { padding: 0 } }}
      data-testid="open-sessions"
    >
      {sessions.error ? <ErrorAlert t={t} error={sessions.error} /> : null}
      <SessionTable items={mine} loading={sessions.isLoading} />
    </Card>
  );
}
