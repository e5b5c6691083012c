import { Button, Card, Input, List, Progress, Space, Typography } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, followOperation, newRequestKey } from '../api/client';
import type { DossierSummary, ItemError } from '../api/types';
import { useAuth } from '../auth';
import { DossierTable } from '../components/DossierTable';
import { ErrorAlert, errorItems, errorText } from '../errors';
import { useI18n } from '../i18n';
import { PageTitle } from '../components/PageTitle';

type ItemResult = { id: string; name: string; state: 'pending' | 'ok' | 'error'; lines?: string[] };

/**
 * The clerk's list submission (trình theo danh sách): several drafts of the unit at once through one
 * POST /dossiers/actions, a long operation the server carries to the end even if the page is closed; the page
 * follows it (GET /operations/:id) and shows each dossier as it is settled. Each dossier is submitted on its
 * own, so one that is not ready (missing papers, an unmet criterion) is reported with the API's reason and the
 * others still go.
 */
export function BatchPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const drafts = useInfiniteQuery({
    queryKey: ['dossiers', 'DRAFT', 'batch'],
    queryFn: ({ pageParam }) => api.dossiers({ status: 'DRAFT', limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // Only the unit's own drafts: the clerk submits for their unit, not for the units below it.
  const items = useMemo<DossierSummary[]>(
    () => (drafts.data?.pages.flatMap((p) => p.items) ?? []).filter((d) => d.originOrgUnitCode === user?.orgUnitCode),
    [drafts.data, user],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [results, setResults] = useState<ItemResult[] | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per run, kept for a retry of the same dossiers: the server keys each item `<key>-<id>`, so a
  // request that arrived before the network failed submits each dossier once.
  const key = useRef(newRequestKey());
  // The results appear below the button that started them: bring them into view once, when a run starts.
  const resultsRef = useRef<HTMLDivElement>(null);
  const started = results !== null;
  useEffect(() => {
    if (started) resultsRef.current?.scrollIntoView({ block: 'start' });
  }, [started]);
  if (!user) return null;

  const lineFor = (e: ItemError, status: number): string[] => {
    const err = new ApiError(status, e.error, e.message, e.fields ?? []);
    const { title, detail } = errorText(t, err);
    const list = errorItems(t, err);
    return list.length ? [title, ...list] : [detail ? `${title} ${detail}` : title];
  };

  const run = async () => {
    const chosen = items.filter((d) => selected.includes(d.id));
    const state: ItemResult[] = chosen.map((d) => ({ id: d.id, name: d.nominee.name, state: 'pending' }));
    setResults([...state]);
    setRunning(true);
    setError(null);
    try {
      const started = await api.bulk(
        { action: 'submit', ids: chosen.map((d) => d.id), ...(comment.trim() ? { comment: comment.trim() } : {}) },
        key.current,
      );
      await followOperation(started, (view) => {
        for (const r of view.results) {
          const at = state.findIndex((s) => s.id === r.id);
          if (at < 0 || state[at].state !== 'pending') continue;
          state[at] = r.ok
            ? { ...state[at], state: 'ok' }
            : { ...state[at], state: 'error', lines: lineFor(r.error ?? { error: '', message: '' }, r.status) };
        }
        setResults([...state]);
      });
      if (state.every((s) => s.state === 'ok')) {
        key.current = newRequestKey();
        setComment('');
      }
    } catch (err) {
      // The request itself failed (network, session): what was done so far stays shown, the rest pending.
      setError(err);
    } finally {
      setRunning(false);
      // The ones left to do stay selected, so "submit" again retries exactly them.
      setSelected(state.filter((s) => s.state !== 'ok').map((s) => s.id));
      await queryClient.invalidateQueries({ queryKey: ['dossiers'] });
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
    }
  };

  const done = results?.filter((r) => r.state !== 'pending').length ?? 0;
  const ok = results?.filter((r) => r.state === 'ok').length ?? 0;
  const failed = results?.filter((r) => r.state === 'error').length ?? 0;
  const total = results?.length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle>{t('batch.title')}</PageTitle>
        <Typography.Text type="secondary">{t('batch.help')}</Typography.Text>
      </div>
      {drafts.error ? <ErrorAlert t={t} error={drafts.error} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <DossierTable
          items={items}
          loading={drafts.isLoading}
          emptyText={t('batch.empty')}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (d) => ({ 'aria-label': d.nominee.name, disabled: running }),
          }}
        />
      </Card>
      {drafts.hasNextPage && (
        <Button onClick={() => void drafts.fetchNextPage()} loading={drafts.isFetchingNextPage}>
          {t('list.more')}
        </Button>
      )}
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="batch-comment">{t('batch.comment')}</label>
          <Input.TextArea
            id="batch-comment"
            rows={2}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <Space wrap>
            <Button type="primary" disabled={selected.length === 0} loading={running} onClick={() => void run()}>
              {selected.length ? t('batch.submit', { count: selected.length }) : t('batch.submitNone')}
            </Button>
            <Button onClick={() => void drafts.refetch()} loading={drafts.isFetching && !drafts.isFetchingNextPage}>
              {t('home.refresh')}
            </Button>
          </Space>
          <ErrorAlert t={t} error={error} />
        </Space>
      </Card>
      {results && (
        <Card
          ref={resultsRef}
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('batch.results')}</h2>}
          data-testid="batch-results"
        >
          <Progress
            percent={total ? Math.round((done / total) * 100) : 0}
            status={running ? 'active' : failed ? 'exception' : 'success'}
            aria-label={t('batch.progress', { done, total })}
          />
          <Typography.Paragraph role="status" data-testid="batch-summary">
            {running
              ? t('batch.progress', { done, total })
              : failed
                ? t('batch.summaryFailed', { ok, total, failed })
                : t('batch.summary', { ok, total })}
          </Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={results}
            renderItem={(r) => (
              <List.Item data-testid="batch-result" data-state={r.state} data-id={r.id}>
                <div style={{ minWidth: 0 }}>
                  <Link to={`/dossiers/${r.id}`} style={{ fontWeight: 500 }}>
                    {r.name}
                  </Link>
                  <div style={{ color: r.state === 'error' ? '#a8071a' : r.state === 'ok' ? '#135200' : undefined }}>
                    {r.state === 'ok'
                      ? t('batch.ok')
                      : r.state === 'pending'
                        ? t('bulk.pending')
                        : r.lines?.map((line) => <div key={line}>{line}</div>)}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
