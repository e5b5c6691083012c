import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { FAILURE_TYPES, dossierWorkflowId, getDossierState, rerouteUpdate } from '../../../../libs/contracts';
import { stageLabel, type DossierState } from '../../../../libs/domain/dossier-machine';
import type { NomineeKind, OrgNode } from '../../../../libs/domain/org';
import { RouteError, computeRoute } from '../../../../libs/domain/route';
import { toActor, type AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { AppError } from '../common/app-error';
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
  results: RerouteResult[];
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
 * flight it touched; then each of those is sent the `reroute` Update with an id derived from the
 * reorganisation, so a retry (same Idempotency-Key) re-sends the same Updates and Temporal applies each once.
 */
@Injectable()
export class ReorganisationsService {
  private readonly logger = new Logger(ReorganisationsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly awards: AwardsService,
  ) {}

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

  /** Sends each dossier of the reorganisation its reroute; idempotent per dossier by the Update id. */
  private async reroute(user: AuthUser, row: Row): Promise<ReorganisationView> {
    const results: RerouteResult[] = [];
    for (const dossierId of row.dossier_ids) results.push(await this.rerouteOne(user, row, dossierId));
    const { mapping: _mapping, ...payload } = row.payload;
    return {
      id: row.id,
      kind: row.kind,
      ...payload,
      actor: row.actor_username,
      createdAt: new Date(row.created_at).toISOString(),
      results,
    };
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
      this.logger.warn(`reroute of ${dossierId} failed: ${(err as Error)?.message}`);
      // A closed workflow or an unreachable Temporal: a retry with the same Idempotency-Key sends it again.
      return { dossierId, outcome: 'FAILED', message: (err as Error)?.message ?? 'reroute failed' };
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
