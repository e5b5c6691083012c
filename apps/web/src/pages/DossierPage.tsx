import { Alert, Card, Col, Descriptions, Row, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../api/client';
import type { DossierView } from '../api/types';
import { ActionPanel } from '../components/ActionPanel';
import { DueText, StatusTag } from '../components/bits';
import { DocumentChecklist } from '../components/DocumentChecklist';
import { EligibilityCard } from '../components/EligibilityCard';
import { History } from '../components/History';
import { RouteSteps } from '../components/RouteSteps';
import { ErrorAlert } from '../errors';
import { formatDate, formatDateTime } from '../format';
import { tr, useI18n } from '../i18n';
import { PageTitle } from '../components/PageTitle';

/**
 * One dossier: where it is, what the caller may do, its papers, the eligibility check, its details and its
 * full history. The clerk lands here after creating a nomination, so the checklist and eligibility come first.
 */
export function DossierPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['dossier', id], queryFn: () => api.dossier(id) });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <ErrorAlert t={t} error={q.error} />;
  const d = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <PageTitle>{t('dossier.title', { name: d.nominee.name })}</PageTitle>
        <Space wrap>
          <StatusTag status={d.status} />
          <Typography.Text>{d.awardName}</Typography.Text>
          {d.currentStage && (
            <Typography.Text type="secondary">
              {t('dossier.waitsOn', {
                role: tr(t, 'role', d.currentStage.role),
                org: d.currentStage.orgUnitName ?? d.currentStage.orgUnitCode,
              })}
            </Typography.Text>
          )}
          {d.currentStage?.dueAt && (
            <span data-testid="stage-due">
              {t('dossier.dueOn', { date: '' })}
              <DueText stage={d.currentStage} />
            </span>
          )}
        </Space>
      </div>
      <StatusBanner dossier={d} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dossier.actions')}</h2>}>
              <ActionPanel dossier={d} />
            </Card>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('docs.title')}</h2>}>
              <DocumentChecklist dossier={d} />
            </Card>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dossier.details')}</h2>}>
              <Details dossier={d} />
            </Card>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dossier.history')}</h2>}>
              <History dossier={d} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dossier.route')}</h2>}>
              <RouteSteps dossier={d} />
            </Card>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('elig.title')}</h2>}>
              <EligibilityCard dossier={d} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function StatusBanner({ dossier: d }: { dossier: DossierView }) {
  const { t } = useI18n();
  if (d.status === 'RETURNED') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="returned-banner"
        title={t('dossier.returned')}
        description={
          <>
            <div>{t('dossier.returnedHelp')}</div>
            <div style={{ marginTop: 8, fontWeight: 600 }}>
              {t('dossier.reasonLabel', { reason: d.lastReason ?? '' })}
            </div>
          </>
        }
      />
    );
  }
  if (d.status === 'REJECTED') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('dossier.rejected')}
        description={t('dossier.reasonLabel', { reason: d.lastReason ?? '' })}
      />
    );
  }
  if (d.status === 'APPROVED' && d.decision) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="decision-banner"
        title={tr(t, 'status', 'APPROVED')}
        description={t('dossier.decision', {
          number: d.decision.number,
          date: formatDate(d.decision.date),
          signer: d.decision.signer,
        })}
      />
    );
  }
  return null;
}

function Details({ dossier: d }: { dossier: DossierView }) {
  const { t } = useI18n();
  const n = d.nominee;
  const decidingLevel = d.route.levels.find((l) => l.orgUnitCode === d.route.decidingOrgUnitCode);
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={[
        { key: 'award', label: t('col.award'), children: d.awardName },
        {
          key: 'nominee',
          label: t('col.nominee'),
          children: (
            <span>
              {n.name} ({tr(t, 'kind', n.kind)}){n.position ? ` · ${n.position}` : ''}
              {n.memberCount ? ` · ${n.memberCount}` : ''}
              {n.directWorker ? ` · ${t('new.directWorker')}` : ''}
            </span>
          ),
        },
        {
          key: 'achievements',
          label: t('new.achievements'),
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.achievementSummary}</span>,
        },
        { key: 'origin', label: t('dossier.origin'), children: d.route.levels[0]?.orgUnitName ?? d.originOrgUnitCode },
        {
          key: 'decider',
          label: t('dossier.decidedBy'),
          children: decidingLevel?.orgUnitName ?? d.route.decidingOrgUnitCode,
        },
        { key: 'created', label: t('dossier.createdAt'), children: formatDateTime(d.createdAt) },
        { key: 'submitted', label: t('dossier.submittedAt'), children: formatDateTime(d.submittedAt) || '—' },
      ]}
    />
  );
}
