import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { flattenValidationErrors } from '../common/validation';
import { DocumentsService } from '../documents/documents.service';
import { DossiersService } from '../dossiers/dossiers.service';
import { OperationsService, refusal, type ItemContext, type ItemOutcome } from '../operations/operations.service';
import { BatchItemDto, type BatchDto, type BulkActionDto, type DocumentRefDto } from './batches.dto';

/** What a list of nominations says once for all its items. */
interface NominationsSummary {
  title: string;
  documents: DocumentRefDto[];
  key: string | null;
}

/** What an action on many dossiers says once for all of them. */
interface ActionsSummary {
  action: BulkActionDto['action'];
  comment?: string;
  reason?: string;
  decision?: BulkActionDto['decision'];
  key: string | null;
}

/**
 * Many dossiers in one request: a unit's list of nominations under one tờ trình, or a reviewer's or an
 * approver's action on many. The request is a long operation (issue 14): it answers 202 at once with the
 * operation to follow, and each item runs on its own in the operation's workflow, so one failing item leaves the
 * others done and a crash half-way loses none. Every item carries a deterministic key (`<key>-<index or id>`,
 * the operation's id standing in for a missing Idempotency-Key), so an item run twice applies once.
 */
@Injectable()
export class BatchesService {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly documents: DocumentsService,
    private readonly operations: OperationsService,
  ) {
    operations.register<{ item: Record<string, unknown> }, NominationsSummary>('NOMINATIONS', {
      item: (ctx, input) => this.nominate(ctx, input.item),
    });
    operations.register<{ id: string }, ActionsSummary>('ACTIONS', {
      item: (ctx, input) => this.actOn(ctx, input.id),
    });
  }

  async submitBatch(user: AuthUser, dto: BatchDto, key?: string) {
    if (user.role !== 'CLERK') throw new AppError('FORBIDDEN', 'Only a CLERK submits a list of nominations');
    // Each item is checked now: one that is not well formed is answered as refused, the others are run.
    const items = await Promise.all(
      dto.items.map(async (raw) => {
        const errors = await validate(plainToInstance(BatchItemDto, raw), {
          whitelist: true,
          forbidNonWhitelisted: true,
        });
        if (!errors.length) return { input: { item: raw } };
        const fields = flattenValidationErrors(errors);
        return {
          input: { item: raw },
          settled: refusal(
            new AppError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields),
          ),
        };
      }),
    );
    const summary: NominationsSummary = { title: dto.title, documents: dto.documents ?? [], key: key ?? null };
    return this.operations.start(user, {
      kind: 'NOMINATIONS',
      scope: key ? `${user.id}:batch:${key}` : randomUUID(),
      again: true,
      orgUnitCode: user.orgUnitCode,
      summary,
      items,
    });
  }

  async act(user: AuthUser, dto: BulkActionDto, key?: string) {
    const ids = [...new Set(dto.ids.map((i) => i.toLowerCase()))];
    const summary: ActionsSummary = {
      action: dto.action,
      comment: dto.comment,
      reason: dto.reason,
      decision: dto.decision,
      key: key ?? null,
    };
    return this.operations.start(user, {
      kind: 'ACTIONS',
      scope: key ? `${user.id}:actions:${key}` : randomUUID(),
      // The same request after the operation finished runs it again: what was done answers as done (each item's
      // key), what failed is tried anew.
      again: true,
      orgUnitCode: user.orgUnitCode,
      summary,
      items: ids.map((id) => ({ dossierId: id, input: { id } })),
    });
  }

  private async actOn(ctx: ItemContext<ActionsSummary>, id: string): Promise<ItemOutcome> {
    const { action, comment, reason, decision, key } = ctx.summary;
    try {
      const view = await this.dossiers.act(
        ctx.user,
        id,
        action,
        { comment, reason, decision },
        `${key ?? ctx.operationId}-${id}`,
      );
      return { ok: true, result: { status: 200, id, dossierId: id, dossierStatus: view.status } };
    } catch (err) {
      return refusal(err, { id, dossierId: id });
    }
  }

  private async nominate(ctx: ItemContext<NominationsSummary>, raw: Record<string, unknown>): Promise<ItemOutcome> {
    const { user, summary } = ctx;
    const key = `${summary.key ?? ctx.operationId}-${ctx.position}`;
    const { documents: own, ...create } = plainToInstance(BatchItemDto, raw);
    const created = await this.dossiers.create(user, create as BatchItemDto, key);
    try {
      const state = await this.dossiers.visibleState(user, created.id);
      // An earlier attempt of this item may have attached some papers, or submitted already: each paper is
      // attached once, and the submit (same key) answers what it did.
      if (state.status === 'DRAFT') {
        const checklist = (await this.documents.checklist(state)).items;
        const current = new Map(checklist.map((i) => [i.code, i.current?.sha256]));
        // Shared papers go to the dossiers whose award takes them; an item's own papers must fit its award.
        const refs: DocumentRefDto[] = [...summary.documents.filter((d) => current.has(d.docType)), ...(own ?? [])];
        for (const ref of refs) {
          if (current.get(ref.docType) === ref.sha256) continue;
          await this.documents.attachBlob(user, state, ref.docType, ref.sha256, ref.fileName ?? `${ref.docType}.pdf`);
        }
      }
      const view = await this.dossiers.act(user, created.id, 'submit', { comment: summary.title }, `${key}-submit`);
      return { ok: true, result: { status: 201, dossierId: created.id, dossierStatus: view.status } };
    } catch (err) {
      // Created, then refused (an unmet criterion, a paper that does not fit): the draft stays for the clerk.
      return refusal(err, { dossierId: created.id });
    }
  }
}
