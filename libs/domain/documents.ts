import type { RequiredDocument } from './award-catalog';

/**
 * Documents of a dossier (Law 06/2022/QH15 Art. 84). The council's secret-ballot minutes are produced by
 * the council session, so they are not the nominating clerk's to attach before submission.
 */
export const COUNCIL_PRODUCED_DOCUMENTS: readonly string[] = ['BIEN_BAN_BO_PHIEU_KIN', 'BIEN_BAN_HOP_HOI_DONG'];

/**
 * The minutes of the session that decided a dossier at a COUNCIL stage, attached to every dossier the session
 * decided; awards that require the secret ballot's minutes (BIEN_BAN_BO_PHIEU_KIN) get them under that code.
 */
export const COUNCIL_MINUTES: RequiredDocument = {
  code: 'BIEN_BAN_HOP_HOI_DONG',
  name: 'Biên bản họp Hội đồng Thi đua – Khen thưởng',
};

/** The document code a session's minutes are attached under for an award with these required documents. */
export function councilMinutesCode(required: readonly RequiredDocument[]): string {
  return required.some((d) => d.code === 'BIEN_BAN_BO_PHIEU_KIN') ? 'BIEN_BAN_BO_PHIEU_KIN' : COUNCIL_MINUTES.code;
}

export function documentsDueAtSubmission(required: readonly RequiredDocument[]): RequiredDocument[] {
  return required.filter((d) => !COUNCIL_PRODUCED_DOCUMENTS.includes(d.code));
}

/** Accepted file types, each recognised by its first bytes, so a renamed file cannot pass as another type. */
export const DOCUMENT_TYPES = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
  // DOCX is a ZIP container
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [0x50, 0x4b, 0x03, 0x04],
} as const satisfies Record<string, number[]>;
export type DocumentMime = keyof typeof DOCUMENT_TYPES;

export function sniffMime(head: Uint8Array): DocumentMime | null {
  for (const [mime, magic] of Object.entries(DOCUMENT_TYPES) as [DocumentMime, readonly number[]][]) {
    if (magic.every((b, i) => head[i] === b)) return mime;
  }
  return null;
}
