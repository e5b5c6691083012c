import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS, eventHash } from '../audit-chain';

/**
 * Makes dossier_events tamper-evident and append-only: a hash chain per dossier (existing rows are
 * chained here, before the guard is installed), "acting for" on each event, a trigger that refuses
 * UPDATE, DELETE and TRUNCATE for every role, and a log of denied and invalid attempts.
 */
export class AuditChain1764500000001 implements MigrationInterface {
  name = 'AuditChain1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossier_events ADD COLUMN acting_for varchar(128) NULL`);
    await q.query(`ALTER TABLE dossier_events ADD COLUMN prev_hash char(64) NULL, ADD COLUMN hash char(64) NULL`);
    const rows: Record<string, unknown>[] = await q.query(`SELECT * FROM dossier_events ORDER BY dossier_id, seq`);
    let prev = GENESIS;
    let dossier = '';
    for (const r of rows) {
      if (r.dossier_id !== dossier) [dossier, prev] = [r.dossier_id as string, GENESIS];
      const hash = eventHash(
        {
          dossierId: r.dossier_id as string,
          seq: r.seq as number,
          action: r.action as string,
          actorUsername: r.actor_username as string,
          actorDisplayName: r.actor_display_name as string,
          actorRole: r.actor_role as string,
          actorOrgCode: r.actor_org_code as string,
          actingFor: null,
          fromStatus: r.from_status as string | null,
          toStatus: r.to_status as string,
          fromStage: r.from_stage as string | null,
          toStage: r.to_stage as string | null,
          reason: r.reason as string | null,
          comment: r.comment as string | null,
          requestId: r.request_id as string | null,
          occurredAt: (r.occurred_at as Date).toISOString(),
        },
        prev,
      );
      await q.query(`UPDATE dossier_events SET prev_hash = $1, hash = $2 WHERE id = $3`, [prev, hash, r.id]);
      prev = hash;
    }
    await q.query(`ALTER TABLE dossier_events ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'dossier_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER trg_dossier_events_append_only BEFORE UPDATE OR DELETE ON dossier_events
      FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only()`);
    await q.query(`CREATE TRIGGER trg_dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events
      FOR EACH STATEMENT EXECUTE FUNCTION dossier_events_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON dossier_events FROM PUBLIC`);
    await q.query(`CREATE INDEX idx_dossier_events_occurred ON dossier_events (occurred_at)`);

    await q.query(`
      CREATE TABLE denied_attempts (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        username varchar(128) NULL,
        role varchar(16) NULL,
        org_code varchar(64) NULL,
        method varchar(8) NOT NULL,
        path varchar(512) NOT NULL,
        status int NOT NULL,
        error varchar(64) NOT NULL,
        message text NOT NULL,
        correlation_id varchar(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX idx_denied_attempts_occurred ON denied_attempts (occurred_at)`);
    await q.query(`CREATE INDEX idx_denied_attempts_user ON denied_attempts (username, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE denied_attempts`);
    await q.query(`DROP TRIGGER trg_dossier_events_no_truncate ON dossier_events`);
    await q.query(`DROP TRIGGER trg_dossier_events_append_only ON dossier_events`);
    await q.query(`DROP FUNCTION dossier_events_append_only()`);
    await q.query(`DROP INDEX idx_dossier_events_occurred`);
    await q.query(`ALTER TABLE dossier_events DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN acting_for`);
  }
}
