import { Button, Card, Input, List, Modal, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, followOperation, newRequestKey } from '../api/client';
import type { Role } from '../api/types';
import { useAuth } from '../auth';
import { DossierTable } from '../components/DossierTable';
import { ErrorAlert, errorText } from '../errors';
import { useI18n, type TKey } from '../i18n';
import { byUrgency } from '../logic/urgency';
import { campaignsClosingSoon, vietnamToday } from '../logic/due-this-week';
import { formatDate } from '../format';
import { OpenSessionsCard } from './CouncilPage';
import { PageTitle } from '../components/PageTitle';

// Not COUNCIL: a council stage passes only by a session's close (/council), never by approving a selection.
const BULK_ROLES: readonly Role[] = ['REVIEWER', 'APPROVER'];

type BulkResult = { id: string; name: string; state: 'pending' | 'ok' | 'error'; message?: string };

export function HomePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => api.inbox({ limit: 100 }) });
  const items = useMemo(() => byUrgency(inbox.data?.items ?? []), [inbox.data]);
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkComment, setBulkComment] = useState('');
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [running, setRunning] = useState(false);
  // One key per run, kept for a retry of the same selection: the server keys each dossier's Update `<key>-<id>`, so a
  // request that arrived before the network failed approves each dossier once.
  const key = useRef(newRequestKey());
  if (!user) return null;
  const canBulk = BULK_ROLES.includes(user.role);

  /**
   * The selection approved by one long operation on the server (POST /dossiers/actions → 202, a workflow that sends
   * each dossier's Update and survives a crash half-way), followed until every dossier has its result.
   */
  const runBulk = async () => {
    const chosen = items.filter((d) => selected.includes(d.id));
    const state: BulkResult[] = chosen.map((d) => ({ id: d.id, name: d.nominee.name, state: 'pending' }));
    setResults([...state]);
    setRunning(true);
    try {
      const started = await api.bulk(
        {
          action: 'approve',
          ids: chosen.map((d) => d.id),
          ...(bulkComment.trim() ? { comment: bulkComment.trim() } : {}),
        },
        key.current,
      );
      await followOperation(started, (view) => {
        for (const r of view.results) {
          const at = state.findIndex((s) => s.id === (r.dossierId ?? r.id));
          if (at < 0 || state[at].state !== 'pending') continue;
          if (r.ok) {
            state[at] = { ...state[at], state: 'ok' };
          } else {
            const { title, detail } = errorText(
              t,
              new ApiError(r.status, r.error?.error ?? '', r.error?.message ?? ''),
            );
            state[at] = { ...state[at], state: 'error', message: detail ? `${title} ${detail}` : title };
          }
        }
        setResults([...state]);
      });
      if (state.every((r) => r.state === 'ok')) key.current = newRequestKey();
    } catch (err) {
      // The request itself failed (network, session): what was done so far stays shown, the rest pending.
      const { title, detail } = errorText(t, err);
      for (const [i, r] of state.entries())
        if (r.state === 'pending') state[i] = { ...r, state: 'error', message: detail ? `${title} ${detail}` : title };
      setResults([...state]);
    } finally {
      setRunning(false);
      setSelected(state.filter((r) => r.state !== 'ok').map((r) => r.id));
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
    }
  };

  const okCount = results?.filter((r) => r.state === 'ok').length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <div>
          <PageTitle>{t('home.title', { name: user.displayName })}</PageTitle>
          <Typography.Text type="secondary">{t(`home.help.${user.role}` as TKey)}</Typography.Text>
        </div>
        <Space wrap>
          {user.role === 'CLERK' && (
            <Button type="primary" onClick={() => navigate('/dossiers/new')}>
              {t('home.newDossier')}
            </Button>
          )}
          {canBulk && (
            <Button disabled={selected.length === 0} onClick={() => setBulkOpen(true)}>
              {selected.length ? t('bulk.approve', { count: selected.length }) : t('bulk.title')}
            </Button>
          )}
          <Button onClick={() => void inbox.refetch()} loading={inbox.isFetching}>
            {t('home.refresh')}
          </Button>
        </Space>
      </div>
      {user.role === 'COUNCIL_MEMBER' && <OpenSessionsCard />}
      {user.role === 'CLERK' && <DueThisWeekCard />}
      {inbox.error ? <ErrorAlert t={t} error={inbox.error} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <DossierTable
          items={items}
          loading={inbox.isLoading}
          emptyText={t('home.empty')}
          showDue
          rowSelection={
            canBulk
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (d) => ({ 'aria-label': d.nominee.name }),
                }
              : undefined
          }
        />
      </Card>
      <Modal
        open={bulkOpen}
        title={t('bulk.title')}
        onCancel={() => {
          if (running) return;
          setBulkOpen(false);
          setResults(null);
        }}
        footer={[
          <Button
            key="close"
            disabled={running}
            onClick={() => {
              setBulkOpen(false);
              setResults(null);
            }}
          >
            {t('bulk.close')}
          </Button>,
          <Button
            key="run"
            type="primary"
            loading={running}
            disabled={selected.length === 0 || (results !== null && results.every((r) => r.state === 'ok'))}
            onClick={() => void runBulk()}
          >
            {t('bulk.run')}
          </Button>,
        ]}
      >
        <label htmlFor="bulk-comment">{t('form.comment')}</label>
        <Input.TextArea
          id="bulk-comment"
          rows={2}
          value={bulkComment}
          onChange={(e) => setBulkComment(e.target.value)}
          style={{ marginBottom: 12 }}
        />
        {results && (
          <>
            <Typography.Paragraph role="status">
              {t('bulk.done', { ok: okCount, total: results.length })}
            </Typography.Paragraph>
            <List
              size="small"
              bordered
              dataSource={results}
              renderItem={(r) => (
                <List.Item data-testid="bulk-result" data-state={r.state}>
                  <span style={{ fontWeight: 500 }}>{r.name}</span>
                  <span style={{ color: r.state === 'error' ? '#a8071a' : r.state === 'ok' ? '#135200' : undefined }}>
                    {r.state === 'ok' ? t('bulk.ok') : r.state === 'pending' ? t('bulk.pending') : r.message}
                  </span>
                </List.Item>
              )}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}

/**
 * What is due this week for the unit's clerk: the campaigns (đợt thi đua) reaching the unit whose window for
 * nominations closes within 7 days, soonest first, with the days left. (The dossiers waiting on the clerk, returned
 * first, are the list below.)
 */
function DueThisWeekCard() {
  const { t } = useI18n();
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: api.campaigns, staleTime: 5 * 60_000 });
  const due = campaignsClosingSoon(campaigns.data ?? [], vietnamToday());
  return (
    <Card size="small" title={t('home.due.title')} data-testid="due-this-week">
      {campaigns.error ? (
        <ErrorAlert t={t} error={campaigns.error} />
      ) : (
        <List
          size="small"
          loading={campaigns.isLoading}
          dataSource={due}
          locale={{ emptyText: t('home.due.none') }}
          renderItem={({ campaign, daysLeft }) => (
            <List.Item data-testid="due-campaign" data-code={campaign.code}>
              <Typography.Text strong>{campaign.name}</Typography.Text>
              <Typography.Text type={daysLeft <= 2 ? 'danger' : undefined}>
                {t(daysLeft === 0 ? 'home.due.today' : 'home.due.closes', {
                  date: formatDate(campaign.closesOn),
                  days: daysLeft,
                })}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
