import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from './api/client';
import type { Translate } from './i18n';

/** A message a clerk can act on for every error the API returns; the API's own detail comes second. */
export function errorText(t: Translate, err: unknown): { title: string; detail?: string } {
  if (!(err instanceof ApiError)) return { title: t('error.other', { status: '?' }), detail: String(err) };
  const known = [0, 400, 401, 403, 404, 409, 413, 429, 503] as const;
  let title: string;
  if ((known as readonly number[]).includes(err.status)) {
    title = t(`error.${err.status as (typeof known)[number]}`);
  } else if (err.status >= 500) {
    title = t('error.500', { id: err.correlationId ?? '—' });
  } else {
    title = t('error.other', { status: err.status });
  }
  const detail = err.status === 0 || err.status >= 500 ? undefined : t('error.detail', { message: err.message });
  return { title, detail };
}

export function ErrorAlert({ error, t }: { error: unknown; t: Translate }) {
  if (!error) return null;
  const { title, detail } = errorText(t, error);
  return <Alert type="error" showIcon role="alert" title={title} description={detail} style={{ marginBottom: 16 }} />;
}

/**
 * Marks the fields the API named (`fields[].field`, e.g. `nominee.name`, `decision.number`) on the form,
 * without touching the values the user typed.
 */
export function markFieldErrors(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError) || err.fields.length === 0) return;
  const known = new Set(
    form
      .getFieldsError()
      .map((f) => f.name.join('.'))
      .filter(Boolean),
  );
  form.setFields(
    err.fields.filter((f) => known.has(f.field)).map((f) => ({ name: f.field.split('.'), errors: [f.message] })),
  );
}
