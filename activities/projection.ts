import type { DataSource, EntityManager } from 'typeorm';
import type { PassageRecord } from '../libs/domain/deadlines';
import { currentStage, type DossierState, type TransitionEvent } from '../libs/domain/dossier-machine';
import { dossierWorkflowId } from '../libs/contracts';

/**
 * Writes one transition to the read model: the append-only event row and the dossier's row, in one
 * transaction. Idempotent, so Temporal may retry it freely: the event is keyed by (dossier_id, seq), and
 * the dossier row only moves forward (version < seq).
 */
export async function projectTransition(ds: DataSource, event: TransitionEvent): Promise<void> {
  const s = event.state;
  const stage = currentStage(s);
  await ds.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO dossier_events (dossier_id, seq, action, actor_username, actor_display_name, actor_role,
         actor_org_code, from_status, to_status, from_stage, to_stage, reason, comment, request_id, occurred_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
       ON CONFLICT (dossier_id, seq) DO NOTHING`,
      [
        event.dossierId,
        event.seq,
        event.action,
        event.actor.username,
        event.actor.displayName,
        event.actor.role,
        event.actor.orgUnitCode,
        event.fromStatus,
        event.toStatus,
        event.fromStage,
        event.toStage,
        event.reason,
        event.comment,
        event.requestId,
        event.occurredAt,
      ],
    );
    await tx.query(
      `INSERT INTO dossiers (id, workflow_id, award_code, award_name, nominee_kind, nominee_name, nominee,
         achievement_summary, origin_org_code, org_chain, status, stage_index, current_stage_name, current_stage_index,
         current_level, current_org_code, current_actor_role, route, last_reason, decision, created_by, created_at,
         updated_at, submitted_at, version, current_due_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26)
       ON CONFLICT (id) DO UPDATE SET
         status = EXCLUDED.status,
         stage_index = EXCLUDED.stage_index,
         current_stage_name = EXCLUDED.current_stage_name,
         current_stage_index = EXCLUDED.current_stage_index,
         current_level = EXCLUDED.current_level,
         current_org_code = EXCLUDED.current_org_code,
         current_actor_role = EXCLUDED.current_actor_role,
         route = EXCLUDED.route,
         last_reason = EXCLUDED.last_reason,
         decision = EXCLUDED.decision,
         updated_at = EXCLUDED.updated_at,
         submitted_at = EXCLUDED.submitted_at,
         version = EXCLUDED.version,
         current_due_at = EXCLUDED.current_due_at
       WHERE dossiers.version < EXCLUDED.version`,
      [
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
      ],
    );
    if (event.closedPassage) await upsertPassage(tx, s, event.closedPassage);
    await upsertOpenPassage(tx, s);
  });
}

/** The passage the dossier is in now, open (no left_at), from the workflow's clock; nothing without one. */
export async function upsertOpenPassage(tx: EntityManager | DataSource, s: DossierState): Promise<void> {
  const d = s.deadline;
  if (!d || (s.status !== 'IN_PROGRESS' && s.status !== 'RETURNED')) return;
  const stage = s.route.stages[d.stageIndex];
  await upsertPassage(tx, s, {
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
  });
}

/**
 * One row per (dossier, passage). Idempotent and order-safe: a closed row is final, an open row only takes the
 * latest due instant and return counts.
 */
async function upsertPassage(tx: EntityManager | DataSource, s: DossierState, p: PassageRecord): Promise<void> {
  await tx.query(
    `INSERT INTO stage_passages (dossier_id, passage, stage_index, stage_name, level, org_code, actor_role, award_code,
       org_chain, entered_at, due_at, left_at, working_days, returned_working_days, returns, outcome)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)
     ON CONFLICT (dossier_id, passage) DO UPDATE SET
       due_at = EXCLUDED.due_at, left_at = EXCLUDED.left_at, working_days = EXCLUDED.working_days,
       returned_working_days = EXCLUDED.returned_working_days, returns = EXCLUDED.returns, outcome = EXCLUDED.outcome
     WHERE stage_passages.left_at IS NULL`,
    [
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
    ],
  );
}
