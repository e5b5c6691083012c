import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowClient } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { FAILURE_ERROR_CODES, councilOutcomeUpdate, dossierWorkflowId } from '../libs/contracts';
import type { Actor, CouncilOutcome } from '../libs/domain/dossier-machine';

/** One dossier of a closing session: what the session decided and what to record (see CouncilsService.close). */
export interface CouncilCloseItem {
  itemId: string;
  dossierId: string;
  council: CouncilOutcome;
  reason?: string;
  comment?: string;
  /** What the session records once the dossier has moved. */
  outcome: 'APPROVED' | 'RETURNED' | 'REJECTED' | 'QUOTA_EXCEEDED';
  detail: string;
  /** The document code and file name the session's minutes are attached under. */
  minutes: { docType: string; fileName: string };
}

export interface CouncilCloseInput {
  sessionId: string;
  /** The secretary who closed the session: the actor of every dossier's transition. */
  actor: Actor;
  items: CouncilCloseItem[];
}

export interface CouncilItemResult {
  dossierId: string;
  outcome: CouncilCloseItem['outcome'] | 'FAILED';
  detail: string;
}

/** The idempotency key of a session's transition of a dossier: also the Update id and the event's request id. */
export const councilRequestId = (sessionId: string, dossierId: string): string => `council-${sessionId}-${dossierId}`;

/**
 * Moves one dossier by its session's outcome, safe to repeat: the minutes are attached once (same content, no
 * new version), the Update carries a deterministic id (Temporal dedupes it while the dossier runs; the event log
 * answers after it has closed), and the item's outcome is written only while it has none. A refusal by the
 * dossier's workflow (it moved on, say) is the item's FAILED outcome, not an error; anything else (the database
 * or Temporal away) throws, and the activity is retried.
 */
export async function applyCouncilItem(
  ds: DataSource,
  client: WorkflowClient,
  input: { sessionId: string; actor: Actor; item: CouncilCloseItem },
): Promise<CouncilItemResult> {
  const { sessionId, actor, item } = input;
  const key = councilRequestId(sessionId, item.dossierId);
  await ds.query(
    `INSERT INTO dossier_documents (dossier_id, doc_type, version, sha256, file_name, uploaded_by)
     SELECT $1::uuid, $2::varchar, COALESCE(MAX(version), 0) + 1, $3::char(64), $4, $5 FROM dossier_documents
     WHERE dossier_id = $1 AND doc_type = $2
     HAVING NOT bool_or(sha256 = $3::char(64)) OR count(*) = 0`,
    [item.dossierId, item.minutes.docType, item.council.minutesSha256, item.minutes.fileName, actor.username],
  );
  let result: CouncilItemResult = { dossierId: item.dossierId, outcome: item.outcome, detail: item.detail };
  const moved = await ds.query(`SELECT 1 FROM dossier_events WHERE dossier_id = $1 AND request_id = $2 LIMIT 1`, [
    item.dossierId,
    key,
  ]);
  if (!moved.length) {
    try {
      await client.getHandle(dossierWorkflowId(item.dossierId)).executeUpdate(councilOutcomeUpdate, {
        args: [{ actor, council: item.council, reason: item.reason, comment: item.comment, requestId: key }],
        updateId: key,
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        // The API's error code, so that a session's result reads as an action's answer.
        const code = FAILURE_ERROR_CODES[err.cause.type as keyof typeof FAILURE_ERROR_CODES];
        if (!code) throw err;
        result = { dossierId: item.dossierId, outcome: 'FAILED', detail: `${code}: ${err.cause.message}` };
      } else if (err instanceof WorkflowNotFoundError) {
        result = { dossierId: item.dossierId, outcome: 'FAILED', detail: 'INVALID_STATE: The dossier is closed' };
      } else {
        throw err;
      }
    }
  }
  await ds.query(
    `UPDATE council_session_items SET outcome = $2, outcome_detail = $3 WHERE id = $1 AND outcome IS NULL`,
    [item.itemId, result.outcome, result.detail],
  );
  // A repeated attempt reports what the first one recorded.
  const [recorded]: { outcome: CouncilItemResult['outcome']; detail: string }[] = await ds.query(
    `SELECT outcome, outcome_detail AS detail FROM council_session_items WHERE id = $1`,
    [item.itemId],
  );
  return recorded ? { dossierId: item.dossierId, ...recorded } : result;
}
