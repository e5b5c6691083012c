import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DossierState } from '../../../../libs/domain/dossier-machine';
import { COUNCIL_MINUTES, documentsDueAtSubmission, sniffMime } from '../../../../libs/domain/documents';
import type { RequiredDocument } from '../../../../libs/domain/award-catalog';
import type { AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { AppError } from '../common/app-error';
import { BLOB_STORE, sha256Of, type BlobStore } from './blob-store';

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
  size: number;
}

export interface DocumentVersion {
  id: string;
  docType: string;
  version: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ChecklistItem extends RequiredDocument {
  /** false for the council's own minutes, which the council session produces. */
  dueAtSubmission: boolean;
  current: DocumentVersion | null;
  /** Every version, oldest first: a revised dossier keeps what it was returned with. */
  versions: DocumentVersion[];
}

export interface Checklist {
  dossierId: string;
  items: ChecklistItem[];
  /** Codes due at submission and not yet attached: submission is refused while any is missing. */
  missing: string[];
}

const VERSION_COLUMNS = `d.id, d.doc_type AS "docType", d.version, d.file_name AS "fileName", b.mime_type AS "mimeType",
  b.size_bytes::int AS "sizeBytes", d.sha256, d.uploaded_by AS "uploadedBy", d.uploaded_at AS "uploadedAt"`;

/** The documents of a dossier (Law Art. 84), each type with its versions, on a content-addressed store. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
    private readonly awards: AwardsService,
  ) {}

  async checklist(state: DossierState): Promise<Checklist> {
    const required = await this.required(state.awardCode);
    const due = new Set(documentsDueAtSubmission(required).map((d) => d.code));
    const rows: DocumentVersion[] = await this.ds.query(
      `SELECT ${VERSION_COLUMNS} FROM dossier_documents d JOIN blobs b ON b.sha256 = d.sha256
       WHERE d.dossier_id = $1 ORDER BY d.doc_type, d.version`,
      [state.dossierId],
    );
    // The council's minutes are listed once a session has attached them, even where the award does not list them.
    const extra =
      rows.some((r) => r.docType === COUNCIL_MINUTES.code) && !required.some((d) => d.code === COUNCIL_MINUTES.code);
    const items = (extra ? [...required, COUNCIL_MINUTES] : required).map((doc): ChecklistItem => {
      const versions = rows.filter((r) => r.docType === doc.code);
      return { ...doc, dueAtSubmission: due.has(doc.code), current: versions.at(-1) ?? null, versions };
    });
    return {
      dossierId: state.dossierId,
      items,
      missing: items.filter((i) => i.dueAtSubmission && !i.current).map((i) => i.code),
    };
  }

  /**
   * The nominating clerk attaches a file for one required type, while the dossier is a draft or returned
   * for supplement; a new upload of the same type becomes the next version, and the older ones are kept.
   */
  async upload(user: AuthUser, state: DossierState, docType: string, file: UploadedFile | undefined) {
    await this.checkAttach(user, state, docType);
    const blob = await this.storeUpload(user, file);
    return this.insertVersion(state.dossierId, docType, blob.sha256, file!.originalname || docType, user.username);
  }

  /**
   * Attaches a blob uploaded before (POST /documents) by someone of the caller's org: a batch's shared
   * tờ trình, say, is uploaded once and attached to every dossier of the batch.
   */
  async attachBlob(user: AuthUser, state: DossierState, docType: string, sha256: string, fileName: string) {
    await this.checkAttach(user, state, docType);
    const ours = await this.ds.query(
      `SELECT 1 FROM blobs b JOIN users u ON u.username = b.uploaded_by JOIN org_units o ON o.id = u.org_unit_id
       WHERE b.sha256 = $1 AND o.code = $2`,
      [sha256, user.orgUnitCode],
    );
    if (!ours.length) throw AppError.field('sha256', `no file ${sha256} uploaded by your org`, 'UNPROCESSABLE');
    return this.insertVersion(state.dossierId, docType, sha256, fileName, user.username);
  }

