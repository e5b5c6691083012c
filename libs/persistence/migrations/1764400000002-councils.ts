import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Council sessions (phiên họp Hội đồng TĐKT): the role of a voting member, the sessions, the dossiers on
 * each session's list, the members at the time it opened (the threshold counts all of them), and the votes.
 * A vote row keeps the voter only to refuse a second vote; the API never returns it.
 */
export class Councils1764400000002 implements MigrationInterface {
  name = 'Councils1764400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('CLERK','REVIEWER','COUNCIL','COUNCIL_MEMBER','APPROVER','LEADER','ADMIN'))`);

    await q.query(`
      CREATE TABLE council_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_unit_code varchar(64) NOT NULL,
        title varchar(500) NOT NULL,
        secret_ballot boolean NOT NULL,
        status varchar(8) NOT NULL CHECK (status IN ('OPEN','CLOSED')),
        member_count int NOT NULL,
        opened_by varchar(128) NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_by varchar(128) NULL,
        closed_at timestamptz NULL,
        minutes_sha256 char(64) NULL
      )`);
    await q.query(`CREATE INDEX idx_council_sessions_org ON council_sessions (org_unit_code, opened_at)`);

    await q.query(`
      CREATE TABLE council_session_members (
        session_id uuid NOT NULL CONSTRAINT fk_council_members_session REFERENCES council_sessions(id) ON DELETE CASCADE,
        username varchar(128) NOT NULL,
        display_name varchar(255) NOT NULL,
        PRIMARY KEY (session_id, username)
      )`);

    await q.query(`
      CREATE TABLE council_session_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL CONSTRAINT fk_council_items_session REFERENCES council_sessions(id) ON DELETE CASCADE,
        dossier_id uuid NOT NULL,
        award_code varchar(64) NOT NULL,
        award_name varchar(255) NOT NULL,
        nominee_name varchar(255) NOT NULL,
        origin_org_code varchar(64) NOT NULL,
        threshold jsonb NOT NULL,
        secret boolean NOT NULL,
        tally jsonb NULL,
        outcome varchar(16) NULL CHECK (outcome IN ('APPROVED','RETURNED','REJECTED','QUOTA_EXCEEDED','FAILED')),
        outcome_detail text NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_council_items ON council_session_items (session_id, dossier_id)`);
    await q.query(`CREATE INDEX idx_council_items_dossier ON council_session_items (dossier_id)`);

    await q.query(`
      CREATE TABLE council_votes (
        id bigserial PRIMARY KEY,
        item_id uuid NOT NULL CONSTRAINT fk_council_votes_item REFERENCES council_session_items(id) ON DELETE CASCADE,
        member_username varchar(128) NOT NULL,
        vote varchar(8) NOT NULL CHECK (vote IN ('YES','NO','ABSTAIN')),
        in_writing boolean NOT NULL,
        recorded_by varchar(128) NOT NULL,
        cast_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_council_votes_member ON council_votes (item_id, member_username)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE council_votes`);
    await q.query(`DROP TABLE council_session_items`);
    await q.query(`DROP TABLE council_session_members`);
    await q.query(`DROP TABLE council_sessions`);
    await q.query(`DELETE FROM users WHERE role = 'COUNCIL_MEMBER'`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('CLERK','REVIEWER','COUNCIL','APPROVER','LEADER','ADMIN'))`);
  }
}
