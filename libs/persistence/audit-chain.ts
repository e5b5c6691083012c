import { createHash } from 'node:crypto';

/**
 * The tamper-evident chain of a dossier's event log: each event stores the hash of the same dossier's
 * previous event and its own hash over its content plus that link. Altering, deleting or reordering a row
 * breaks the chain from that row on, which `verifyChain` reports.
 */
export interface ChainedEvent {
  dossierId: string;
  seq: number;
  action: string;
  actorUsername: string;
  actorDisplayName: string;
  actorRole: string;
  actorOrgCode: string;
  actingFor: string | null;
  fromStatus: string | null;
  toStatus: string;
  fromStage: string | null;
  toStage: string | null;
  reason: string | null;
  comment: string | null;
  requestId: string | null;
  /** ISO 8601 with milliseconds, as the workflow stamped it. */
  occurredAt: string;
}

export const GENESIS = '0'.repeat(64);

export function eventHash(e: ChainedEvent, prevHash: string): string {
  // A JSON array in a fixed order is an unambiguous encoding: no field can bleed into the next.
  const canonical = JSON.stringify([
    e.dossierId,
    e.seq,
    e.action,
    e.actorUsername,
    e.actorDisplayName,
    e.actorRole,
    e.actorOrgCode,
    e.actingFor,
    e.fromStatus,
    e.toStatus,
    e.fromStage,
    e.toStage,
    e.reason,
    e.comment,
    e.requestId,
    new Date(e.occurredAt).toISOString(),
    prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainBreak {
  dossierId: string;
  seq: number;
  problem: 'HASH_MISMATCH' | 'LINK_MISMATCH' | 'SEQUENCE_GAP';
}

/** Checks one dossier's events, given in seq order with their stored prev_hash and hash. */
export function verifyChain(events: (ChainedEvent & { prevHash: string; hash: string })[]): ChainBreak | null {
  let prev = GENESIS;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.seq !== i + 1) return { dossierId: e.dossierId, seq: e.seq, problem: 'SEQUENCE_GAP' };
    if (e.prevHash !== prev) return { dossierId: e.dossierId, seq: e.seq, problem: 'LINK_MISMATCH' };
    if (eventHash(e, prev) !== e.hash) return { dossierId: e.dossierId, seq: e.seq, problem: 'HASH_MISMATCH' };
    prev = e.hash;
  }
  return null;
}
