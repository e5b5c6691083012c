import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { verifyChain, type ChainBreak, type ChainedEvent } from '../../../../libs/persistence/audit-chain';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { AuditQuery } from './audit.dto';

export interface AuditEventRow extends ChainedEvent {
  prevHash: string;
  hash: string;
  recordedAt: string;
}

const EVENT_COLUMNS = `e.dossier_id AS "dossierId", e.seq, e.action, e.actor_username AS "actorUsername",
  e.actor_display_name AS "actorDisplayName", e.actor_role AS "actorRole", e.actor_org_code AS "actorOrgCode",
  e.acting_for AS "actingFor", e.from_status AS "fromStatus", e.to_status AS "toStatus", e.from_stage AS "fromStage",
  e.to_stage AS "toStage", e.reason, e.comment, e.request_id AS "requestId", e.occurred_at AS "occurredAt",
  e.prev_hash AS "prevHash", e.hash, e.recorded_at AS "recordedAt"`;

/** The audit log: verification of the hash chains, and exports per dossier or per org and period. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** ADMIN sees everything; a LEADER only their subtree (the org filter defaults to their own unit). */
  private scope(user: AuthUser, q: AuditQuery): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const org = q.org ?? (user.role === 'ADMIN' ? undefined : user.orgUnitCode);
    if (user.role !== 'ADMIN') {
      params.push(user.orgUnitCode);
      where.push(`d.org_chain @> ARRAY[$${params.length}]::text[]`);
    }
    if (org) {
      params.push(org);
      where.push(`d.org_chain @> ARRAY[$${params.length}]::text[]`);
    }
    if (q.dossierId) {
      params.push(q.dossierId);
      where.push(`e.dossier_id = $${params.length}`);
    }
    // Periods are calendar days in Vietnam: a date is local midnight (timestamp) before AT TIME ZONE.
    if (q.from) {
      params.push(q.from);
      where.push(`e.occurred_at >= ($${params.length}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`e.occurred_at < (($${params.length}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
    }
    return { where, params };
  }

  async events(user: AuthUser, q: AuditQuery): Promise<AuditEventRow[]> {
    const { where, params } = this.scope(user, q);
    const rows: (Omit<AuditEventRow, 'occurredAt' | 'recordedAt'> & { occurredAt: Date; recordedAt: Date })[] =
      await this.ds.query(
        `SELECT ${EVENT_COLUMNS} FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.occurred_at, e.dossier_id, e.seq LIMIT 100001`,
        params,
      );
    if (rows.length > 100_000)
      throw new AppError('UNPROCESSABLE', 'More than 100,000 events: narrow the period or org');
    return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString(), recordedAt: r.recordedAt.toISOString() }));
  }

  /**
   * Recomputes every chain in scope, one dossier at a time (keyset over dossier ids), so memory stays
   * bounded however large the log is.
   */
  async verify(
    user: AuthUser,
    q: AuditQuery,
  ): Promise<{ ok: boolean; dossiers: number; events: number; broken: ChainBreak[] }> {
    const { where, params } = this.scope(user, { ...q, from: undefined, to: undefined });
    let after = '00000000-0000-0000-0000-000000000000';
    let dossiers = 0;
    let events = 0;
    const broken: ChainBreak[] = [];
    for (;;) {
      const ids: { id: string }[] = await this.ds.query(
        `SELECT d.id FROM dossiers d ${where.length ? `WHERE ${where.join(' AND ').replace(/e\.dossier_id/g, 'd.id')} AND` : 'WHERE'}
         d.id > $${params.length + 1} ORDER BY d.id LIMIT 500`,
        [...params, after],
      );
      if (ids.length === 0) break;
      const rows: (AuditEventRow & { occurredAt: Date })[] = await this.ds.query(
        `SELECT ${EVENT_COLUMNS} FROM dossier_events e WHERE e.dossier_id = ANY($1) ORDER BY e.dossier_id, e.seq`,
        [ids.map((r) => r.id)],
      );
      const byDossier = new Map<string, AuditEventRow[]>();
      for (const r of rows) {
        const list = byDossier.get(r.dossierId) ?? [];
        list.push({ ...r, occurredAt: new Date(r.occurredAt).toISOString() });
        byDossier.set(r.dossierId, list);
      }
      for (const list of byDossier.values()) {
        const problem = verifyChain(list);
        if (problem) broken.push(problem);
      }
      dossiers += ids.length;
      events += rows.length;
      after = ids[ids.length - 1].id;
    }
    return { ok: broken.length === 0, dossiers, events, broken };
  }
}
