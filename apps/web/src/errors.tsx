import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from './api/client';
import type { Translate } from './i18n';
import { errorItems, errorText } from './logic/error-text';

export { errorItems, errorText };

/** `docNames` (code → name) lets a refused submission name the missing papers as the checklist does. */
export function ErrorAlert({
  error,
  t,
  docNames,
}: {
  error: unknown;
  t: Translate;
  docNames?: Record<string, string>;
}) {
  if (!error) return null;
  const { title, detail } = errorText(t, error);
  const items = errorItems(t, error, docNames);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        items.length ? (
          <>
            {detail && <div>{detail}</div>}
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }} data-testid="error-items">
              {items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        ) : (
          detail
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
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
