import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ACTION_UPDATES,
  FAILURE_ERROR_CODES,
  dossierWorkflowId,
  extendDeadlineUpdate,
  getDossierState,
  type DossierWorkflowInput,
} from '../../../../libs/contracts';
import {
  allowedActions,
  createDossier,
  currentStage,
  isTerminal,
  type DossierAction,
  type DossierState,
} from '../../../../libs/domain/dossier-machine';
import type { OrgNode } from '../../../../libs/domain/org';
import { RouteError, computeRoute } from '../../../../libs/domain/route';
import { DossierEntity, DossierEventEntity } from '../../../../libs/persistence/entities';
import type { dossierWorkflow } from '../../../../workflows';
import { toActor, type AuthUser } from '../auth/auth-user';
import { AwardsService } from '../awards/awards.service';
import { SubmissionChecks } from '../eligibility/submission-checks.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { NomineesService } from '../nominees/nominees.service';
import { inCallerSubtree, todayInVietnam } from '../common/org-scope';
import { AppError } from '../common/app-error';
import { idFromKey } from '../common/ids';
import { isDatabaseUnavailable } from '../common/db-errors';
import { ENV } from '../config/env.provider';
import type { Env } from '../../../../libs/config/env';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import {
  dossierView,
  eventView,
  stateFromRow,
  summaryFromRow,
  type DossierSummary,
  type DossierView,
} from './dossier-views';
import type { CreateDossierDto, ExtendDeadlineDto, ListDossiersQuery, PageQuery } from './dossier.dto';
import { decodeCursor, encodeCursor } from './keyset';

export interface ActionBody {
  reason?: string;
  comment?: string;
  decision?: { number: string; date: string; signer: string };
}

export interface DossierLinks {
  nomineeId: string | null;
  initiativeCodes: string[];
  achievementYear: number;
  campaignCode: string | null;
  campaignKind: string | null;
}

/** Where a dossier at a COUNCIL stage stands: it passes only by a closed session's outcome. */
export interface CouncilWait {
  waitingForSession: true;
  /** The open session it is on, when there is one the caller may open. */
  session: { id: string; title: string } | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

@Injectable()
export class DossiersService {
  private readonly logger = new Logger(DossiersService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ENV) private readonly env: Env,
    private readonly awards: AwardsService,
    private readonly nominees: NomineesService,
    private readonly checks: SubmissionChecks,
    private readonly campaigns: CampaignsService,
  ) {}

