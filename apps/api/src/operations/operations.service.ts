import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { operationWorkflowId, type OperationActivities, type OperationKind } from '../../../../libs/contracts';
import type { Env } from '../../../../libs/config/env';
import type { operationWorkflow } from '../../../../workflows';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { idFromKey } from '../common/ids';
import { inCallerSubtree } from '../common/org-scope';
import { ENV } from '../config/env.provider';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

/** What an item's run gives: whether it went through, and what the caller reads about it. */
export interface ItemOutcome {
  ok: boolean;
  result: Record<string, unknown>;
}

/**
 * A refusal (a 4xx: bad input, a state that does not allow it, no access) is an item's result, with the status
 * the single-dossier route would have answered; an outage (5xx) or an unknown error is thrown again, so the
 * workflow retries the item.
 */
export function refusal(err: unknown, extra: Record<string, unknown> = {}): ItemOutcome {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  return {
    ok: false,
    result: {
      status: err.status,
      ...extra,
      error: { error: err.code, message: err.message, ...(err.fields.length ? { fields: err.fields } : {}) },
    },
  };
}

/**
 * A 202's `Location`: where the caller follows the operation it started (a decision's or a reorganisation's
 * view links its latest operation; without one, the resource itself).
 */
export function followAt<T extends { links: { self: string; operation?: string } }>(
  res: { setHeader(name: string, value: string): unknown },
  view: T,
): T {
  res.setHeader('Location', view.links.operation ?? view.links.self);
  return view;
}

/** A subject's latest operation, as a decision's or a reorganisation's view carries it. */
export interface OperationBrief {
  id: string;
  total: number;
  done: number;
  failed: number;
  complete: boolean;
}

/** The `operation` and `links` of a subject's view: where it is and where its latest operation is followed. */
export function withOperation(self: string, op: OperationBrief | null) {
  return { operation: op, links: { self, ...(op ? { operation: `/operations/${op.id}` } : {}) } };
}

/** The context an item runs in: the operation's caller and what the request said once for all items. */
export interface ItemContext<S = Record<string, unknown>> {
  operationId: string;
  position: number;
  user: AuthUser;
  subjectId: string | null;
  summary: S;
}

/** How one kind of operation runs its items, registered by the service that owns the kind. */
export interface OperationHandler<I = unknown, S = Record<string, unknown>> {
  item(ctx: ItemContext<S>, input: I): Promise<ItemOutcome>;
  /** After the last item (a decision's PDF); safe to repeat. */
  finish?(ctx: Omit<ItemContext<S>, 'position'>): Promise<void>;
}

export interface NewOperation<I> {
  kind: OperationKind;
  /**
   * What a repeated request is recognised by: the same scope finds the same operation while it runs and after.
   * With `again`, a request repeated after the operation finished starts a new round (a decision recorded
   * again retries the dossiers that failed).
   */
  scope: string;
  again?: boolean;
  subjectId?: string;
  orgUnitCode: string;
  summary?: object;
  /** Each item's input; an item given with `settled` is recorded as it is and not run (refused up front). */
  items: { dossierId?: string; input: I; settled?: ItemOutcome }[];
}

export interface OperationView {
  id: string;
  kind: OperationKind;
  subjectId: string | null;
  total: number;
  /** Items settled (done or failed). */
  done: number;
  failed: number;
  complete: boolean;
  createdAt: string;
  finishedAt: string | null;
  /** The settled items' results, in the order of the request. */
  results: ({ position: number; ok: boolean } & Record<string, unknown>)[];
  links: { self: string };
}

interface OperationRow {
  id: string;
  kind: OperationKind;
  subject_id: string | null;
  actor: string;
  actor_username: string;
  org_unit_code: string;
  summary: string;
  total: number;
  created_at: Date;
  finished_at: Date | null;
}

/**
 * Long operations (issue 14): the request stores the items and starts the operation's workflow, which runs each
 * item through `runOperationItem` (served by OperationsWorker in this process). The handlers are the owning
 * services' own code, registered at start-up, so an item does exactly what the single-dossier route does.
 */
