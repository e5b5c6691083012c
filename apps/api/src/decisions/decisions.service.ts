import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { inCallerSubtree } from '../common/org-scope';
import { DocumentsService } from '../documents/documents.service';
import { DossiersService } from '../dossiers/dossiers.service';
import {
  OperationsService,
  refusal,
  withOperation,
  type ItemContext,
  type ItemOutcome,
} from '../operations/operations.service';
import { renderDecision } from './decision-pdf';
import type { RecordDecisionDto } from './decisions.dto';

interface DecisionRow {
  id: string;
  orgUnitCode: string;
  number: string;
  date: string;
  signer: string;
  title: string;
  pdfSha256: string | null;
}

const COLUMNS = `id, org_unit_code AS "orgUnitCode", number, to_char(decision_date, 'YYYY-MM-DD') AS date, signer, title,
  pdf_sha256 AS "pdfSha256"`;

/** What the decision says once for every dossier it decides. */
interface DecisionSummary {
  number: string;
  date: string;
  signer: string;
}

/**
 * The deciding authority's decision for one or many dossiers: recorded at once, then carried out by a long
 * operation (issue 14; POST /decisions answers 202 with it): the `decide` Update for each dossier (key
 * `decision-<id>-<dossier>`, so a retry decides nothing twice), a result per dossier, and at the end the
 * decision PDF with the list of those it decided. Recording the same decision again retries the dossiers that
 * were refused or not reached. The awards reach the nominees' records through the projection.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dossiers: DossiersService,
    private readonly documents: DocumentsService,
    private readonly operations: OperationsService,
  ) {
    operations.register<{ dossierId: string }, DecisionSummary>('DECISION', {
      item: (ctx, input) => this.decideOne(ctx, input.dossierId),
      finish: async (ctx) => this.writePdf(await this.row(ctx.subjectId!)),
    });
  }

  async record(user: AuthUser, dto: RecordDecisionDto) {
    if (user.role !== 'APPROVER') throw new AppError('FORBIDDEN', 'Only the deciding APPROVER records a decision');
    const ids = [...new Set(dto.dossierIds.map((d) => d.toLowerCase()))];
    const title = dto.title ?? 'Về việc khen thưởng';
    const [inserted] = await this.ds.query(
      `INSERT INTO decisions (org_unit_code, number, decision_date, signer, title, created_by) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (org_unit_code, number) DO NOTHING RETURNING id`,
      [user.orgUnitCode, dto.number, dto.date, dto.signer, title, user.username],
    );
    const decision = inserted ? await this.row(inserted.id) : await this.byNumber(user.orgUnitCode, dto.number);
    if (!inserted && (decision.date !== dto.date || decision.signer !== dto.signer)) {
      throw AppError.field(
        'number',
        `decision ${dto.number} was recorded with another date or signer`,
        'INVALID_STATE',
      );
    }
    for (const [position, id] of ids.entries()) {
      await this.ds.query(
        `INSERT INTO decision_items (decision_id, dossier_id, position) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`,
        [decision.id, id, position],
      );
    }
    const pending: { dossierId: string }[] = await this.ds.query(
      `SELECT dossier_id AS "dossierId" FROM decision_items WHERE decision_id = $1 AND (status IS NULL OR status >= 300)
       AND dossier_id = ANY($2) ORDER BY position`,
      [decision.id, ids],
    );
    if (pending.length) {
      await this.operations.start(user, {
        kind: 'DECISION',
        scope: `decision:${decision.id}`,
        // Recorded again after its operation finished: a new round for the dossiers still pending.
        again: true,
        subjectId: decision.id,
        orgUnitCode: decision.orgUnitCode,
        summary: { number: decision.number, date: decision.date, signer: decision.signer },
        items: pending.map(({ dossierId }) => ({ dossierId, input: { dossierId } })),
      });
    }
    return this.view(user, decision.id);
  }

  /** One dossier of the decision: its `decide` Update, and the line the decision's list and PDF read. */
  private async decideOne(ctx: ItemContext<DecisionSummary>, dossierId: string): Promise<ItemOutcome> {
    const decisionId = ctx.subjectId!;
    const { number, date, signer } = ctx.summary;
    let outcome: ItemOutcome;
    let facts: { awardCode: string; awardName: string; nomineeName: string; origin: string } | null = null;
    try {
      const view = await this.dossiers.act(
        ctx.user,
        dossierId,
        'decide',
        { decision: { number, date, signer } },
        `decision-${decisionId}-${dossierId}`,
      );
      facts = {
        awardCode: view.awardCode,
        awardName: view.awardName,
        nomineeName: view.nominee.name,
        origin: view.originOrgUnitCode,
      };
      outcome = { ok: true, result: { status: 200, dossierId, dossierStatus: view.status } };
    } catch (err) {
      // An outage is thrown on (the workflow retries the dossier); a refusal is the dossier's line.
      outcome = refusal(err, { dossierId });
    }
    const error = outcome.result.error as { error: string; message: string } | undefined;
    await this.ds.query(
      `UPDATE decision_items SET status = $3, detail = $4, award_code = $5, award_name = $6, nominee_name = $7,
         origin_org_code = $8 WHERE decision_id = $1 AND dossier_id = $2`,
      [
        decisionId,
        dossierId,
        outcome.result.status,
        error ? `${error.error}: ${error.message}` : null,
        facts?.awardCode ?? null,
        facts?.awardName ?? null,
        facts?.nomineeName ?? null,
        facts?.origin ?? null,
      ],
    );
    return outcome;
  }

  async view(user: AuthUser, id: string) {
    const d = await this.visible(user, id);
    const items = await this.ds.query(
      `SELECT dossier_id AS "dossierId", status, detail, award_code AS "awardCode", nominee_name AS "nomineeName"
       FROM decision_items WHERE decision_id = $1 ORDER BY position`,
      [id],
    );
    const decided = items.filter((i: { status: number | null }) => i.status === 200).length;
    const failed = items.filter((i: { status: number | null }) => i.status !== null && i.status !== 200).length;
    const op = await this.operations.latestOf(id);
    return {
      ...d,
      pdfAvailable: d.pdfSha256 !== null,
      decided,
      failed,
      // Dossiers the decision's operation has not reached yet.
      pending: items.length - decided - failed,
      items,
      ...withOperation(`/decisions/${id}`, op),
    };
  }

  async pdf(user: AuthUser, id: string): Promise<Buffer> {
    const d = await this.visible(user, id);
    if (!d.pdfSha256) throw new AppError('INVALID_STATE', 'No dossier was decided by this decision');
    return this.documents.readVerified(d.pdfSha256);
  }

  /** The PDF lists every dossier the decision decided; a retry that decides more writes it anew. */
  private async writePdf(d: DecisionRow): Promise<void> {
    const items: { awardName: string; nomineeName: string; originOrgName: string }[] = await this.ds.query(
      `SELECT i.award_name AS "awardName", i.nominee_name AS "nomineeName", COALESCE(o.name, i.origin_org_code) AS "originOrgName"
       FROM decision_items i LEFT JOIN org_units o ON o.code = i.origin_org_code
       WHERE i.decision_id = $1 AND i.status = 200 ORDER BY i.position`,
      [d.id],
    );
    if (!items.length) return;
    const [org] = await this.ds.query(`SELECT name FROM org_units WHERE code = $1`, [d.orgUnitCode]);
    const pdf = await renderDecision({ ...d, orgName: org?.name ?? d.orgUnitCode, items });
    const sha = await this.documents.storeGenerated(pdf, 'decisions');
    await this.ds.query(`UPDATE decisions SET pdf_sha256 = $2 WHERE id = $1`, [d.id, sha]);
  }

  private async visible(user: AuthUser, id: string): Promise<DecisionRow> {
    const d = await this.row(id).catch(() => null);
    if (!d || !(await inCallerSubtree(this.ds, user, d.orgUnitCode))) {
      throw new AppError('NOT_FOUND', `Decision ${id} not found`);
    }
    return d;
  }

  private async row(id: string): Promise<DecisionRow> {
    const rows: DecisionRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM decisions WHERE id = $1`, [id]);
    if (!rows.length) throw new AppError('NOT_FOUND', `Decision ${id} not found`);
    return rows[0];
  }

  private async byNumber(org: string, number: string): Promise<DecisionRow> {
    const rows: DecisionRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM decisions WHERE org_unit_code = $1 AND number = $2`,
      [org, number],
    );
    return rows[0];
  }
}
