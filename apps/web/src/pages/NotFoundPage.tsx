import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import { useDocumentTitle } from '../components/PageTitle';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  useDocumentTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24 }}>{t('notFound.title')}</h1>}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
