import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { LanguageSwitch } from '../components/AppLayout';
import { useDocumentTitle } from '../components/PageTitle';
import { ErrorAlert } from '../errors';
import { useI18n } from '../i18n';

export function LoginPage() {
  const { t } = useI18n();
  const { user, login, signedOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  useDocumentTitle(t('login.title'));
  if (user) return <Navigate to={from} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(from, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start' }}>
          <div>
            <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, color: '#a8071a' }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
          </div>
          <LanguageSwitch />
        </div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('login.title')}
        </Typography.Title>
        {signedOut && !error && (
          <Alert
            type="warning"
            showIcon
            title={t(signedOut === 'idle' ? 'login.idle' : 'login.expired')}
            description={t('login.draftsKept')}
            style={{ marginBottom: 16 }}
          />
        )}
        <ErrorAlert t={t} error={error} />
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('login.username')}
            name="username"
            extra={t('login.hint')}
            rules={[{ required: true, whitespace: true, message: t('new.required', { field: t('login.username') }) }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('new.required', { field: t('login.password') }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
