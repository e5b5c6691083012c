import { Tag, Typography } from 'antd';
import type { DossierStatus, StageView } from '../api/types';
import { formatDate, isOverdue } from '../format';
import { tr, useI18n } from '../i18n';

// Dark text on light backgrounds: readable, and above WCAG AA contrast.
const STATUS_STYLE: Record<DossierStatus, { color: string; background: string; border: string }> = {
  DRAFT: { color: '#434343', background: '#f5f5f5', border: '#bfbfbf' },
  IN_PROGRESS: { color: '#003a8c', background: '#e6f4ff', border: '#91caff' },
  RETURNED: { color: '#873800', background: '#fff7e6', border: '#ffc069' },
  APPROVED: { color: '#135200', background: '#f6ffed', border: '#95de64' },
  REJECTED: { color: '#820014', background: '#fff1f0', border: '#ffa39e' },
  WITHDRAWN: { color: '#434343', background: '#fafafa', border: '#d9d9d9' },
};

export function StatusTag({ status }: { status: DossierStatus }) {
  const { t } = useI18n();
  const s = STATUS_STYLE[status];
  return (
    <Tag data-status={status} style={{ color: s.color, background: s.background, borderColor: s.border }}>
      {tr(t, 'status', status)}
    </Tag>
  );
}

export function StageText({ stage }: { stage: StageView | null }) {
  const { t } = useI18n();
  if (!stage) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span>{tr(t, 'stage', stage.name)}</span>;
}

/** The stage's deadline when the API gives one (`currentStage.dueAt`), flagged when it has passed. */
export function DueText({ stage }: { stage: StageView | null }) {
  const { t } = useI18n();
  const dueAt = stage?.dueAt;
  if (!dueAt) return <span>{t('due.none')}</span>;
  return (
    <span>
      {formatDate(dueAt)}{' '}
      {isOverdue(dueAt) && (
        <Tag style={{ color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' }}>{t('due.overdue')}</Tag>
      )}
    </span>
  );
}
