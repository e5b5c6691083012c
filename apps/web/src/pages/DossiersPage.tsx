import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { DossierFilters, DossierStatus } from '../api/types';
import { DossierTable } from '../components/DossierTable';
import { ErrorAlert } from '../errors';
import { formatDate } from '../format';
import { tr, useI18n } from '../i18n';
import { DRILL_DOWN_KEYS, drillDownFrom } from '../logic/drill-down';
import { PageTitle } from '../components/PageTitle';

const STATUSES: DossierStatus[] = ['DRAFT', 'IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

/** "My dossiers": the caller's org subtree, newest first, filtered by status and award; filters live in the URL. */
export function DossiersPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as DossierStatus | null) ?? undefined;
  const award = params.get('award') ?? undefined;
  const awards = useQuery({ queryKey: ['awards'], queryFn: api.awards, staleTime: Infinity });
  const drill = drillDownFrom(params) as Omit<DossierFilters, 'status' | 'award'>;
  const orgUnits = useQuery({ queryKey: ['org-units'], queryFn: api.orgUnits, staleTime: Infinity });
  const orgName = (code: string) => orgUnits.data?.find((o) => o.code === code)?.name ?? code;
  const list = useInfiniteQuery({
    queryKey: ['dossiers', status, award, drill],
    queryFn: ({ pageParam }) => api.dossiers({ status, award, ...drill, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle>{t('list.title')}</PageTitle>
        <Typography.Text type="secondary">{t('list.help')}</Typography.Text>
      </div>
      <Space wrap>
        <Select
          aria-label={t('list.filterStatus')}
          style={{ width: 220 }}
          value={status ?? ''}
          onChange={(v) => setFilter('status', v || undefined)}
          options={[
            { value: '', label: `${t('col.status')}: ${t('list.all')}` },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Select
          aria-label={t('list.filterAward')}
          style={{ width: 320 }}
          value={award ?? ''}
          onChange={(v) => setFilter('award', v || undefined)}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            { value: '', label: `${t('col.award')}: ${t('list.all')}` },
            ...(awards.data ?? []).map((a) => ({ value: a.code, label: lang === 'vi' ? a.nameVi : a.nameEn })),
          ]}
        />
      </Space>
      {Object.keys(drill).length > 0 && (
        <Alert
          type="info"
          data-testid="drill-down"
          title={
            <Space wrap>
              <span>{t('filter.active')}:</span>
              {drill.overdue === 'true' && <Tag>{t('filter.overdue')}</Tag>}
              {drill.orgUnit && <Tag>{t('filter.orgUnit', { org: orgName(drill.orgUnit) })}</Tag>}
              {drill.stage && <Tag>{t('filter.stage', { stage: tr(t, 'stage', drill.stage) })}</Tag>}
              {drill.origin && <Tag>{t('filter.origin', { org: orgName(drill.origin) })}</Tag>}
              {(drill.throughStage || drill.throughOrgUnit) && (
                <Tag>
                  {t('filter.through', {
                    stage: drill.throughStage ? tr(t, 'stage', drill.throughStage) : '—',
                    org: drill.throughOrgUnit ? orgName(drill.throughOrgUnit) : '—',
                  })}
                </Tag>
              )}
              {drill.event && (
                <Tag>
                  {t(`filter.event.${drill.event}`, {
                    from: drill.from ? formatDate(drill.from) : '…',
                    to: drill.to ? formatDate(drill.to) : '…',
                  })}
                </Tag>
              )}
            </Space>
          }
          action={
            <Button
              size="small"
              onClick={() => {
                const next = new URLSearchParams(params);
                for (const k of DRILL_DOWN_KEYS) next.delete(k);
                setParams(next, { replace: true });
              }}
            >
              {t('filter.clear')}
            </Button>
          }
        />
      )}
      {list.error ? <ErrorAlert t={t} error={list.error} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <DossierTable items={items} loading={list.isLoading} emptyText={t('list.empty')} showDue />
      </Card>
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('list.more')}
        </Button>
      )}
    </Space>
  );
}
