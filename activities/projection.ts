import type { DataSource, EntityManager } from 'typeorm';
import type { PassageRecord } from '../libs/domain/deadlines';
import { currentStage, type DossierState, type TransitionEvent } from '../libs/domain/dossier-machine';
import { dossierWorkflowId } from '../libs/contracts';
import { GENESIS, eventHash, type ChainedEvent } from '../libs/persistence/audit-chain';
import { markDirtySql } from '../libs/persistence/summaries';

/**
 * One SQL statement built from parts: each part adds its parameters and gets their placeholders, so several
 * writes travel to PostgreSQL as data-modifying CTEs of a single statement (one round trip, atomic on its own).
 */
class Statement {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];
  /** The placeholders of `values`, in order, e.g. `$4,$5,$6`. */
  bind(...values: unknown[]): string {
    return values.map((v) => `$${this.params.push(v)}`).join(',');
  }
  add(sql: string): void {
    this.parts.push(sql);
  }
  sql(): string {
    return `WITH ${this.parts.map((part, i) => `w${i} AS (${part})`).join(',\n')}\nSELECT 1`;
  }
}

/**
 * Writes one transition to the read model: the append-only event row, the dossier's row, the nominee
 * registry's outcome and the stage passages, as one statement (so all or nothing, like a transaction, in two
 * round trips instead of seven: the projection runs once per transition and was the worker's busiest part).
 * Idempotent, so Temporal may retry it freely: the event is keyed by (dossier_id, seq), and the dossier row
 * only moves forward (version < seq). The reconciler's `repair` also rewrites a row at the same version, to
 * undo drift of its fields.
 */
export async function projectTransition(
  ds: DataSource,
  event: TransitionEvent,
  options: { repair?: boolean } = {},
): Promise<void> {
  const s = event.state;
  const stage = currentStage(s);
  const chained: ChainedEvent = {
    dossierId: event.dossierId,
    seq: event.seq,
    action: event.action,
    actorUsername: event.actor.username,
    actorDisplayName: event.actor.displayName,
    actorRole: event.actor.role,
    actorOrgCode: event.actor.orgUnitCode,
    actingFor: event.actor.actingFor ?? null,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    fromStage: event.fromStage,
    toStage: event.toStage,
    reason: event.reason,
    comment: event.comment,
    requestId: event.requestId,
    occurredAt: event.occurredAt,
  };
  // The workflow projects its events in order, so the previous one is already here (else: retry later). An
  // event row never changes once written, so reading it outside the write below is safe.
  const prev: { hash: string }[] =
    event.seq === 1
      ? [{ hash: GENESIS }]
      : await ds.query(`SELECT hash FROM dossier_events WHERE dossier_id = $1 AND seq = $2`, [
          event.dossierId,
          event.seq - 1,
        ]);
  if (!prev[0]) throw new Error(`event ${event.seq - 1} of dossier ${event.dossierId} is not projected yet`);
  const st = new Statement();
  st.add(
    `INSERT INTO dossier_events (dossier_id, seq, action, actor_username, actor_display_name, actor_role,
       actor_org_code, acting_for, from_status, to_status, from_stage, to_stage, reason, comment, request_id,
       occurred_at, prev_hash, hash)
     VALUES (${st.bind(
       chained.dossierId,
       chained.seq,
       chained.action,
       chained.actorUsername,
       chained.actorDisplayName,
       chained.actorRole,
       chained.actorOrgCode,
       chained.actingFor,
       chained.fromStatus,
       chained.toStatus,
       chained.fromStage,
       chained.toStage,
       chained.reason,
       chained.comment,
       chained.requestId,
       chained.occurredAt,
       prev[0].hash,
       eventHash(chained, prev[0].hash),
     )})
     ON CONFLICT (dossier_id, seq) DO NOTHING`,
  );
  st.add(
    `INSERT INTO dossiers (id, workflow_id, award_code, award_name, nominee_kind, nominee_name, nominee,
       achievement_summary, origin_org_code, org_chain, status, stage_index, current_stage_name, current_stage_index,
       current_level, current_org_code, current_actor_role, route, last_reason, decision, created_by, created_at,
       updated_at, submitted_at, version, current_due_at)
     VALUES (${st.bind(
       s.dossierId,
       dossierWorkflowId(s.dossierId),
       s.awardCode,
       s.awardName,
       s.nominee.kind,
       s.nominee.name,
       JSON.stringify(s.nominee),
       s.achievementSummary,
       s.originOrgUnitCode,
       s.orgChain,
       s.status,
       s.stageIndex,
       stage?.name ?? null,
       stage?.index ?? null,
       stage?.level ?? null,
       stage?.orgUnitCode ?? null,
       stage?.role ?? null,
       JSON.stringify(s.route),
       s.lastReason,
       s.decision ? JSON.stringify(s.decision) : null,
       s.createdBy,
       s.createdAt,
       s.updatedAt,
       s.submittedAt,
       s.seq,
       stage?.dueAt ?? null,
     )})
     ON CONFLICT (id) DO UPDATE SET
       status = EXCLUDED.status,
       stage_index = EXCLUDED.stage_index,
       current_stage_name = EXCLUDED.current_stage_name,
       current_stage_index = EXCLUDED.current_stage_index,
       current_level = EXCLUDED.current_level,
       current_org_code = EXCLUDED.current_org_code,
       current_actor_role = EXCLUDED.current_actor_role,
       route = EXCLUDED.route,
       org_chain = EXCLUDED.org_chain,
       origin_org_code = EXCLUDED.origin_org_code,
       last_reason = EXCLUDED.last_reason,
       decision = EXCLUDED.decision,
       updated_at = EXCLUDED.updated_at,
       submitted_at = EXCLUDED.submitted_at,
       version = EXCLUDED.version,
       current_due_at = EXCLUDED.current_due_at
     WHERE dossiers.version ${options.repair ? '<=' : '<'} EXCLUDED.version`,
  );
  recordOutcome(st, event);
  // Two parts of one statement must not touch the same row: the passage a transition closes is never the
  // one it opens (a new passage has a new number), but a retry must not make them meet either.
  const open = openPassage(s);
  if (event.closedPassage) upsertPassage(st, s, event.closedPassage);
  if (open && open.passage !== event.closedPassage?.passage) upsertPassage(st, s, open);
  // The dashboards recount this dossier (activities/dashboard-writer.ts).
  st.add(markDirtySql(st.bind(s.dossierId)));
  await ds.query(st.sql(), st.params);
}

