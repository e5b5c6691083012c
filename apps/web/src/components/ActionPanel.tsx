import { App, Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, newRequestKey } from '../api/client';
import type { ActionBody, DossierAction, DossierView } from '../api/types';
import { ErrorAlert, markFieldErrors } from '../errors';
import { DATE_FORMAT } from '../format';
import { useI18n } from '../i18n';
import { actionLabel, DANGER, visibleActions } from '../logic/actions';

interface ActionForm {
  comment?: string;
  reason?: string;
  decision?: { number?: string; date?: Dayjs; signer?: string };
}

const NEEDS_REASON: readonly DossierAction[] = ['return', 'reject'];

export function ActionPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const actions = visibleActions(dossier);
  const [open, setOpen] = useState<DossierAction | null>(null);
  // A dialog stays while it is open even if the dossier moved on under it (the action then fails with a 409):
  // the user reads why, and what they typed is still there.
  const dialogs = open && !actions.includes(open) ? [...actions, open] : actions;
  return (
    <>
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('dossier.noActions')}</Typography.Text>
      ) : (
        <Space wrap>
          {actions.map((a) => (
            <Button
              key={a}
              type={DANGER.includes(a) ? 'default' : 'primary'}
              danger={DANGER.includes(a)}
              onClick={() => setOpen(a)}
            >
              {t(actionLabel(dossier, a))}
            </Button>
          ))}
        </Space>
      )}
      {dialogs.map((a) => (
        <ActionModal key={a} dossier={dossier} action={a} open={open === a} onClose={() => setOpen(null)} />
      ))}
    </>
  );
}

function ActionModal(props: { dossier: DossierView; action: DossierAction; open: boolean; onClose(): void }) {
  const { dossier, action } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per intended action: a retry after a lost answer applies once.
  const key = useRef(newRequestKey());
  const awards = useQuery({
    queryKey: ['awards'],
    queryFn: api.awards,
    staleTime: Infinity,
    enabled: action === 'decide',
  });
  const decider = awards.data?.find((a) => a.code === dossier.awardCode)?.decider;
  const title = t(actionLabel(dossier, action));
  // The catalog names who signs this award; offer it once it has loaded, unless the user typed one.
  useEffect(() => {
    if (decider && !form.getFieldValue(['decision', 'signer'])) form.setFieldValue(['decision', 'signer'], decider);
  }, [decider, form]);

  const submit = async () => {
    let values: ActionForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: ActionBody = {};
    if (values.comment?.trim()) body.comment = values.comment.trim();
    if (values.reason?.trim()) body.reason = values.reason.trim();
    if (action === 'decide' && values.decision) {
      body.decision = {
        number: values.decision.number?.trim() ?? '',
        date: values.decision.date ? values.decision.date.format('YYYY-MM-DD') : '',
        signer: values.decision.signer?.trim() ?? '',
      };
    }
    setBusy(true);
    setError(null);
    try {
      await api.act(dossier.id, action, body, key.current);
      key.current = newRequestKey();
      form.resetFields();
      props.onClose();
      message.success(t(`action.done.${action}`));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['dossier', dossier.id] }),
        queryClient.invalidateQueries({ queryKey: ['inbox'] }),
        queryClient.invalidateQueries({ queryKey: ['dossiers'] }),
      ]);
    } catch (err) {
      setError(err);
      markFieldErrors(form, err);
      // The dossier moved on under us: show its current state behind the dialog.
      if (err instanceof ApiError && err.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ['dossier', dossier.id] });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={title}
      onCancel={() => !busy && props.onClose()}
      okText={title}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ danger: DANGER.includes(action) }}
      forceRender
    >
      <Form<ActionForm>
        form={form}
        layout="vertical"
        name={`action-${action}`}
        initialValues={action === 'decide' ? { decision: { date: dayjs(), signer: decider } } : {}}
      >
        {NEEDS_REASON.includes(action) && (
          <Form.Item
            name="reason"
            label={t('form.reason')}
            extra={t('form.reasonHelp')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('new.required', { field: t('form.reason').toLowerCase() }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
        {action === 'withdraw' && (
          <Form.Item name="reason" label={t('form.reason')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
        )}
        {action === 'decide' && (
          <>
            <Form.Item
              name={['decision', 'number']}
              label={t('form.decisionNumber')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('new.required', { field: t('form.decisionNumber').toLowerCase() }),
                },
              ]}
            >
              <Input maxLength={64} placeholder="1234/QĐ-UBND" />
            </Form.Item>
            <Form.Item
              name={['decision', 'date']}
              label={t('form.decisionDate')}
              rules={[{ required: true, message: t('new.required', { field: t('form.decisionDate').toLowerCase() }) }]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name={['decision', 'signer']}
              label={t('form.signer')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('new.required', { field: t('form.signer').toLowerCase() }),
                },
              ]}
            >
              <Input maxLength={255} />
            </Form.Item>
          </>
        )}
        <Form.Item name="comment" label={action === 'resubmit' ? t('form.supplement') : t('form.comment')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
      <ErrorAlert t={t} error={error} />
    </Modal>
  );
}