@Injectable()
export class OperationsService {
  private readonly logger = new Logger(OperationsService.name);
  private readonly handlers = new Map<OperationKind, OperationHandler<never, never>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(ENV) private readonly env: Env,
  ) {}

  register<I, S>(kind: OperationKind, handler: OperationHandler<I, S>): void {
    this.handlers.set(kind, handler as unknown as OperationHandler<never, never>);
  }

  /**
   * Stores the operation (once per scope and round) and starts its workflow; answers at once. A repeated
   * request finds the stored operation and, if its workflow never started (a crash in between), starts it.
   */
  async start<I>(user: AuthUser, op: NewOperation<I>): Promise<OperationView> {
    const [{ rounds }]: { rounds: number }[] = op.again
      ? await this.ds.query(
          `SELECT count(*)::int AS rounds FROM operations WHERE scope = $1 AND finished_at IS NOT NULL`,
          [op.scope],
        )
      : [{ rounds: 0 }];
    const id = idFromKey(op.kind, `${op.scope}\n${rounds}`);
    await this.ds.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO operations (id, kind, scope, subject_id, actor, actor_username, org_unit_code, summary, total)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          id,
          op.kind,
          op.scope,
          op.subjectId ?? null,
          JSON.stringify(user),
          user.username,
          op.orgUnitCode,
          JSON.stringify(op.summary ?? {}),
          op.items.length,
        ],
      );
      if (!inserted.length) return;
      // One statement for all items, whatever their number.
      await tx.query(
        `INSERT INTO operation_items (operation_id, position, dossier_id, input, ok, result, settled_at)
         SELECT $1, i.position, i.dossier_id, i.input, i.ok, i.result, CASE WHEN i.ok IS NULL THEN NULL ELSE now() END
         FROM unnest($2::int[], $3::uuid[], $4::text[], $5::boolean[], $6::text[])
           AS i(position, dossier_id, input, ok, result)`,
        [
          id,
          op.items.map((_, k) => k),
          op.items.map((i) => i.dossierId ?? null),
          op.items.map((i) => JSON.stringify(i.input)),
          op.items.map((i) => i.settled?.ok ?? null),
          op.items.map((i) => (i.settled ? JSON.stringify(i.settled.result) : null)),
        ],
      );
    });
    const [row] = await this.rows(id);
    if (!row.finished_at) {
      const pending: { position: number }[] = await this.ds.query(
        `SELECT position FROM operation_items WHERE operation_id = $1 AND ok IS NULL ORDER BY position`,
        [id],
      );
      await this.temporal.workflow
        .start<typeof operationWorkflow>('operationWorkflow', {
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          workflowId: operationWorkflowId(id),
          // An operation runs once: its id is never reused, not even after it finished.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [{ operationId: id, kind: op.kind, positions: pending.map((p) => p.position) }],
        })
        .catch((err: unknown) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return;
          this.logger.error(`operation ${id} not started: ${(err as Error)?.message}`);
          throw new AppError('SERVICE_UNAVAILABLE', 'The workflow service is unavailable; send the request again');
        });
    }
    return this.toView(row);
  }

  /** An operation and its results so far, for its caller and those above its org unit. */
  async view(user: AuthUser, id: string): Promise<OperationView> {
    const [row] = await this.rows(id);
    if (!row || (row.actor_username !== user.username && !(await inCallerSubtree(this.ds, user, row.org_unit_code)))) {
      throw new AppError('NOT_FOUND', `Operation ${id} not found`);
    }
    return this.toView(row);
  }

  /**
   * The latest operation of a subject (a decision, a reorganisation) as its view shows it: the counts only,
   * from one aggregate (the subject's own rows carry the per-dossier lines).
   */
  async latestOf(subjectId: string): Promise<OperationBrief | null> {
    const [row]: { id: string; total: number; done: number; failed: number; complete: boolean }[] = await this.ds.query(
      `SELECT o.id, o.total, count(i.ok)::int AS done, (count(*) FILTER (WHERE NOT i.ok))::int AS failed,
         o.finished_at IS NOT NULL AS complete
       FROM operations o LEFT JOIN operation_items i ON i.operation_id = o.id
       WHERE o.subject_id = $1 GROUP BY o.id ORDER BY o.created_at DESC, o.id LIMIT 1`,
      [subjectId],
    );
    return row ?? null;
  }

  /** The activities of workflows/operation.workflow.ts, served by OperationsWorker. */
  activities(): OperationActivities {
    return {
      runOperationItem: (input) => this.runItem(input.operationId, input.position),
      failOperationItem: async ({ operationId, position, message }) => {
        await this.settle(operationId, position, {
          ok: false,
          result: { status: 500, error: { error: 'INTERNAL', message } },
        });
      },
      finishOperation: async ({ operationId }) => {
        const [row] = await this.rows(operationId);
        if (!row) return;
        await this.handler(row.kind).finish?.(this.context(row) as never);
        await this.ds.query(`UPDATE operations SET finished_at = now() WHERE id = $1 AND finished_at IS NULL`, [
          operationId,
        ]);
      },
    };
  }

  private async runItem(operationId: string, position: number): Promise<{ position: number; ok: boolean }> {
    const [row] = await this.rows(operationId);
    if (!row) throw new Error(`operation ${operationId} is not stored`);
    const [item]: { input: string; ok: boolean | null }[] = await this.ds.query(
      `SELECT input, ok FROM operation_items WHERE operation_id = $1 AND position = $2`,
      [operationId, position],
    );
    // An attempt after one that recorded its result (the activity's answer was lost): the same answer.
    if (item.ok !== null) return { position, ok: item.ok };
    let outcome: ItemOutcome;
    try {
      outcome = await this.handler(row.kind).item(
        { ...this.context(row), position } as never,
        JSON.parse(item.input) as never,
      );
    } catch (err) {
      outcome = refusal(err);
    }
    return { position, ok: await this.settle(operationId, position, outcome) };
  }

  /** Records an item's outcome once; a later attempt keeps the first. Answers the recorded `ok`. */
  private async settle(operationId: string, position: number, outcome: ItemOutcome): Promise<boolean> {
    await this.ds.query(
      `UPDATE operation_items SET ok = $3, result = $4, settled_at = now()
       WHERE operation_id = $1 AND position = $2 AND ok IS NULL`,
      [operationId, position, outcome.ok, JSON.stringify(outcome.result)],
    );
    const [recorded]: { ok: boolean }[] = await this.ds.query(
      `SELECT ok FROM operation_items WHERE operation_id = $1 AND position = $2`,
      [operationId, position],
    );
    return recorded.ok;
  }

  private handler(kind: OperationKind): OperationHandler<never, never> {
    const h = this.handlers.get(kind);
    if (!h) throw new Error(`no handler for operations of kind ${kind}`);
    return h;
  }

  private context(row: OperationRow): Omit<ItemContext, 'position'> {
    return {
      operationId: row.id,
      user: JSON.parse(row.actor) as AuthUser,
      subjectId: row.subject_id,
      summary: JSON.parse(row.summary) as Record<string, unknown>,
    };
  }

  private rows(id: string): Promise<OperationRow[]> {
    return this.ds.query(`SELECT * FROM operations WHERE id = $1`, [id]);
  }

  private async toView(row: OperationRow): Promise<OperationView> {
    const items: { position: number; ok: boolean | null; result: string | null }[] = await this.ds.query(
      `SELECT position, ok, result FROM operation_items WHERE operation_id = $1 ORDER BY position`,
      [row.id],
    );
    const settled = items.filter((i) => i.ok !== null);
    return {
      id: row.id,
      kind: row.kind,
      subjectId: row.subject_id,
      total: row.total,
      done: settled.length,
      failed: settled.filter((i) => !i.ok).length,
      complete: row.finished_at !== null,
      createdAt: new Date(row.created_at).toISOString(),
      finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
      results: settled.map((i) => ({
        position: i.position,
        ok: i.ok!,
        ...(JSON.parse(i.result ?? '{}') as Record<string, unknown>),
      })),
      links: { self: `/operations/${row.id}` },
    };
  }
}
