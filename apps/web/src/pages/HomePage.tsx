import { Button, Card, Input, List, Modal, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, newRequestKey } from '../api/client';
import type { Role } from '../api/types';
import { useAuth } from '../auth';
import { DossierTable } from '../components/DossierTable';
import { ErrorAlert, errorText } from '../errors';
import { useI18n, type TKey } from '../i18n';
import { byUrgency } from '../logic/urgency';
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
  // One idempotency key per dossier for this bulk run, kept across a retry of the same run.
  const keys = useRef(new Map<string, string>());
  if (!user) return null;
  const canBulk = BULK_ROLES.includes(user.role);

  const runBulk = async () => {
    const chosen = items.filter((d) => selected.includes(d.id));
    const state: BulkResult[] = chosen.map((d) => ({ id: d.id, name: d.nominee.name, state: 'pending' }));
    setResults([...state]);
    setRunning(true);
    // One dossier after another: each is its own workflow update, and one failure must not stop the rest.
    for (const [i, d] of chosen.entries()) {
      if (!keys.current.has(d.id)) keys.current.set(d.id, newRequestKey());
      try {
        await api.act(
          d.id,
          'approve',
          bulkComment.trim() ? { comment: bulkComment.trim() } : {},
          keys.current.get(d.id)!,
        );
        state[i] = { ...state[i], state: 'ok' };
        keys.current.delete(d.id);
      } catch (err) {
        const { title, detail } = errorText(t, err);
        state[i] = { ...state[i], state: 'error', message: detail ? `${title} ${detail}` : title };
      }
      setResults([...state]);
    }
    setRunning(false);
    setSelected(state.filter((r) => r.state === 'error').map((r) => r.id));
    await queryClient.invalidateQueries({ queryKey: ['inbox'] });
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
