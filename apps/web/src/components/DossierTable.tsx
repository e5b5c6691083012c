import { Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { DossierSummary } from '../api/types';
import { formatDateTime } from '../format';
import { tr, useI18n } from '../i18n';
import { DueText, StageText, StatusTag } from './bits';

/** The list of dossiers shared by the inbox and the dossier list; the nominee's name links to the dossier. */
export function DossierTable(
  props: {
    items: DossierSummary[];
    loading?: boolean;
    emptyText: string;
    showDue?: boolean;
  } & Pick<TableProps<DossierSummary>, 'rowSelection'>,
) {
  const { t } = useI18n();
  // Lists carry org codes; the org tree gives the names people know them by.
  const orgUnits = useQuery({ queryKey: ['org-units'], queryFn: api.orgUnits, staleTime: Infinity });
  const orgName = (code: string) => orgUnits.data?.find((o) => o.code === code)?.name ?? code;
  const columns: TableProps<DossierSummary>['columns'] = [
    {
      title: t('col.nominee'),
      key: 'nominee',
      render: (_, d) => (
        <span>
          <Link to={`/dossiers/${d.id}`}>{d.nominee.name}</Link>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tr(t, 'kind', d.nominee.kind)} · {orgName(d.originOrgUnitCode)}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('col.award'), dataIndex: 'awardName', key: 'award' },
    { title: t('col.status'), key: 'status', render: (_, d) => <StatusTag status={d.status} /> },
    {
      title: t('col.stage'),
      key: 'stage',
      render: (_, d) => (
        <span>
          <StageText stage={d.currentStage} />
          {d.currentStage && (
            <>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.currentStage.orgUnitName ?? orgName(d.currentStage.orgUnitCode)}
              </Typography.Text>
            </>
          )}
        </span>
      ),
    },
    ...(props.showDue
      ? [
          {
            title: t('col.due'),
            key: 'due',
            render: (_: unknown, d: DossierSummary) => <DueText stage={d.currentStage} />,
          },
        ]
      : []),
    { title: t('col.received'), key: 'updated', render: (_, d) => formatDateTime(d.updatedAt) },
  ];
  return (
    <Table<DossierSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.items}
      loading={props.loading}
      pagination={false}
      rowSelection={props.rowSelection}
      locale={{ emptyText: props.emptyText }}
    />
  );
}
