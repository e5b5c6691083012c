import { Alert, List, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CriterionResult, DossierView, EligibilityView } from '../api/types';
import { ErrorAlert } from '../errors';
import { formatDate } from '../format';
import { useI18n, type TKey } from '../i18n';

type Verdict = 'met' | 'unmet' | 'notJudged';

const VERDICT_STYLE: Record<Verdict, { color: string; background: string; borderColor: string }> = {
  met: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  unmet: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  notJudged: { color: '#434343', background: '#f5f5f5', borderColor: '#bfbfbf' },
};

/** A criterion the API could not judge (no registry record) is "not judged", not "not met". */
function verdict(e: EligibilityView, r: CriterionResult): Verdict {
  if (!e.evaluated) return 'notJudged';
  return r.met ? 'met' : 'unmet';
}

/**
 * The nominee against the award's criteria in force on the day (the submission day once submitted),
 * criterion by criterion with the reason and the legal basis, as the API judged them.
 */
export function EligibilityCard({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  // Keyed on the version too: a resubmission or a new submission day may change the verdict.
  const q = useQuery({
    queryKey: ['eligibility', dossier.id, dossier.version],
    queryFn: () => api.eligibility(dossier.id),
  });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <ErrorAlert t={t} error={q.error} />;
  const e = q.data;
  const summary: { type: 'success' | 'error' | 'info'; key: TKey } = !e.evaluated
    ? { type: 'info', key: 'elig.notEvaluated' }
    : e.eligible
      ? { type: 'success', key: 'elig.eligible' }
      : { type: 'error', key: 'elig.notEligible' };
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="eligibility">
      <Alert
        type={summary.type}
        showIcon
        title={t(summary.key)}
        description={t('elig.asOf', { date: formatDate(e.asOf) })}
        data-testid="eligibility-summary"
        data-eligible={e.evaluated ? String(e.eligible) : 'unknown'}
      />
      {e.results.length === 0 ? (
        <Typography.Text type="secondary">{t('elig.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={e.results}
          renderItem={(r) => {
            const v = verdict(e, r);
            return (
              <List.Item data-testid="criterion" data-code={r.code} data-verdict={v}>
                <div style={{ minWidth: 0 }}>
                  <Space wrap size={4}>
                    <Tag style={VERDICT_STYLE[v]}>{t(`elig.${v}`)}</Tag>
                    <Typography.Text strong>{r.description}</Typography.Text>
                    <Typography.Text type="secondary">({t(r.hard ? 'elig.hard' : 'elig.soft')})</Typography.Text>
                  </Space>
                  {r.detail && <div>{t('elig.reason', { detail: r.detail })}</div>}
                  {r.legalBasis && (
                    <div>
                      <Typography.Text type="secondary">{t('elig.basis', { basis: r.legalBasis })}</Typography.Text>
                    </div>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </Space>
  );
}
