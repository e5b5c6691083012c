import { Timeline, Typography } from 'antd';
import type { DossierView } from '../api/types';
import { formatDateTime } from '../format';
import { tr, useI18n } from '../i18n';
import { dayText, parseExtension } from '../logic/history';

const COLOR: Record<string, string> = { return: 'red', reject: 'red', withdraw: 'gray', decide: 'green' };

/** The full event log: who did what, when, from which stage to which, and why. */
export function History({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const stageText = (label: string | null) => {
    if (!label) return '';
    const [name, org] = label.split('@');
    const stage = dossier.route.stages.find((s) => s.name === name && s.orgUnitCode === org);
    return `${tr(t, 'stage', name)}${stage ? ` (${stage.orgUnitName})` : ''}`;
  };
  return (
    <Timeline
      items={dossier.history.map((e) => ({
        key: e.seq,
        color: COLOR[e.action] ?? 'blue',
        title: formatDateTime(e.occurredAt),
        content: (
          <div data-testid="history-event" data-action={e.action}>
            <Typography.Text strong>
              {e.action === 'withdraw' && e.fromStatus === 'DRAFT' ? t('event.deleteDraft') : tr(t, 'event', e.action)}
            </Typography.Text>
            {e.fromStage && e.toStage && e.fromStage !== e.toStage && (
              <Typography.Text type="secondary">
                {' '}
                · {stageText(e.fromStage)} → {stageText(e.toStage)}
              </Typography.Text>
            )}
            <br />
            <Typography.Text type="secondary">
              {t('dossier.by', {
                name: e.actor.displayName,
                role: tr(t, 'role', e.actor.role),
                org: e.actor.orgUnitCode,
              })}
            </Typography.Text>
            {e.reason && <div>{t('dossier.reasonLabel', { reason: e.reason })}</div>}
            <Comment action={e.action} comment={e.comment} />
          </div>
        ),
      }))}
    />
  );
}

function Comment({ action, comment }: { action: string; comment: string | null }) {
  const { t } = useI18n();
  const extension = action === 'extend' ? parseExtension(comment) : null;
  if (extension) {
    return (
      <>
        <div>{t('history.extended', { from: dayText(extension.from), to: dayText(extension.to) })}</div>
        {extension.comment && <div>{t('dossier.commentLabel', { comment: extension.comment })}</div>}
      </>
    );
  }
  return comment ? <div>{t('dossier.commentLabel', { comment })}</div> : null;
}
