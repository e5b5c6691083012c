import { Descriptions, Typography } from 'antd';
import type { Award } from '../api/types';
import { tr, useI18n } from '../i18n';

/** What the clerk needs to know before choosing an award: who decides it, what it needs, on what legal basis. */
export function AwardInfo({ award }: { award: Award }) {
  const { t, lang } = useI18n();
  return (
    <Descriptions
      data-testid="award-info"
      size="small"
      bordered
      column={1}
      title={
        <span>
          {award.nameVi}
          {lang === 'en' && (
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {' '}
              ({award.nameEn})
            </Typography.Text>
          )}
        </span>
      }
      items={[
        { key: 'category', label: t('award.category'), children: tr(t, 'category', award.category) },
        { key: 'kinds', label: t('award.kinds'), children: award.nomineeKinds.map((k) => tr(t, 'kind', k)).join(', ') },
        {
          key: 'decider',
          label: t('award.decider'),
          children: `${award.decider} (${award.decidingLevels.map((l) => tr(t, 'level', l)).join(', ')})`,
        },
        {
          key: 'docs',
          label: t('award.documents'),
          children: (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {award.requiredDocuments.map((d) => (
                <li key={d.code}>{d.name}</li>
              ))}
            </ul>
          ),
        },
        { key: 'legal', label: t('award.legalBasis'), children: award.legalBasis },
      ]}
    />
  );
}
