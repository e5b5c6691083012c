import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, newRequestKey } from '../api/client';
import type { ActionBody, DossierAction, DossierView, ExtendDeadlineInput } from '../api/types';
import { useAuth } from '../auth';
import { useChecklist } from './DocumentChecklist';
import { DraftNotice, useFormDraft } from '../drafts';
import { ErrorAlert, markFieldErrors } from '../errors';
import { DATE_FORMAT, formatDate } from '../format';
import { useI18n } from '../i18n';
import { actionLabel, canExtendDeadline, DANGER, doneLabel, isDraftDeletion, visibleActions } from '../logic/actions';

interface ActionForm {
  comment?: string;
  reason?: string;
  decision?: { number?: string; date?: Dayjs; signer?: string };
}

const NEEDS_REASON: readonly DossierAction[] = ['return', 'reject'];

export function ActionPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const actions = visibleActions(dossier);
  const mayExtend = !!user && canExtendDeadline(dossier, user);
  const [open, setOpen] = useState<DossierAction | null>(null);
  const [extendOpen, setExtendOpen] = useState(false);
  // A dialog stays while it is open even if the dossier moved on under it (the action then fails with a 409):
  // the user reads why, and what they typed is still there.
  const dialogs = open && !actions.includes(open) ? [...actions, open] : actions;
  // Submitting waits for the papers the award requires: the button says so and names what is missing (the server
  // refuses the same, 422, whatever the page shows).
  const checklist = useChecklist(dossier.id);
  const missing = (checklist.data?.items ?? [])
    .filter((i) => checklist.data!.missing.includes(i.code))
    .map((i) => i.name);
  const waitsForPapers = (a: DossierAction) => (a === 'submit' || a === 'resubmit') && missing.length > 0;
  return (
    <>
      {dossier.council && <CouncilWaitNotice dossier={dossier} />}
      {actions.length === 0 && !mayExtend ? (
        <Typography.Text type="secondary">{t('dossier.noActions')}</Typography.Text>
      ) : (
        <Space wrap>
          {actions.map((a) => (
            <Button
              key={a}
              type={DANGER.includes(a) ? 'default' : 'primary'}
              danger={DANGER.includes(a)}
              disabled={waitsForPapers(a)}
              aria-describedby={waitsForPapers(a) ? 'submit-missing' : undefined}
              onClick={() => setOpen(a)}
            >
              {t(actionLabel(dossier, a))}
            </Button>
          ))}
          {mayExtend && <Button onClick={() => setExtendOpen(true)}>{t('extend.action')}</Button>}
        </Space>
      )}
      {actions.some(waitsForPapers) && (
        <Typography.Paragraph
          id="submit-missing"
          data-testid="submit-missing"
          style={{ marginTop: 8, marginBottom: 0 }}
        >
          {t('action.missingPapers', { names: missing.join('; ') })}
        </Typography.Paragraph>
      )}
      {dialogs.map((a) => (
        <ActionModal key={a} dossier={dossier} action={a} open={open === a} onClose={() => setOpen(null)} />
      ))}
      {(mayExtend || extendOpen) && (
        <ExtendDeadlineModal dossier={dossier} open={extendOpen} onClose={() => setExtendOpen(false)} />
      )}
    </>
  );
}

/**
 * At a COUNCIL stage the page offers no "approve": the dossier waits for a session ("chờ phiên họp"), and the
 * notice links to the open session it is on, or lets the council's secretary open one.
 */
function CouncilWaitNotice({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const session = dossier.council?.session ?? null;
  const secretary = user?.role === 'COUNCIL' && user.orgUnitCode === dossier.currentStage?.orgUnitCode;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="council-wait"
      title={t('dossier.council.waiting')}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text>{t('dossier.council.help')}</Typography.Text>
          {session ? (
            <Link to={`/council/sessions/${session.id}`}>
              {t('dossier.council.onSession', { title: session.title })}
            </Link>
          ) : (
            <Typography.Text>{t('dossier.council.noSession')}</Typography.Text>
          )}
          {!session && secretary && <Link to="/council">{t('dossier.council.openSession')}</Link>}
        </Space>
      }
    />
  );
}

interface ExtendForm {
  reason?: string;
  mode: 'days' | 'date';
  days?: number;
  newDueDate?: Dayjs;
  comment?: string;
}

