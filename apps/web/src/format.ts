import dayjs from 'dayjs';

/** Dates as Vietnamese readers write them: dd/mm/yyyy (and HH:mm for moments). */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_FORMAT) : '';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format(DATE_TIME_FORMAT) : '';
}

export function isOverdue(dueAt: string | null | undefined, now = Date.now()): boolean {
  return !!dueAt && Date.parse(dueAt) < now;
}
