import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarShapeProps } from 'recharts';
import { api, download } from '../api/client';
import type { Bottleneck } from '../api/types';
import { useAuth } from '../auth';
import { ErrorAlert } from '../errors';
import { formatDateTime } from '../format';
import { tr, useI18n, type TKey } from '../i18n';
import { heat, listUrl, monthRange } from '../logic/drill-down';
import { PageTitle } from '../components/PageTitle';

/** Figures older than this are said to be catching up (the dashboard writer is normally a second behind). */
const BEHIND_MS = 60_000;

/** Colours with enough contrast against white for thin bars, one per series, the same on every chart. */
const COLOURS = { primary: '#1d39c4', secondary: '#d46b08', tertiary: '#389e0d', alert: '#a8071a' };

/**
 * A bar that carries what it shows as data attributes (series, key, value), inside a group so that a click
 * anywhere on it reaches the Bar's handler; the attributes let tests and assistive checks find one bar.
 */
function taggedBar(series: string, keyOf: (payload: Record<string, unknown>) => string) {
  return function TaggedBar(props: BarShapeProps) {
    const payload = (props.payload ?? {}) as Record<string, unknown>;
    return (
      <g
        data-series={series}
        data-key={keyOf(payload)}
        data-value={String(payload[series] ?? '')}
        style={{ cursor: 'pointer' }}
      >
        <Rectangle {...props} />
      </g>
    );
  };
}

function ChartCard(props: {
  title: TKey;
  chart: string;
  csv: { path: string; name: string };
  error?: unknown;
  empty: boolean;
  note?: ReactNode;
  children: ReactNode;
  /** The figures as a table with links, for keyboards and screen readers; charts that are tables need none. */
  table?: ReactNode;
}) {
  const { t } = useI18n();
  const dl = useMutation({ mutationFn: () => download(props.csv.path, props.csv.name) });
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{t(props.title)}</h2>}
      extra={
        <Button
          size="small"
          loading={dl.isPending}
          onClick={() => dl.mutate()}
          aria-label={`${t('dash.csv')}: ${t(props.title)}`}
        >
          {t('dash.csv')}
        </Button>
      }
      data-chart={props.chart}
    >
      {props.error ? <ErrorAlert t={t} error={props.error} /> : null}
      {dl.error ? <ErrorAlert t={t} error={dl.error} /> : null}
      {props.empty ? (
        <Typography.Text type="secondary">{t('dash.empty')}</Typography.Text>
      ) : (
        <>
          {props.table ? <div style={{ width: '100%', height: 300 }}>{props.children}</div> : props.children}
          {props.note}
          {props.table && (
            <details style={{ marginTop: 8 }}>
              <summary style={{ cursor: 'pointer' }}>{t('dash.table')}</summary>
              {props.table}
            </details>
          )}
        </>
      )}
    </Card>
  );
}

const STAGE_ORDER = ['UNIT_REVIEW', 'APPRAISAL', 'COUNCIL', 'SUBMISSION', 'DECISION'];

/**
 * Working days per stage as a heatmap, org units by stages: each cell the median and p90 of completed
 * passages and how many wait now, shaded by the median; each cell a link to the dossiers behind it. A table,
 * so that it reads with a keyboard and a screen reader, and a stage nobody has finished yet still shows.
 */