/** The stage's APPROVER extends its deadline by working days or to a day, with the reason (in the history). */
function ExtendDeadlineModal(props: { dossier: DossierView; open: boolean; onClose(): void }) {
  const { dossier } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ExtendForm>();
  const mode = Form.useWatch('mode', form);
  const { error, busy, run } = useDossierRequest(dossier.id, props.open, form, props.onClose);
  const title = t('extend.action');
  const dueAt = dossier.currentStage?.dueAt;

  const submit = async () => {
    let values: ExtendForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body: ExtendDeadlineInput = { reason: values.reason!.trim() };
    if (values.mode === 'days') body.days = values.days;
    else body.newDueDate = values.newDueDate!.format('YYYY-MM-DD');
    if (values.comment?.trim()) body.comment = values.comment.trim();
    await run(
      (key) => api.extendDeadline(dossier.id, body, key),
      (view) => {
        message.success(t('extend.done', { date: formatDate(view.currentStage?.dueAt) }));
        queryClient.setQueryData(['dossier', dossier.id], view);
      },
    );
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
      forceRender
    >
      {dueAt && <Typography.Paragraph>{t('extend.current', { date: formatDate(dueAt) })}</Typography.Paragraph>}
      <Form<ExtendForm> form={form} layout="vertical" name="extend-deadline" initialValues={{ mode: 'days', days: 5 }}>
        <Form.Item
          name="reason"
          label={t('form.reason')}
          extra={t('extend.reasonHelp')}
          rules={[
            { required: true, whitespace: true, message: t('new.required', { field: t('form.reason').toLowerCase() }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="mode" label={t('extend.mode')}>
          <Radio.Group
            options={[
              { value: 'days', label: t('extend.byDays') },
              { value: 'date', label: t('extend.byDate') },
            ]}
          />
        </Form.Item>
        {mode === 'date' ? (
          <Form.Item
            name="newDueDate"
            label={t('extend.newDate')}
            rules={[{ required: true, message: t('new.required', { field: t('extend.newDate').toLowerCase() }) }]}
          >
            <DatePicker
              format={DATE_FORMAT}
              style={{ width: '100%' }}
              disabledDate={(d) => !!dueAt && !d.isAfter(dayjs(dueAt), 'day')}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="days"
            label={t('extend.days')}
            rules={[{ required: true, message: t('new.required', { field: t('extend.days').toLowerCase() }) }]}
          >
            <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="comment" label={t('form.comment')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
      <ErrorAlert t={t} error={error} />
    </Modal>
  );
}

function ActionModal(props: { dossier: DossierView; action: DossierAction; open: boolean; onClose(): void }) {
  const { dossier, action } = props;
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActionForm>();
  const navigate = useNavigate();
  const { error, busy, run, edited } = useDossierRequest(dossier.id, props.open, form, props.onClose);
  const deletion = isDraftDeletion(dossier, action);
  // A reason or comment being typed is kept as a draft for this dossier and action until it is sent.
  const draft = useFormDraft(form, `action.${dossier.id}.${action}`, (v) => ({ comment: v.comment, reason: v.reason }));
  const awards = useQuery({
    queryKey: ['awards'],
    queryFn: api.awards,
    staleTime: Infinity,
    enabled: action === 'decide',
  });
  const decider = awards.data?.find((a) => a.code === dossier.awardCode)?.decider;
  // A refused submission names the missing papers as the checklist on the page names them.
  const checklist = useChecklist(dossier.id);
  const docNames = Object.fromEntries((checklist.data?.items ?? []).map((i) => [i.code, i.name]));
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
    await run(
      (key) => api.act(dossier.id, action, body, key),
      () => {
        draft.clear();
        message.success(t(doneLabel(dossier, action)));
        // A deleted draft is no longer work: back to the list of what is.
        if (deletion) navigate('/');
      },
      (err) => {
        // A refused submission: the checklist and the eligibility card show what the server found.
        if (err instanceof ApiError && err.status === 422) {
          void queryClient.invalidateQueries({ queryKey: ['documents', dossier.id] });
          void queryClient.invalidateQueries({ queryKey: ['eligibility', dossier.id] });
        }
      },
    );
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
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} />
      <Form<ActionForm>
        form={form}
        layout="vertical"
        name={`action-${action}`}
        onValuesChange={(changed: Partial<ActionForm>) => {
          draft.onValuesChange();
          edited(changed);
        }}
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
        {deletion && <Typography.Paragraph>{t('action.deleteDraftHelp')}</Typography.Paragraph>}
        {action === 'withdraw' && !deletion && (
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
      <ErrorAlert t={t} error={error} docNames={docNames} />
    </Modal>
  );
}

/**
 * What both dossier dialogs do around their request. Busy while it runs; one request key per intended action, so
 * a retry after a lost answer applies once. Done: the form is cleared, the dialog closes, `done` tells the user,
 * and the dossier, the inbox and the lists are refreshed. Refused: the error is shown and its fields marked, and
 * on a 409 (the dossier moved on under us) the dossier behind the dialog is refreshed. What was typed stays when
 * the dialog is closed and opened again; a refusal from before does not (the papers or the dossier may have
 * changed since).
 */
function useDossierRequest<F>(dossierId: string, open: boolean, form: FormInstance<F>, onClose: () => void) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newRequestKey());
  useEffect(() => {
    if (open) {
      setError(null);
      return;
    }
    // A dialog opened again starts without the last attempt's messages (what was typed stays): they are cleared
    // as it closes, so none shows for the moment its fade would take.
    (form as FormInstance).setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length > 0)
        .map((f) => ({ name: f.name, errors: [] })),
    );
  }, [open, form]);
  /** A field the server's refusal named has been edited: that refusal no longer describes the form. */
  function edited(changed: object) {
    const touched = Object.keys(changed);
    if (error instanceof ApiError && error.fields.some((f) => touched.includes(f.field.split('.')[0]))) {
      setError(null);
    }
  }
  async function run<T>(
    call: (key: string) => Promise<T>,
    done: (result: T) => void,
    refused?: (err: unknown) => void,
  ) {
    setBusy(true);
    setError(null);
    try {
      const result = await call(key.current);
      key.current = newRequestKey();
      form.resetFields();
      onClose();
      done(result);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['dossier', dossierId] }),
        queryClient.invalidateQueries({ queryKey: ['inbox'] }),
        queryClient.invalidateQueries({ queryKey: ['dossiers'] }),
      ]);
    } catch (err) {
      setError(err);
      markFieldErrors(form, err);
      if (err instanceof ApiError && err.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ['dossier', dossierId] });
      }
      refused?.(err);
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run, edited };
}
