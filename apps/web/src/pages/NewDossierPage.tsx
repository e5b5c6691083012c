import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { App } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, newRequestKey } from '../api/client';
import type { Award, CreateDossierInput, NomineeKind } from '../api/types';
import { AwardInfo } from '../components/AwardInfo';
import { DraftNotice, useFormDraft } from '../drafts';
import { ErrorAlert, markFieldErrors } from '../errors';
import { tr, useI18n } from '../i18n';
import { PageTitle } from '../components/PageTitle';

interface FormValues {
  awardCode?: string;
  nominee: { kind: NomineeKind; name?: string; position?: string; memberCount?: number; directWorker?: boolean };
  achievementSummary?: string;
}

const CATEGORY_ORDER: Award['category'][] = ['TITLE', 'COMMENDATION', 'STATE'];

/**
 * A nomination (đề nghị khen thưởng): the award, the nominee, the achievements. Creating it makes a draft;
 * the clerk submits it from the dossier page, where the documents and the eligibility check will also live.
 */
export function NewDossierPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const awards = useQuery({ queryKey: ['awards'], queryFn: api.awards, staleTime: Infinity });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Kept across retries so a request that reached the server before the network failed creates one dossier.
  const key = useRef(newRequestKey());
  // What the clerk types survives a session that ends, a closed tab or a dropped network.
  const draft = useFormDraft(form, 'new-dossier');
  const awardCode = Form.useWatch('awardCode', form);
  const kind = Form.useWatch(['nominee', 'kind'], form);
  const award = awards.data?.find((a) => a.code === awardCode);

  const onFinish = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    const n = values.nominee;
    const input: CreateDossierInput = {
      awardCode: values.awardCode!,
      nominee: {
        kind: n.kind,
        name: n.name!.trim(),
        ...(n.kind === 'INDIVIDUAL' && n.position?.trim() ? { position: n.position.trim() } : {}),
        ...(n.kind === 'COLLECTIVE' && n.memberCount ? { memberCount: n.memberCount } : {}),
        ...(n.directWorker ? { directWorker: true } : {}),
      },
      achievementSummary: values.achievementSummary!.trim(),
    };
    try {
      const dossier = await api.create(input, key.current);
      key.current = newRequestKey();
      draft.clear();
      message.success(t('new.created'));
      navigate(`/dossiers/${dossier.id}`);
    } catch (err) {
      // The form keeps every value; only the fields the API named are marked.
      setError(err);
      markFieldErrors(form, err);
    } finally {
      setBusy(false);
    }
  };

  const options = CATEGORY_ORDER.map((category) => ({
    label: tr(t, 'category', category),
    title: tr(t, 'category', category),
    options: (awards.data ?? [])
      .filter((a) => a.category === category)
      .map((a) => ({ value: a.code, label: lang === 'vi' ? a.nameVi : `${a.nameEn} (${a.nameVi})` })),
  })).filter((g) => g.options.length > 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle>{t('new.title')}</PageTitle>
      {awards.error ? <ErrorAlert t={t} error={awards.error} /> : null}
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={draft.onValuesChange}
        initialValues={{ nominee: { kind: 'INDIVIDUAL' } }}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card title={t('new.award')} style={{ marginBottom: 16 }}>
              <Form.Item
                name="awardCode"
                label={t('new.award')}
                extra={t('new.awardHelp')}
                rules={[{ required: true, message: t('new.required', { field: t('new.award').toLowerCase() }) }]}
              >
                <Select
                  id="awardCode"
                  placeholder={t('new.awardPlaceholder')}
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={awards.isLoading}
                  options={options}
                  onChange={(code: string) => {
                    const chosen = awards.data?.find((a) => a.code === code);
                    const current = form.getFieldValue(['nominee', 'kind']) as NomineeKind;
                    if (chosen && !chosen.nomineeKinds.includes(current)) {
                      form.setFieldValue(['nominee', 'kind'], chosen.nomineeKinds[0]);
                    }
                  }}
                />
              </Form.Item>
              {award && <AwardInfo award={award} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('new.nominee')} style={{ marginBottom: 16 }}>
              <Form.Item name={['nominee', 'kind']} label={t('new.kind')}>
                <Radio.Group
                  options={(['INDIVIDUAL', 'COLLECTIVE'] as const).map((k) => ({
                    value: k,
                    label: tr(t, 'kind', k),
                    disabled: !!award && !award.nomineeKinds.includes(k),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name={['nominee', 'name']}
                label={t('new.name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('new.required', { field: t('new.name').toLowerCase() }),
                  },
                ]}
              >
                <Input maxLength={255} />
              </Form.Item>
              {kind === 'COLLECTIVE' ? (
                <Form.Item name={['nominee', 'memberCount']} label={t('new.memberCount')}>
                  <InputNumber min={1} max={1_000_000} style={{ width: '100%' }} />
                </Form.Item>
              ) : (
                <Form.Item name={['nominee', 'position']} label={t('new.position')}>
                  <Input maxLength={255} />
                </Form.Item>
              )}
              <Form.Item name={['nominee', 'directWorker']} valuePropName="checked">
                <Checkbox>{t('new.directWorker')}</Checkbox>
              </Form.Item>
              <Form.Item
                name="achievementSummary"
                label={t('new.achievements')}
                extra={t('new.achievementsHelp')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('new.required', { field: t('new.achievements').toLowerCase() }),
                  },
                ]}
              >
                <Input.TextArea rows={6} maxLength={20_000} showCount />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        {/* Kept in view at the bottom of the window however long the form: "Tạo hồ sơ" needs no scrolling. */}
        <div
          data-testid="form-actions"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 2,
            background: '#f5f5f5',
            borderTop: '1px solid #e5e5e5',
            padding: '12px 0',
          }}
        >
          <ErrorAlert t={t} error={error} />
          <Button type="primary" htmlType="submit" loading={busy} size="large">
            {t('new.create')}
          </Button>
        </div>
      </Form>
    </Space>
  );
}