/**
 * The outcome reaches the nominee registry: an approved dossier's award enters the nominee's record (once,
 * whatever the retries), and a rejected or withdrawn dossier frees its initiatives for another award.
 */
function recordOutcome(st: Statement, event: TransitionEvent): void {
  if (event.toStatus === event.fromStatus) return;
  const s = event.state;
  if (event.toStatus === 'APPROVED') {
    const [dossierId, awardCode, number, date] = st
      .bind(s.dossierId, s.awardCode, s.decision?.number ?? null, s.decision?.date ?? null)
      .split(',');
    st.add(
      `INSERT INTO nominee_awards (nominee_id, award_code, year, decision_number, decision_date, source, dossier_id)
       SELECT l.nominee_id, ${awardCode}, l.achievement_year, ${number}, ${date}::date, 'ENGINE', l.dossier_id
       FROM dossier_links l WHERE l.dossier_id = ${dossierId}::uuid AND l.nominee_id IS NOT NULL
       ON CONFLICT (nominee_id, award_code, year) DO NOTHING`,
    );
  } else if (event.toStatus === 'REJECTED' || event.toStatus === 'WITHDRAWN') {
    st.add(`UPDATE initiatives SET used_by_dossier = NULL WHERE used_by_dossier = ${st.bind(s.dossierId)}`);
  }
}

/** The passage the dossier is in now, open (no left_at), from the workflow's clock; none without one. */
function openPassage(s: DossierState): PassageRecord | null {
  const d = s.deadline;
  if (!d || (s.status !== 'IN_PROGRESS' && s.status !== 'RETURNED')) return null;
  const stage = s.route.stages[d.stageIndex];
  return {
    passage: d.passage,
    stageIndex: stage.index,
    stageName: stage.name,
    level: stage.level,
    orgUnitCode: stage.orgUnitCode,
    role: stage.role,
    enteredAt: d.enteredAt,
    dueAt: d.pausedAt ? null : d.dueAt,
    leftAt: null,
    workingDays: null,
    returnedWorkingDays: d.pausedWorkingDays,
    returns: d.returns ?? 0,
    outcome: null,
  };
}

/**
 * Writes the open passage of the dossier's state (deadline changes outside a transition). It does not mark the
 * dossier for the dashboards: its caller (recordDeadline) writes the due instant next and marks it in that statement,
 * after both changes.
 */
export async function upsertOpenPassage(ds: EntityManager | DataSource, s: DossierState): Promise<void> {
  const open = openPassage(s);
  if (!open) return;
  const st = new Statement();
  upsertPassage(st, s, open);
  await ds.query(st.sql(), st.params);
}

/**
 * One row per (dossier, passage). Idempotent and order-safe: a closed row is final, an open row only takes the
 * latest due instant and return counts.
 */
function upsertPassage(st: Statement, s: DossierState, p: PassageRecord): void {
  st.add(
    `INSERT INTO stage_passages (dossier_id, passage, stage_index, stage_name, level, org_code, actor_role, award_code,
       org_chain, entered_at, due_at, left_at, working_days, returned_working_days, returns, outcome)
     VALUES (${st.bind(
       s.dossierId,
       p.passage,
       p.stageIndex,
       p.stageName,
       p.level,
       p.orgUnitCode,
       p.role,
       s.awardCode,
       s.orgChain,
       p.enteredAt,
       p.dueAt,
       p.leftAt,
       p.workingDays,
       p.returnedWorkingDays,
       p.returns,
       p.outcome,
     )})
     ON CONFLICT (dossier_id, passage) DO UPDATE SET
       due_at = EXCLUDED.due_at, left_at = EXCLUDED.left_at, working_days = EXCLUDED.working_days,
       returned_working_days = EXCLUDED.returned_working_days, returns = EXCLUDED.returns, outcome = EXCLUDED.outcome
     WHERE stage_passages.left_at IS NULL`,
  );
}
