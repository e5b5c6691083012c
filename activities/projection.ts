import type { DataSource } from 'typeorm';
import { currentStage, type TransitionEvent } from '../libs/domain/dossier-machine';
import { dossierWorkflowId } from '../libs/contracts';
import { GENESIS, eventHash, type ChainedEvent } from '../libs/persistence/audit-chain';

/**
 * Writes one transition to the read model: the append-only event row and the dossier's row, in one
 * transaction. Idempotent, so Temporal may retry it freely: the event is keyed by (dossier_id, seq), and
 * the dossier row only moves forward (version < seq).
 */
export async function projectTransition(ds: DataSource, event: TransitionEvent): Promise<void> {
  const s = event.state;
  const stage = currentStage(s);
  await ds.transaction(async (tx) => {
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
    // The workflow projects its events in order, so the previous one is already here (else: retry later).
    const prev: { hash: string }[] =
      event.seq === 1
        ? [{ hash: GENESIS }]
        : await tx.query(`SELECT hash FROM dossier_events WHERE dossier_id = $1 AND seq = $2`, [
            event.dossierId,
            event.seq - 1,
          ]);
    if (!prev[0]) throw new Error(`event ${event.seq - 1} of dossier ${event.dossierId} is not projected yet`);
    await tx.query(
      `INSERT INTO dossier_events (dossier_id, seq, action, actor_username, actor_display_name, actor_role,
         actor_org_code, acting_for, from_status, to_status, from_stage, to_stage, reason, comment, request_id,
         occurred_at, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
       ON CONFLICT (dossier_id, seq) DO NOTHING`,
      [
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
      ],
    );
    await tx.query(
      `INSERT INTO dossiers (id, workflow_id, award_code, award_name, nominee_kind, nominee_name, nominee,
         achievement_summary, origin_org_code, org_chain, status, stage_index, current_stage_name, current_stage_index,
         current_level, current_org_code, current_actor_role, route, last_reason, decision, created_by, created_at,
         updated_at, submitted_at, version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25)
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
         version = EXCLUDED.version
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
      ],
    );
    await recordOutcome(tx, event);
  });
}

/**
 * The outcome reaches the nominee registry: an approved dossier's award enters the nominee's record (once,
 * whatever the retries), and a rejected or withdrawn dossier frees its initiatives for another award.
 */
async function recordOutcome(tx: { query: DataSource['query'] }, event: TransitionEvent): Promise<void> {
  if (event.toStatus === event.fromStatus) return;
  const s = event.state;
  if (event.toStatus === 'APPROVED') {
    await tx.query(
      `INSERT INTO nominee_awards (nominee_id, award_code, year, decision_number, decision_date, source, dossier_id)
       SELECT l.nominee_id, $2, l.achievement_year, $3, $4::date, 'ENGINE', l.dossier_id
       FROM dossier_links l WHERE l.dossier_id = $1 AND l.nominee_id IS NOT NULL
       ON CONFLICT (nominee_id, award_code, year) DO NOTHING`,
      [s.dossierId, s.awardCode, s.decision?.number ?? null, s.decision?.date ?? null],
    );
  } else if (event.toStatus === 'REJECTED' || event.toStatus === 'WITHDRAWN') {
    await tx.query(`UPDATE initiatives SET used_by_dossier = NULL WHERE used_by_dossier = $1`, [s.dossierId]);
  }
}