  async create(
    user: AuthUser,
    dto: CreateDossierDto,
    idempotencyKey?: string,
  ): Promise<DossierView & { links: DossierLinks | null }> {
    if (user.role !== 'CLERK') throw new AppError('FORBIDDEN', 'Only a CLERK nominates');
    const award = await this.awards.find(dto.awardCode);
    if (!award) throw AppError.field('awardCode', `unknown award code ${dto.awardCode}`);
    const chain = await this.orgChain(user.orgUnitCode);
    let route;
    try {
      route = computeRoute(chain, award, dto.nominee.kind);
    } catch (err) {
      if (!(err instanceof RouteError)) throw err;
      throw AppError.field(
        err.code === 'NOMINEE_KIND_NOT_ACCEPTED' ? 'nominee.kind' : 'awardCode',
        err.message,
        'UNPROCESSABLE',
      );
    }
    const { registryId, ...nominee } = dto.nominee;
    if (registryId) {
      const registered = await this.nominees.visible(user, registryId).catch(() => {
        throw AppError.field('nominee.registryId', `no nominee ${registryId} in your org subtree`);
      });
      if (registered.kind !== nominee.kind) {
        throw AppError.field('nominee.registryId', `the registered nominee is ${registered.kind}`, 'UNPROCESSABLE');
      }
    }
    const campaign = dto.campaignCode ? await this.campaigns.forNomination(user, dto.campaignCode, award.code) : null;
    const dossierId = idempotencyKey ? idFromKey(user.id, idempotencyKey) : randomUUID();
    // Links kept beside the workflow (the released workflow input stays as it is): the registry nominee and
    // the initiatives eligibility is judged by. Written first, so a dossier never exists without them.
    await this.ds.query(
      `INSERT INTO dossier_links (dossier_id, nominee_id, initiative_codes, achievement_year, campaign_code, campaign_kind)
       VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (dossier_id) DO NOTHING`,
      [
        dossierId,
        registryId ?? null,
        dto.initiativeCodes ?? [],
        dto.achievementYear ?? Number(todayInVietnam().slice(0, 4)),
        campaign?.code ?? null,
        campaign?.kind ?? null,
      ],
    );
    const input: DossierWorkflowInput = {
      dossierId,
      awardCode: award.code,
      awardName: award.nameVi,
      nominee,
      achievementSummary: dto.achievementSummary,
      originOrgUnitCode: user.orgUnitCode,
      orgChain: chain.map((o) => o.code),
      route,
      createdBy: toActor(user),
      requestId: idempotencyKey,
      ...(campaign ? { campaign: { code: campaign.code, kind: campaign.kind } } : {}),
    };
    try {
      await this.temporal.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        workflowId: dossierWorkflowId(dossierId),
        args: [input],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError && idempotencyKey)) throw this.temporalError(err);
      return this.get(user, dossierId); // a retried create: the dossier as it is by now
    }
    // The new draft is what the workflow's first task computes from the same input (createDossier is the
    // workflow's own pure first step), so the answer needs no Query, which would wait for that task behind
    // every other in the worker's queue. Only the clock differs, by the queueing delay; later reads show the
    // workflow's.
    const draft = createDossier(input, new Date()).state;
    return {
      ...dossierView(draft, toActor(user), dossierWorkflowId(dossierId), await this.history(dossierId)),
      links: await this.links(dossierId),
    };
  }

  async get(
    user: AuthUser,
    id: string,
  ): Promise<DossierView & { links: DossierLinks | null; council?: CouncilWait | null }> {
    const state = await this.visibleState(user, id);
    return {
      ...dossierView(state, toActor(user), dossierWorkflowId(id), await this.history(id)),
      links: await this.links(id),
      council: await this.councilWait(user, state),
    };
  }

  /**
   * At a COUNCIL stage the dossier waits for a session ("chờ phiên họp"): the open session it is on, if any,
   * for callers who may open that session (the council's org and above); null at any other stage.
   */
  private async councilWait(user: AuthUser, state: DossierState): Promise<CouncilWait | null> {
    const stage = currentStage(state);
    if (stage?.name !== 'COUNCIL') return null;
    const rows: { id: string; title: string }[] = await this.ds
      .query(
        `SELECT s.id, s.title FROM council_session_items i JOIN council_sessions s ON s.id = i.session_id
         WHERE i.dossier_id = $1 AND s.status = 'OPEN' ORDER BY s.opened_at DESC LIMIT 1`,
        [state.dossierId],
      )
      .catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return [];
        throw err;
      });
    const session = rows[0] && (await inCallerSubtree(this.ds, user, stage.orgUnitCode)) ? rows[0] : null;
    return { waitingForSession: true, session };
  }

  /** What the dossier keeps beside its workflow: registry nominee, campaign and its kind, achievement year. */
  private async links(id: string): Promise<DossierLinks | null> {
    const rows: DossierLinks[] = await this.ds.query(
      `SELECT nominee_id AS "nomineeId", initiative_codes AS "initiativeCodes", achievement_year AS "achievementYear",
         campaign_code AS "campaignCode", campaign_kind AS "campaignKind" FROM dossier_links WHERE dossier_id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async act(
    user: AuthUser,
    id: string,
    action: DossierAction,
    body: ActionBody,
    idempotencyKey?: string,
  ): Promise<DossierView> {
    // Submissions are checked against the live state (the read model may not show a return yet); any other
    // action only needs to know that the caller may see the dossier, and the Update's validator judges it
    // against the live state anyway.
    const current =
      action === 'submit' || action === 'resubmit'
        ? await this.visibleState(user, id)
        : await this.visibleForAction(user, id);
    if (idempotencyKey) {
      // Temporal dedupes a retried Update while the workflow runs; the log also answers after it has closed.
      const done = await this.ds
        .getRepository(DossierEventEntity)
        .exists({ where: { dossierId: id, requestId: idempotencyKey } })
        .catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) return false; // the workflow still dedupes by Update id
          throw err;
        });
      if (done) return this.get(user, id);
    }
    const handle = this.temporal.workflow.getHandle(dossierWorkflowId(id));
    // Only the nominating clerk's own submission is checked, and only when the workflow would accept it.
    const checked =
      (action === 'submit' || action === 'resubmit') && allowedActions(current, toActor(user)).includes(action)
        ? await this.checks.beforeSubmit(current, action)
        : null;
    let state: DossierState;
    try {
      state = await handle.executeUpdate(ACTION_UPDATES[action], {
        args: [
          {
            actor: toActor(user),
            reason: body.reason,
            comment: body.comment,
            decision: body.decision,
            requestId: idempotencyKey,
          },
        ],
        updateId: idempotencyKey ?? randomUUID(),
      });
    } catch (err) {
      if (checked && action === 'submit') await checked.release();
      throw this.temporalError(err);
    }
    return dossierView(state, toActor(user), dossierWorkflowId(id), await this.history(id));
  }

  async extendDeadline(
    user: AuthUser,
    id: string,
    dto: ExtendDeadlineDto,
    idempotencyKey?: string,
  ): Promise<DossierView> {
    await this.visibleState(user, id);
    if (idempotencyKey) {
      const done = await this.ds
        .getRepository(DossierEventEntity)
        .exists({ where: { dossierId: id, requestId: idempotencyKey } });
      if (done) return this.get(user, id);
    }
    let state: DossierState;
    try {
      state = await this.temporal.workflow.getHandle(dossierWorkflowId(id)).executeUpdate(extendDeadlineUpdate, {
        args: [{ actor: toActor(user), ...dto, requestId: idempotencyKey }],
        updateId: idempotencyKey ?? randomUUID(),
      });
    } catch (err) {
      throw this.temporalError(err);
    }
    return dossierView(state, toActor(user), dossierWorkflowId(id), await this.history(id));
  }

  async list(user: AuthUser, q: ListDossiersQuery): Promise<Page<DossierSummary>> {
    const qb = this.ds.getRepository(DossierEntity).createQueryBuilder('d');
    this.restrictToVisible(qb, user);
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.stage) qb.andWhere('d.current_stage_name = :stage', { stage: q.stage });
    if (q.orgUnit) qb.andWhere('d.current_org_code = :orgUnit', { orgUnit: q.orgUnit });
    if (q.award) qb.andWhere('d.award_code = :award', { award: q.award });
    this.drillDown(qb, q);
    if (q.cursor) {
      const [at, cid] = decodeCursor(q.cursor);
      qb.andWhere('(d.created_at, d.id) < (:at, :cid)', { at, cid });
    }
    const limit = q.limit ?? 20;
    const rows = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return this.page(rows, limit, (r) => encodeCursor(r.createdAt, r.id));
  }

  /**
   * The dashboards' drill-downs, each the same test its figure counts by, so that a bar and the list behind it
   * agree: overdue as /dashboard/overdue, a stage at an org as /dashboard/bottlenecks (stage passages), an
   * event in a period as /dashboard/throughput (Vietnam days), the nominating org as /dashboard/priority-share.
   */
  private drillDown(
    qb: ReturnType<ReturnType<DataSource['getRepository']>['createQueryBuilder']>,
    q: ListDossiersQuery,
  ) {
    if (q.overdue === 'true') qb.andWhere(`d.status = 'IN_PROGRESS' AND d.current_due_at < now()`);
    if (q.overdue === 'false') {
      qb.andWhere(`NOT (d.status = 'IN_PROGRESS' AND d.current_due_at IS NOT NULL AND d.current_due_at < now())`);
    }
    if (q.origin) qb.andWhere('d.origin_org_code = :origin', { origin: q.origin });
    if (q.throughStage || q.throughOrgUnit) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM stage_passages p WHERE p.dossier_id = d.id
           AND (CAST(:throughStage AS text) IS NULL OR p.stage_name = :throughStage)
           AND (CAST(:throughOrg AS text) IS NULL OR p.org_code = :throughOrg))`,
        { throughStage: q.throughStage ?? null, throughOrg: q.throughOrgUnit ?? null },
      );
    }
    if (!q.event && (q.from || q.to)) throw AppError.field('event', 'is required with from and to');
    if (q.event) {
      if (q.from && q.to && q.from > q.to) throw AppError.field('from', 'must not be after to');
      const test = {
        submitted: `e.action = 'submit'`,
        decided: `e.to_status IN ('APPROVED', 'REJECTED')`,
        returned: `e.action = 'return'`,
      }[q.event];
      const start = q.from ? new Date(`${q.from}T00:00:00+07:00`).toISOString() : null;
      const end = q.to ? new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86400_000).toISOString() : null;
      qb.andWhere(
        `EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND ${test}
           AND (CAST(:eventFrom AS timestamptz) IS NULL OR e.occurred_at >= :eventFrom)
           AND (CAST(:eventTo AS timestamptz) IS NULL OR e.occurred_at < :eventTo))`,
        { eventFrom: start, eventTo: end },
      );
    }
  }

  /** What waits on the caller: their role at their org unit, oldest first. */
  async inbox(user: AuthUser, q: PageQuery): Promise<Page<DossierSummary>> {
    const qb = this.ds
      .getRepository(DossierEntity)
      .createQueryBuilder('d')
      .where('d.current_org_code = :org AND d.current_actor_role = :role', { org: user.orgUnitCode, role: user.role })
      .andWhere(`d.status IN ('DRAFT', 'IN_PROGRESS', 'RETURNED')`);
    if (q.cursor) {
      const [at, cid] = decodeCursor(q.cursor);
      qb.andWhere('(d.updated_at, d.id) > (:at, :cid)', { at, cid });
    }
    const limit = q.limit ?? 20;
    const rows = await qb
      .orderBy('d.updated_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return this.page(rows, limit, (r) => encodeCursor(r.updatedAt, r.id));
  }

  private page(rows: DossierEntity[], limit: number, cursorOf: (r: DossierEntity) => string): Page<DossierSummary> {
    const items = rows.slice(0, limit);
    return {
      items: items.map(summaryFromRow),
      nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]) : null,
    };
  }

  private restrictToVisible(
    qb: ReturnType<ReturnType<DataSource['getRepository']>['createQueryBuilder']>,
    user: AuthUser,
  ): void {
    // Everyone sees the dossiers of their own org subtree (the org chain of a dossier holds its origin and
    // every ancestor, which includes every org on its route).
    // Containment (@>), not `= ANY`: only the former can use the GIN index on org_chain.
    if (user.role !== 'ADMIN') qb.andWhere('d.org_chain @> ARRAY[:org]::text[]', { org: user.orgUnitCode });
  }

  /**
   * The dossier's state as the caller may see it: live from the workflow while it runs (Temporal is the
   * source of truth in flight), from the read model once it has ended. Invisible dossiers are 404, so
   * their existence does not leak.
   */
  async visibleState(user: AuthUser, id: string): Promise<DossierState> {
    // With PostgreSQL away, the workflow alone answers (it holds the org chain), so actions go on being
    // accepted; the read model catches up when the database returns.
    const row = await this.ds
      .getRepository(DossierEntity)
      .findOne({ where: { id } })
      .catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return null;
        throw err;
      });
    let state: DossierState | null = row && isTerminal(row.status) ? stateFromRow(row) : null;
    if (!state) {
      try {
        state = await this.temporal.workflow.getHandle(dossierWorkflowId(id)).query(getDossierState);
      } catch (err) {
        if (!row && err instanceof WorkflowNotFoundError) throw new AppError('NOT_FOUND', `Dossier ${id} not found`);
        if (!row) throw this.temporalError(err);
        this.logger.warn(`Query of dossier ${id} failed, answering from the read model: ${(err as Error).message}`);
        state = stateFromRow(row);
      }
    }
    if (user.role !== 'ADMIN' && !state.orgChain.includes(user.orgUnitCode)) {
      throw new AppError('NOT_FOUND', `Dossier ${id} not found`);
    }
    return state;
  }

  /**
   * Visibility for an action without a workflow Query when the read model already shows the caller the
   * dossier: a Query costs a workflow task on the worker and a round trip through Temporal for every action,
   * while the Update that follows is validated against the live state anyway. The row may lag the workflow
   * by a projection, which matters only after a reroute moved the dossier out of the caller's subtree: the
   * Update then refuses the caller (403 instead of 404, for a dossier they could see a moment ago). Without a
   * row, or when the row hides it, the live state decides as in visibleState.
   */
  private async visibleForAction(user: AuthUser, id: string): Promise<DossierState> {
    const row = await this.ds
      .getRepository(DossierEntity)
      .findOne({ where: { id } })
      .catch((err: unknown) => {
        if (isDatabaseUnavailable(err)) return null;
        throw err;
      });
    if (row && (user.role === 'ADMIN' || row.orgChain.includes(user.orgUnitCode))) return stateFromRow(row);
    return this.visibleState(user, id);
  }

  /** The event log, or null while the database is unavailable (the state itself came from the workflow). */
  private async history(id: string) {
    try {
      const events = await this.ds
        .getRepository(DossierEventEntity)
        .find({ where: { dossierId: id }, order: { seq: 'ASC' } });
      return events.map(eventView);
    } catch (err) {
      if (isDatabaseUnavailable(err)) return null;
      throw err;
    }
  }

  /** The nominating org and its ancestors, nearest first. */
  private async orgChain(code: string): Promise<OrgNode[]> {
    return this.ds.query(
      `WITH RECURSIVE chain AS (
         SELECT id, code, name, level, parent_id, 0 AS depth FROM org_units WHERE code = $1 AND active
         UNION ALL
         SELECT o.id, o.code, o.name, o.level, o.parent_id, c.depth + 1 FROM org_units o JOIN chain c ON o.id = c.parent_id
       )
       SELECT code, name, level FROM chain ORDER BY depth`,
      [code],
    );
  }

  private temporalError(err: unknown): Error {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const code = FAILURE_ERROR_CODES[err.cause.type as keyof typeof FAILURE_ERROR_CODES];
      if (code) {
        const field = (err.cause.details?.[0] as { field?: string } | undefined)?.field;
        return new AppError(code, err.cause.message, field ? [{ field, message: err.cause.message }] : []);
      }
    }
    if (err instanceof WorkflowNotFoundError) {
      // The workflow has ended (or never ran): no action applies any more.
      return new AppError('INVALID_STATE', 'The dossier is closed; no action applies');
    }
    if (err instanceof AppError) return err;
    this.logger.error(`Temporal call failed: ${(err as Error)?.message}`, (err as Error)?.stack);
    return new AppError(
      'SERVICE_UNAVAILABLE',
      'The workflow service is unavailable; retry with the same Idempotency-Key',
    );
  }
}