  /** Checks the type by content, stores the bytes under their hash and registers the blob. */
  async storeUpload(user: AuthUser, file: UploadedFile | undefined) {
    if (!file || file.size === 0) throw AppError.field('file', 'a non-empty file is required');
    const sniffed = sniffMime(file.buffer.subarray(0, 8));
    if (!sniffed) throw AppError.field('file', 'only PDF, JPEG, PNG or DOCX files are accepted');
    if (file.mimetype !== sniffed && file.mimetype !== 'application/octet-stream') {
      throw AppError.field('file', `the content is ${sniffed}, not ${file.mimetype}`);
    }
    const sha256 = sha256Of(file.buffer);
    await this.store.put(sha256, file.buffer);
    await this.ds.query(
      `INSERT INTO blobs (sha256, size_bytes, mime_type, store, uploaded_by) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, file.size, sniffed, this.store.kind, user.username],
    );
    return { sha256, sizeBytes: file.size, mimeType: sniffed };
  }

  private async checkAttach(user: AuthUser, state: DossierState, docType: string): Promise<void> {
    if (user.role !== 'CLERK' || user.orgUnitCode !== state.originOrgUnitCode) {
      throw new AppError('FORBIDDEN', 'Only a CLERK of the nominating unit attaches documents');
    }
    if (state.status !== 'DRAFT' && state.status !== 'RETURNED') {
      throw new AppError('INVALID_STATE', `Documents are attached while DRAFT or RETURNED, not ${state.status}`);
    }
    const required = await this.required(state.awardCode);
    if (!required.some((d) => d.code === docType)) {
      throw AppError.field('docType', `${state.awardCode} takes ${required.map((d) => d.code).join(', ')}`);
    }
  }

  private async insertVersion(dossierId: string, docType: string, sha256: string, name: string, by: string) {
    const fileName = name.slice(0, 255);
    // The same content again is not a new version (a retried upload or batch attaches once).
    const [latest] = await this.ds.query(
      `SELECT id, sha256 FROM dossier_documents WHERE dossier_id = $1 AND doc_type = $2 ORDER BY version DESC LIMIT 1`,
      [dossierId, docType],
    );
    if (latest?.sha256 === sha256) return this.version(dossierId, latest.id);
    // The unique (dossier, type, version) index settles two simultaneous uploads: the loser retries.
    for (let attempt = 0; ; attempt++) {
      try {
        const [row] = await this.ds.query(
          `INSERT INTO dossier_documents (dossier_id, doc_type, version, sha256, file_name, uploaded_by)
           SELECT $1::uuid, $2::varchar, COALESCE(MAX(version), 0) + 1, $3, $4, $5 FROM dossier_documents
           WHERE dossier_id = $1 AND doc_type = $2 RETURNING id`,
          [dossierId, docType, sha256, fileName, by],
        );
        return this.version(dossierId, row.id);
      } catch (err) {
        if ((err as { code?: string }).code !== '23505' || attempt >= 3) throw err;
      }
    }
  }

  /** The file, after recomputing its hash: content that no longer matches is refused, never served. */
  async download(state: DossierState, documentId: string) {
    const doc = await this.version(state.dossierId, documentId);
    let content: Buffer;
    try {
      content = await this.store.get(doc.sha256);
    } catch {
      throw new AppError('INTEGRITY_FAILED', `The stored content of document ${documentId} is missing`);
    }
    if (sha256Of(content) !== doc.sha256) {
      throw new AppError(
        'INTEGRITY_FAILED',
        `The stored content of document ${documentId} does not match its SHA-256 checksum; it was not served`,
      );
    }
    return { doc, content };
  }

  async version(dossierId: string, documentId: string): Promise<DocumentVersion> {
    const rows: DocumentVersion[] = await this.ds.query(
      `SELECT ${VERSION_COLUMNS} FROM dossier_documents d JOIN blobs b ON b.sha256 = d.sha256
       WHERE d.dossier_id = $1 AND d.id = $2`,
      [dossierId, documentId],
    );
    if (!rows.length) throw new AppError('NOT_FOUND', `Document ${documentId} not found`);
    return rows[0];
  }

  /** Bytes of a blob after recomputing its hash (for generated PDFs kept outside a dossier's documents too). */
  async readVerified(sha256: string): Promise<Buffer> {
    let content: Buffer;
    try {
      content = await this.store.get(sha256);
    } catch {
      throw new AppError('INTEGRITY_FAILED', `The stored content ${sha256} is missing`);
    }
    if (sha256Of(content) !== sha256) {
      throw new AppError('INTEGRITY_FAILED', `The stored content ${sha256} does not match its SHA-256 checksum`);
    }
    return content;
  }

  /** Stores a PDF the engine produced itself; returns its SHA-256. */
  async storeGenerated(content: Buffer, by: string): Promise<string> {
    const sha256 = sha256Of(content);
    await this.store.put(sha256, content);
    await this.ds.query(
      `INSERT INTO blobs (sha256, size_bytes, mime_type, store, uploaded_by) VALUES ($1,$2,'application/pdf',$3,$4)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, content.length, this.store.kind, by],
    );
    return sha256;
  }

  private async required(awardCode: string): Promise<RequiredDocument[]> {
    const award = await this.awards.find(awardCode);
    return (award?.requiredDocuments ?? []) as RequiredDocument[];
  }
}