function Heatmap({ items, orgName }: { items: Bottleneck[]; orgName: (code: string) => string }) {
  const { t } = useI18n();
  const stages = STAGE_ORDER.filter((s) => items.some((i) => i.stage === s));
  for (const i of items) if (!stages.includes(i.stage)) stages.push(i.stage);
  const orgs = [...new Set(items.map((i) => i.orgUnitCode))].sort((a, b) => orgName(a).localeCompare(orgName(b)));
  const max = Math.max(0, ...items.map((i) => i.medianWorkingDays ?? 0));
  const cell = (org: string, stage: string) => items.find((i) => i.orgUnitCode === org && i.stage === stage);
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="heatmap" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }}>
        <caption style={{ captionSide: 'bottom', textAlign: 'left', color: '#595959', fontSize: 12, paddingTop: 4 }}>
          {t('dash.heatmap.legend')}
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left', padding: 4 }}>
              {t('dash.col.org')}
            </th>
            {stages.map((s) => (
              <th key={s} scope="col" style={{ textAlign: 'left', padding: 4 }}>
                {tr(t, 'stage', s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {orgs.map((org) => (
            <tr key={org}>
              <th scope="row" style={{ textAlign: 'left', padding: 4, fontWeight: 500 }}>
                {orgName(org)}
              </th>
              {stages.map((stage) => {
                const b = cell(org, stage);
                if (!b) return <td key={stage} style={{ padding: 4, border: '1px solid #f0f0f0' }} />;
                return (
                  <td
                    key={stage}
                    data-key={`${stage}@${org}`}
                    data-median={b.medianWorkingDays ?? ''}
                    style={{ padding: 0, border: '1px solid #f0f0f0', background: heat(b.medianWorkingDays ?? 0, max) }}
                  >
                    <Link
                      to={listUrl({ throughStage: stage, throughOrgUnit: org })}
                      style={{ display: 'block', padding: 4, color: '#1f1f1f' }}
                      // A tooltip, not an aria-label: the cell's row and column headers already name it for screen readers.
                      title={t('dash.heatmap.cell', {
                        stage: tr(t, 'stage', stage),
                        org: orgName(org),
                        median: b.medianWorkingDays ?? '—',
                        p90: b.p90WorkingDays ?? '—',
                        waiting: b.waiting,
                      })}
                    >
                      {b.medianWorkingDays ?? '—'} / {b.p90WorkingDays ?? '—'}
                      {b.waiting > 0 && (
                        <div style={{ fontSize: 11 }}>{t('dash.heatmap.waiting', { n: b.waiting })}</div>
                      )}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Leadership dashboard: overdue by org, working days per stage, throughput, priority share; each drills down. */
export function DashboardPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const orgUnits = useQuery({ queryKey: ['org-units'], queryFn: api.orgUnits, staleTime: Infinity });
  const orgName = (code: string) => orgUnits.data?.find((o) => o.code === code)?.name ?? code;
  // While the figures lag behind the dossiers (a recount after a release, a year-end burst), look again every 10 s.
  const summary = useQuery({
    queryKey: ['dash', 'summary'],
    queryFn: api.dashboardSummary,
    refetchInterval: (q) => (q.state.data && Date.now() - Date.parse(q.state.data.asOf) > BEHIND_MS ? 10_000 : false),
  });
  const overdue = useQuery({ queryKey: ['dash', 'overdue'], queryFn: api.dashboardOverdue });
  const bottlenecks = useQuery({ queryKey: ['dash', 'bottlenecks'], queryFn: api.dashboardBottlenecks });
  const throughput = useQuery({ queryKey: ['dash', 'throughput'], queryFn: api.dashboardThroughput });
  const priority = useQuery({ queryKey: ['dash', 'priority'], queryFn: api.dashboardPriority });
  if (!user) return null;

  const byOrg = new Map<string, number>();
  for (const i of overdue.data?.items ?? []) byOrg.set(i.orgUnitCode, (byOrg.get(i.orgUnitCode) ?? 0) + 1);
  const overdueRows = [...byOrg.entries()]
    .map(([org, count]) => ({ org, name: orgName(org), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  const monthLabel = (period: string) => dayjs(period).format('MM/YYYY');
  const throughputRows = (throughput.data?.rows ?? []).map((r) => ({ ...r, label: monthLabel(r.period) }));
  const priorityRows = (priority.data?.totals ?? []).map((r) => ({
    ...r,
    label: monthLabel(r.period),
    share: r.priorityShare === null ? 0 : Math.round(r.priorityShare * 1000) / 10,
  }));

  const status = summary.data?.byStatus;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle>{t('dash.title')}</PageTitle>
        <Typography.Text type="secondary">
          {t('dash.help', { org: user.orgUnitName ?? user.orgUnitCode })}
          {summary.data && ` · ${t('dash.asOf', { time: formatDateTime(summary.data.asOf) })}`}
        </Typography.Text>
        {summary.data && Date.now() - Date.parse(summary.data.asOf) > BEHIND_MS ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('dash.behind')} data-testid="dash-behind" />
        ) : null}
      </div>
      {summary.error ? <ErrorAlert t={t} error={summary.error} /> : null}
      <Row gutter={[16, 16]}>
        {(
          [
            ['dash.total', summary.data?.total, undefined],
            ['dash.inProgress', status?.IN_PROGRESS, listUrl({ status: 'IN_PROGRESS' })],
            ['dash.overdue', summary.data?.overdue, listUrl({ overdue: 'true' })],
            ['dash.approved', status?.APPROVED, listUrl({ status: 'APPROVED' })],
          ] as [TKey, number | undefined, string | undefined][]
        ).map(([label, value, to]) => (
          <Col key={label} xs={12} md={6}>
            <Card size="small" data-figure={label}>
              <Statistic
                title={to ? <Link to={to}>{t(label)}</Link> : t(label)}
                value={value ?? '—'}
                loading={summary.isLoading}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title="dash.throughput"
            chart="throughput"
            csv={{ path: '/dashboard/throughput?period=month&format=csv', name: 'throughput.csv' }}
            error={throughput.error}
            empty={!throughput.isLoading && throughputRows.length === 0}
            table={
              <Table
                size="small"
                rowKey="period"
                pagination={false}
                dataSource={throughputRows}
                columns={[
                  { title: t('dash.col.period'), dataIndex: 'label', key: 'period' },
                  ...(['submitted', 'decided', 'returned'] as const).map((series) => ({
                    title: t(`dash.throughput.${series}`),
                    key: series,
                    render: (_: unknown, r: (typeof throughputRows)[number]) => (
                      <Link to={listUrl({ event: series, ...monthRange(r.period) })}>{r[series]}</Link>
                    ),
                  })),
                ]}
              />
            }
          >
            <ResponsiveContainer>
              <BarChart data={throughputRows} margin={{ left: 0, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {(['submitted', 'decided', 'returned'] as const).map((series, k) => (
                  <Bar
                    key={series}
                    dataKey={series}
                    name={t(`dash.throughput.${series}`)}
                    fill={[COLOURS.primary, COLOURS.tertiary, COLOURS.secondary][k]}
                    shape={taggedBar(series, (p) => String(p.period))}
                    onClick={(d) =>
                      navigate(listUrl({ event: series, ...monthRange((d.payload as { period: string }).period) }))
                    }
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="dash.bottlenecks"
            chart="bottlenecks"
            csv={{ path: '/dashboard/bottlenecks?format=csv', name: 'bottlenecks.csv' }}
            error={bottlenecks.error}
            empty={!bottlenecks.isLoading && (bottlenecks.data?.items.length ?? 0) === 0}
          >
            <Heatmap items={bottlenecks.data?.items ?? []} orgName={orgName} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="dash.overdueByOrg"
            chart="overdue"
            csv={{ path: '/dashboard/overdue?format=csv&limit=1000', name: 'overdue.csv' }}
            error={overdue.error}
            empty={!overdue.isLoading && overdueRows.length === 0}
            note={
              overdue.data && overdue.data.total > overdue.data.items.length ? (
                <Typography.Text type="secondary">
                  {t('dash.overdueByOrg.more', { shown: overdue.data.items.length, total: overdue.data.total })}
                </Typography.Text>
              ) : null
            }
            table={
              <Table
                size="small"
                rowKey="org"
                pagination={false}
                dataSource={overdueRows}
                columns={[
                  {
                    title: t('dash.col.org'),
                    key: 'org',
                    render: (_, r) => <Link to={listUrl({ overdue: 'true', orgUnit: r.org })}>{r.name}</Link>,
                  },
                  { title: t('dash.overdueByOrg.count'), dataIndex: 'count', key: 'count' },
                ]}
              />
            }
          >
            <ResponsiveContainer>
              <BarChart data={overdueRows} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={150} />
                <Tooltip />
                <Bar
                  dataKey="count"
                  name={t('dash.overdueByOrg.count')}
                  fill={COLOURS.alert}
                  shape={taggedBar('count', (p) => String(p.org))}
                  onClick={(d) =>
                    navigate(listUrl({ overdue: 'true', orgUnit: String((d.payload as { org: string }).org) }))
                  }
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title="dash.priority"
            chart="priority"
            csv={{ path: '/dashboard/priority-share?period=month&format=csv', name: 'priority-share.csv' }}
            error={priority.error}
            empty={!priority.isLoading && priorityRows.length === 0}
            note={
              priority.data ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {(priority.data as { basis?: string }).basis}
                </Typography.Text>
              ) : null
            }
            table={
              <Table
                size="small"
                rowKey="period"
                pagination={false}
                dataSource={priorityRows}
                columns={[
                  { title: t('dash.col.period'), dataIndex: 'label', key: 'period' },
                  {
                    title: t('dash.priority.approved'),
                    key: 'approved',
                    render: (_, r) => (
                      <Link to={listUrl({ status: 'APPROVED', event: 'decided', ...monthRange(r.period) })}>
                        {r.approved}
                      </Link>
                    ),
                  },
                  { title: t('dash.priority.share'), dataIndex: 'share', key: 'share' },
                ]}
              />
            }
          >
            <ResponsiveContainer>
              <BarChart data={priorityRows} margin={{ left: 0, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" />
                <YAxis domain={[0, 100]} unit="%" />
                <Tooltip />
                <Bar
                  dataKey="share"
                  name={t('dash.priority.share')}
                  fill={COLOURS.tertiary}
                  shape={taggedBar('share', (p) => String(p.period))}
                  onClick={(d) =>
                    navigate(
                      listUrl({
                        status: 'APPROVED',
                        event: 'decided',
                        ...monthRange((d.payload as { period: string }).period),
                      }),
                    )
                  }
                />
              </BarChart>
            </ResponsiveContainer>
          </ChartCard>
        </Col>
      </Row>
    </Space>
  );
}
