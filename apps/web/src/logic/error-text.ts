import { ApiError } from '../api/client';
import type { Translate } from '../messages';

/** A message a clerk can act on for every error the API returns; the API's own detail comes second. */
export function errorText(t: Translate, err: unknown): { title: string; detail?: string } {
  if (!(err instanceof ApiError)) return { title: t('error.other', { status: '?' }), detail: String(err) };
  const known = [0, 400, 401, 403, 404, 409, 413, 422, 429, 503] as const;
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

/**
 * What a 422 names, one line each: the missing papers by their name (`documents.<code>`, whose API message
 * is `missing: <name>`), the unmet criteria with their legal basis, anything else as the API says it.
 * Other statuses mark their fields on the form instead.
 */
export function errorItems(t: Translate, err: unknown, docNames: Record<string, string> = {}): string[] {
  if (!(err instanceof ApiError) || err.status !== 422) return [];
  return err.fields.map((f) => {
    if (f.field.startsWith('documents.')) {
      const code = f.field.slice('documents.'.length);
      return t('error.missingDoc', { name: docNames[code] ?? f.message.replace(/^missing:\s*/, '') });
    }
    return f.field.startsWith('eligibility.') ? f.message : `${f.field}: ${f.message}`;
  });
}
