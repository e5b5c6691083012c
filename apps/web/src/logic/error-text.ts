import { ApiError } from '../api/client';
import type { Translate } from '../messages';

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
