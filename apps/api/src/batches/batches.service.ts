import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { flattenValidationErrors } from '../common/validation';
import { DocumentsService } from '../documents/documents.service';
import { DossiersService } from '../dossiers/dossiers.service';
import { BatchItemDto, type BatchDto, type BulkActionDto, type DocumentRefDto } from './batches.dto';

export interface ItemResult {
  index: number;
  /** The HTTP status this item alone would have had. */
  status: number;
  dossierId?: string;
  dossierStatus?: string;
  error?: { error: string; message: string; fields?: { field: string; message: string }[] };
}

/**
 * Many dossiers in one request: a unit's list of nominations under one tờ trình, or a reviewer's or an
 * approver's action on many. Each item goes on its own, so one failing item leaves the others done.
 */
@Injectable()
export class BatchesService {
  private readonly logger = new Logger(BatchesService.name);

  constructor(
    private readonly dossiers: DossiersService,
    private readonly documents: DocumentsService,
  ) {}

  async submitBatch(user: AuthUser, dto: BatchDto, key?: string) {
    if (user.role !== 'CLERK') throw new AppError('FORBIDDEN', 'Only a CLERK submits a list of nominations');
    const results: ItemResult[] = [];
    for (const [index, raw] of dto.items.entries()) {
      const ctx: { dossierId?: string } = {};
      results.push(await this.one(index, ctx, () => this.nominate(user, dto, raw, ctx, key && `${key}-${index}`)));
    }
    const submitted = results.filter((r) => r.status < 300).length;
    return { title: dto.title, submitted, failed: results.length - submitted, results };
  }

  async act(user: AuthUser, dto: BulkActionDto, key?: string) {
    const ids = [...new Set(dto.ids.map((i) => i.toLowerCase()))];
    const results: (ItemResult & { id: string })[] = [];
    for (const [index, id] of ids.entries()) {
      const r = await this.one(index, { dossierId: id }, async () => {
        const view = await this.dossiers.act(
          user,
          id,
          dto.action,
          { comment: dto.comment, reason: dto.reason, decision: dto.decision },
          key && `${key}-${id}`,
        );
        return { index, status: 200, dossierId: id, dossierStatus: view.status };
      });
      results.push({ ...r, id });
    }
    const done = results.filter((r) => r.status < 300).length;
    return { action: dto.action, done, failed: results.length - done, results };
  }

  private async nominate(
    user: AuthUser,
    batch: BatchDto,
    raw: unknown,
    ctx: { dossierId?: string },
    key?: string,
  ): Promise<ItemResult> {
    const item = plainToInstance(BatchItemDto, raw);
    const errors = await validate(item, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const fields = flattenValidationErrors(errors);
      throw new AppError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    }
    const { documents: own, ...create } = item;
    const created = await this.dossiers.create(user, create as BatchItemDto, key);
    ctx.dossierId = created.id;
    const state = await this.dossiers.visibleState(user, created.id);
    const takes = new Set((await this.documents.checklist(state)).items.map((i) => i.code));
    // Shared papers go to the dossiers whose award takes them; an item's own papers must fit its award.
    const refs: DocumentRefDto[] = [...(batch.documents ?? []).filter((d) => takes.has(d.docType)), ...(own ?? [])];
    for (const ref of refs) {
      await this.documents.attachBlob(user, state, ref.docType, ref.sha256, ref.fileName ?? `${ref.docType}.pdf`);
    }
    const view = await this.dossiers.act(user, created.id, 'submit', { comment: batch.title }, key && `${key}-submit`);
    return { index: 0, status: 201, dossierId: created.id, dossierStatus: view.status };
  }

  /** Runs one item; its failure becomes its result. `ctx.dossierId` names a dossier created before it failed. */
  private async one(index: number, ctx: { dossierId?: string }, run: () => Promise<ItemResult>): Promise<ItemResult> {
    try {
      return { ...(await run()), index };
    } catch (err) {
      const dossierId = ctx.dossierId;
      if (err instanceof AppError) {
        return {
          index,
          status: err.status,
          ...(dossierId ? { dossierId } : {}),
          error: { error: err.code, message: err.message, ...(err.fields.length ? { fields: err.fields } : {}) },
        };
      }
      this.logger.error(`batch item ${index} failed: ${(err as Error)?.message}`, (err as Error)?.stack);
      return {
        index,
        status: 500,
        ...(dossierId ? { dossierId } : {}),
        error: { error: 'INTERNAL', message: 'internal error' },
      };
    }
  }
}
