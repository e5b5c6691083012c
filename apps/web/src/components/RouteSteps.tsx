import { Steps, Typography } from 'antd';
import type { DossierView } from '../api/types';
import { routePosition } from '../logic/route-position';
import { formatDate, isOverdue } from '../format';
import { tr, useI18n } from '../i18n';

export function RouteSteps({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const pos = routePosition(dossier);
  const doneAt = new Map<string, string>();
  for (const e of dossier.history) {
    if ((e.action === 'approve' || e.action === 'decide') && e.fromStage) doneAt.set(e.fromStage, e.occurredAt);
  }
  const draftDone = dossier.status !== 'DRAFT' && dossier.status !== 'RETURNED';
  const items = [
    {
      title: tr(t, 'stage', dossier.status === 'RETURNED' ? 'SUPPLEMENT' : 'DRAFT'),
      content: `${dossier.route.levels[0]?.orgUnitName ?? dossier.originOrgUnitCode} · ${t('role.CLERK')}`,
      status: draftDone || dossier.status === 'WITHDRAWN' ? ('finish' as const) : ('process' as const),
    },
    ...dossier.route.stages.map((s, i) => {
      const current = i === pos;
      // The stage that returned the dossier waits for the supplement: shown as returned (↩), not as a failure;
      // only a rejection is the red ✕.
      const returnedHere = current && dossier.status === 'RETURNED';
      const status =
        i < pos
          ? ('finish' as const)
          : current && dossier.status === 'IN_PROGRESS'
            ? ('process' as const)
            : current && dossier.status === 'REJECTED'
              ? ('error' as const)
              : ('wait' as const);
      const finishedAt = doneAt.get(`${s.name}@${s.orgUnitCode}`);
      const dueAt = current && dossier.status === 'IN_PROGRESS' ? dossier.currentStage?.dueAt : null;
      return {
        title: tr(t, 'stage', s.name),
        status,
        ...(returnedHere
          ? {
              icon: (
                <span aria-hidden style={{ color: '#d46b08', fontSize: 20, lineHeight: '24px' }}>
                  ↩
                </span>
              ),
            }
          : {}),
        content: (
          <span data-testid="route-step" data-state={returnedHere ? 'returned' : status}>
            {s.orgUnitName} · {tr(t, 'role', s.role)}
            {returnedHere && (
              <>
                <br />
                <Typography.Text style={{ color: '#ad4e00' }} strong>
                  {t('route.returnedHere')}
                </Typography.Text>
              </>
            )}
            {finishedAt && i < pos && (
              <>
                <br />
                <Typography.Text type="secondary">{formatDate(finishedAt)}</Typography.Text>
              </>
            )}
            {dueAt && (
              <>
                <br />
                <Typography.Text type={isOverdue(dueAt) ? 'danger' : undefined} strong>
                  {t('dossier.dueOn', { date: formatDate(dueAt) })}
                  {isOverdue(dueAt) ? ` · ${t('due.overdue')}` : ''}
                </Typography.Text>
              </>
            )}
          </span>
        ),
      };
    }),
  ];
  return (
    <nav aria-label={t('dossier.route')}>
      <Steps orientation="vertical" size="small" current={Math.max(0, pos + 1)} items={items} />
    </nav>
  );
}
