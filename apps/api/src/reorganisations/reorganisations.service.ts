import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { FAILURE_TYPES, dossierWorkflowId, getDossierState, rerouteUpdate } from '../../../../libs/contracts';
import { stageLabel, type DossierState } from '../../../../libs/domain/dossier-machine';
import type { NomineeKind, OrgNode } from '../../../../libs/domain/org';
import { RouteError, computeRoute } from '../../../../libs/domain/route';
import { toActor, type AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { AppError } from '../common/app-error';
import {
  OperationsService,
  withOperation,
  type ItemContext,
  type ItemOutcome,
  type OperationBrief,
} from '../operations/operations.service';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import type { ReorganisationDto, ReorganisationKind } from './reorganisation.dto';

interface Payload {
  from?: string[];
  into?: string;
  code?: string;
  /** ABOLISH: the parent that takes over the abolished unit's children. */
  parentCode?: string;
  reason: string;
  /** Merged unit → the unit that replaced it (empty for an abolition). */
  mapping: Record<string, string>;
}

export interface RerouteResult {
  dossierId: string;
  outcome: 'REROUTED' | 'SKIPPED' | 'FAILED';
  fromStage?: string | null;
  toStage?: string | null;
  message?: string;
}

export interface ReorganisationView {
  id: string;
  kind: ReorganisationKind;
  from?: string[];
  into?: string;
  code?: string;
  parentCode?: string;
  reason: string;
  actor: string;
  createdAt: string;
  /** A line per dossier the reorganisation touched, once its operation reached it. */
  results: RerouteResult[];
  /** Dossiers the operation has not reached yet. */
  pending: number;
  operation: OperationBrief | null;
  links: { self: string; operation?: string };
}

interface Row {
  id: string;
  kind: ReorganisationKind;
  payload: Payload;
  dossier_ids: string[];
  actor_username: string;
  created_at: Date;
}

interface Unit {
  id: string;
  code: string;
  level: string;
  parent_id: string | null;
  active: boolean;
}

const IN_FLIGHT = ['DRAFT', 'IN_PROGRESS', 'RETURNED'];

/**
 * Merging and abolishing org units. The tree changes in one transaction that also records which dossiers in
 * flight it touched; then a long operation (issue 14; the request answers 202) sends each of those the
 * `reroute` Update with an id derived from the reorganisation, so a retried item or a retried request (same
 * Idempotency-Key) re-sends the same Updates and Temporal applies each once.
 */
@Injectable()
export class ReorganisationsService {
  private readonly logger = new Logger(ReorganisationsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly awards: AwardsService,
    private readonly operations: OperationsService,
  ) {
    operations.register<{ dossierId: string }, Record<string, unknown>>('REORGANISATION', {
      item: (ctx, input) => this.rerouteItem(ctx, input.dossierId),
    });
  }

  async reorganise(user: AuthUser, dto: ReorganisationDto, key?: string): Promise<ReorganisationView> {
    if (key) {
      const done: Row[] = await this.ds.query(`SELECT * FROM reorganisations WHERE request_key = $1`, [key]);
      if (done[0]) return this.reroute(user, done[0]);
    }
    const id = randomUUID();
    const row = await this.ds.transaction(async (tx) => {
      // One reorganisation at a time: each validates against the tree the previous one left.
      await tx.query(`LOCK TABLE org_units IN SHARE ROW EXCLUSIVE MODE`);
      const units: Unit[] = await tx.query(`SELECT id, code, level, parent_id, active FROM org_units`);
      const byCode = new Map(units.map((u) => [u.code, u]));
      const byId = new Map(units.map((u) => [u.id, u]));
      const unit = (code: string, field: string): Unit => {
        const u = byCode.get(code);
        if (!u) throw new AppError('NOT_FOUND', `Org unit ${code} not found`, [{ field, message: 'unknown' }]);
        if (!u.active) throw AppError.field(field, `${code} is already inactive`, 'INVALID_STATE');
        return u;
      };
      const ancestorsOf = (u: Unit): string[] => {
        const out: string[] = [];
        for (
          let p = u.parent_id ? byId.get(u.parent_id) : undefined;
          p;
          p = p.parent_id ? byId.get(p.parent_id) : undefined
        ) {
          out.push(p.code);
        }
        return out;
      };
      let payload: Payload;
      let affected: string[];
      if (dto.kind === 'MERGE') {
        const into = unit(dto.into!, 'into');
        const from = dto.from!.map((c) => unit(c, 'from'));
        for (const f of from) {
          if (f.code === into.code) throw AppError.field('from', `${f.code} cannot merge into itself`, 'INVALID_STATE');
          if (ancestorsOf(into).includes(f.code)) {
            throw AppError.field(
              'into',
              `${into.code} lies under ${f.code}: a unit cannot merge into its own descendant`,
              'INVALID_STATE',
            );
          }
          if (f.level !== into.level) {
            throw AppError.field(
              'from',
              `${f.code} is a ${f.level}, ${into.code} a ${into.level}: merge units of one level`,
              'INVALID_STATE',
            );
          }
        }
        const fromIds = from.map((f) => f.id);
        await tx.query(`UPDATE org_units SET parent_id = $1 WHERE parent_id = ANY($2::uuid[])`, [into.id, fromIds]);
        await tx.query(`UPDATE org_units SET active = false WHERE id = ANY($1::uuid[])`, [fromIds]);
        affected = from.map((f) => f.code);
        payload = {
          from: affected,
          into: into.code,
          reason: dto.reason,
          mapping: Object.fromEntries(affected.map((c) => [c, into.code])),
        };
      } else {
        const gone = unit(dto.code!, 'code');
        const parent = gone.parent_id ? byId.get(gone.parent_id) : undefined;
        if (!parent) throw AppError.field('code', `${gone.code} is the root of the tree`, 'INVALID_STATE');
        await tx.query(`UPDATE org_units SET parent_id = $1 WHERE parent_id = $2`, [parent.id, gone.id]);
        await tx.query(`UPDATE org_units SET active = false WHERE id = $1`, [gone.id]);
        affected = [gone.code];
        payload = { code: gone.code, parentCode: parent.code, reason: dto.reason, mapping: {} };
      }
      const dossiers: { id: string }[] = await tx.query(
        `SELECT id FROM dossiers WHERE status = ANY($1::varchar[]) AND org_chain && $2::text[] ORDER BY created_at, id`,
        [IN_FLIGHT, affected],
      );
      const rows: Row[] = await tx.query(
        `INSERT INTO reorganisations (id, request_key, kind, payload, dossier_ids, actor_username)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [id, key ?? null, dto.kind, JSON.stringify(payload), dossiers.map((d) => d.id), user.username],
      );
      return rows[0];
    });
    return this.reroute(user, row);
  }

  /**
   * Starts the operation that reroutes the reorganisation's dossiers, once; repeated (the same Idempotency-Key)
   * after it finished, a new round for the dossiers whose reroute failed.
   */
  private async reroute(user: AuthUser, row: Row): Promise<ReorganisationView> {
    const settled = await this.settled(row.id);
    const pending = row.dossier_ids.filter(
      (d) => settled.get(d)?.outcome !== 'REROUTED' && settled.get(d)?.outcome !== 'SKIPPED',
    );
    if (pending.length) {
      await this.operations.start(user, {
        kind: 'REORGANISATION',
        scope: `reorg:${row.id}`,
        again: true,
        subjectId: row.id,
        orgUnitCode: user.orgUnitCode,
        items: pending.map((dossierId) => ({ dossierId, input: { dossierId } })),
      });
    }
    return this.toView(row);
  }

  /** A reorganisation and its reroutes so far (the route is the ADMIN's, as the tree is theirs). */
  async view(id: string): Promise<ReorganisationView> {
    const rows: Row[] = await this.ds.query(`SELECT * FROM reorganisations WHERE id = $1`, [id]);
    if (!rows[0]) {
      throw new AppError('NOT_FOUND', `Reorganisation ${id} not found`);
    }
    return this.toView(rows[0]);
  }

  private async toView(row: Row): Promise<ReorganisationView> {
    const settled = await this.settled(row.id);
    const op = await this.operations.latestOf(row.id);
    const { mapping: _mapping, ...payload } = row.payload;
    const results = row.dossier_ids.flatMap((d) => settled.get(d) ?? []);
    return {
      id: row.id,
      kind: row.kind,
      ...payload,
      actor: row.actor_username,
      createdAt: new Date(row.created_at).toISOString(),
      results,
      pending: row.dossier_ids.length - results.length,
      ...withOperation(`/admin/reorganisations/${row.id}`, op),
    };
  }

  /** Each dossier's latest settled reroute, over every round of the reorganisation's operation. */
  private async settled(reorganisationId: string): Promise<Map<string, RerouteResult>> {
    const rows: { dossierId: string; result: string }[] = await this.ds.query(
      `SELECT DISTINCT ON (i.dossier_id) i.dossier_id AS "dossierId", i.result
       FROM operation_items i JOIN operations o ON o.id = i.operation_id
       WHERE o.subject_id = $1 AND i.ok IS NOT NULL
       ORDER BY i.dossier_id, o.created_at DESC`,
      [reorganisationId],
    );
    return new Map(
      rows.map(({ dossierId, result }) => {
        const {
          dossierId: _d,
          status: _s,
          error,
          ...line
        } = JSON.parse(result) as RerouteResult & {
          status: number;
          error?: { message: string };
        };
        // An item the workflow gave up on (failOperationItem) has no outcome of its own.
        return [
          dossierId,
          line.outcome ? { dossierId, ...line } : { dossierId, outcome: 'FAILED', message: error?.message },
        ];
      }),
    );
  }

  /** One dossier of the operation; a refusal is its line, an outage is thrown (the workflow retries it). */
  private async rerouteItem(ctx: ItemContext, dossierId: string): Promise<ItemOutcome> {
    const rows: Row[] = await this.ds.query(`SELECT * FROM reorganisations WHERE id = $1`, [ctx.subjectId]);
    const line = await this.rerouteOne(ctx.user, rows[0], dossierId);
    const status = { REROUTED: 200, SKIPPED: 409, FAILED: 422 }[line.outcome];
    return { ok: line.outcome !== 'FAILED', result: { status, ...line } };
  }

  private async rerouteOne(user: AuthUser, row: Row, dossierId: string): Promise<RerouteResult> {
    const [d]: { origin_org_code: string; award_code: string; nominee_kind: NomineeKind }[] = await this.ds.query(
      `SELECT origin_org_code, award_code, nominee_kind FROM dossiers WHERE id = $1`,
      [dossierId],
    );
    const handle = this.temporal.workflow.getHandle(dossierWorkflowId(dossierId));
    // The workflow's own state, not the read model (which may lag): where the dossier waits before the move.
    const fromStage = await handle
      .query(getDossierState)
      .then((state) => stageLabel(state))
      .catch(() => null);
    const p = row.payload;
    // The nominating unit itself may be the one merged (its successor nominates) or abolished (its parent does).
    const origin = p.mapping[d.origin_org_code] ?? (d.origin_org_code === p.code ? p.parentCode! : d.origin_org_code);
    const chain = await this.orgChain(origin);
    const award = await this.awards.find(d.award_code);
    let route;
    try {
      route = computeRoute(chain, award!, d.nominee_kind);
    } catch (err) {
      if (!(err instanceof RouteError)) throw err;
      return { dossierId, outcome: 'FAILED', message: err.message };
    }
    try {
      const state: DossierState = await handle.executeUpdate(rerouteUpdate, {
        args: [
          {
            actor: toActor(user),
            route,
            orgChain: chain.map((o) => o.code),
            originOrgUnitCode: origin,
            mapping: p.mapping,
            reason: p.reason,
            requestId: `reorg-${row.id}-${dossierId}`,
          },
        ],
        updateId: `reorg-${row.id}-${dossierId}`,
      });
      return { dossierId, outcome: 'REROUTED', fromStage, toStage: stageLabel(state) };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const skipped = err.cause.type === FAILURE_TYPES.INVALID_STATE;
        return { dossierId, outcome: skipped ? 'SKIPPED' : 'FAILED', message: err.cause.message };
      }
      if (err instanceof WorkflowNotFoundError) {
        return { dossierId, outcome: 'FAILED', message: `the dossier's workflow is closed: ${err.message}` };
      }
      // An unreachable Temporal: thrown, so the operation retries the item (the same update id).
      this.logger.warn(`reroute of ${dossierId} failed: ${(err as Error)?.message}`);
      throw err;
    }
  }

  private orgChain(code: string, tx: EntityManager | DataSource = this.ds): Promise<OrgNode[]> {
    return tx.query(
      `WITH RECURSIVE chain AS (
         SELECT id, code, name, level, parent_id, 0 AS depth FROM org_units WHERE code = $1
         UNION ALL
         SELECT o.id, o.code, o.name, o.level, o.parent_id, c.depth + 1 FROM org_units o JOIN chain c ON o.id = c.parent_id
       )
       SELECT code, name, level FROM chain ORDER BY depth`,
      [code],
    );
  }
}
