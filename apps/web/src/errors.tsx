import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from './api/client';
import type { Translate } from './i18n';
import { errorText } from './logic/error-text';

export { errorText };

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
