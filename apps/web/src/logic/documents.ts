import type { Checklist, DossierView, SessionUser } from '../api/types';
import type { Translate } from '../messages';

/**
 * Whether to offer uploads: the server attaches papers from the nominating unit's CLERK while the dossier is
 * a draft or returned for supplement (`checkAttach` in apps/api/src/documents). The page hides the rest.
 */
export function canUpload(
  d: Pick<DossierView, 'status' | 'originOrgUnitCode'>,
  user: Pick<SessionUser, 'role' | 'orgUnitCode'>,
) {
  return (
    user.role === 'CLERK' &&
    user.orgUnitCode === d.originOrgUnitCode &&
    (d.status === 'DRAFT' || d.status === 'RETURNED')
  );
}

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
};
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
};

export function typeNames(accepted: readonly string[]): string {
  return accepted.map((m) => TYPE_NAMES[m] ?? m).join(', ');
}

/** The file picker's `accept`: the types by MIME and by extension (some systems know only one of them). */
export function acceptAttribute(accepted: readonly string[]): string {
  return accepted.flatMap((m) => [m, ...(EXTENSIONS[m] ?? [])]).join(',');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / (1024 * 102.4)) / 10} MB`;
}

/**
 * Why a file would be refused before it is sent, or null. The server checks again by content (a renamed
 * file cannot pass); this only spares the clerk an upload that cannot succeed.
 */
export function fileProblem(
  t: Translate,
  file: { name: string; size: number; type: string },
  limits: Pick<Checklist, 'maxBytes' | 'acceptedTypes'>,
): string | null {
  if (file.size > limits.maxBytes) {
    return t('docs.tooBig', { file: file.name, size: formatBytes(file.size), max: formatBytes(limits.maxBytes) });
  }
  const lower = file.name.toLowerCase();
  const byType = file.type !== '' && limits.acceptedTypes.includes(file.type);
  const byName = limits.acceptedTypes.some((m) => (EXTENSIONS[m] ?? []).some((ext) => lower.endsWith(ext)));
  if (!byType && !byName) return t('docs.badType', { file: file.name, types: typeNames(limits.acceptedTypes) });
  return null;
}
