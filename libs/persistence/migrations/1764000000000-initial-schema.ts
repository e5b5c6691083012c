import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data (org tree, awards, users) and the dossier read model (dossiers, dossier_events). */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('CENTRAL','PROVINCE','DISTRICT','COMMUNE','DEPARTMENT','UNIT')),
        parent_id uuid NULL CONSTRAINT fk_org_units_parent REFERENCES org_units(id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_org_units_code ON org_units (code)`);
    await q.query(`CREATE INDEX idx_org_units_parent ON org_units (parent_id)`);

    await q.query(`
      CREATE TABLE awards (
        code varchar(64) PRIMARY KEY,
        name_vi varchar(255) NOT NULL,
        name_en varchar(255) NOT NULL,
        category varchar(16) NOT NULL,
        nominee_kinds jsonb NOT NULL,
        deciding_levels jsonb NOT NULL,
        decider varchar(255) NOT NULL,
        required_documents jsonb NOT NULL,
        legal_basis text NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(128) NOT NULL,
        password_hash varchar(255) NOT NULL,
        display_name varchar(255) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('CLERK','REVIEWER','COUNCIL','APPROVER','LEADER','ADMIN')),
        org_unit_id uuid NOT NULL CONSTRAINT fk_users_org_unit REFERENCES org_units(id) ON DELETE RESTRICT,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_username ON users (username)`);
    await q.query(`CREATE INDEX idx_users_org_unit ON users (org_unit_id)`);

    await q.query(`
      CREATE TABLE dossiers (
        id uuid PRIMARY KEY,
        workflow_id varchar(128) NOT NULL,
        award_code varchar(64) NOT NULL,
        award_name varchar(255) NOT NULL,
        nominee_kind varchar(16) NOT NULL,
        nominee_name varchar(255) NOT NULL,
        nominee jsonb NOT NULL,
        achievement_summary text NOT NULL,
        origin_org_code varchar(64) NOT NULL,
        org_chain text[] NOT NULL,
        status varchar(16) NOT NULL,
        stage_index int NOT NULL,
        current_stage_name varchar(32) NULL,
        current_stage_index int NULL,
        current_level varchar(16) NULL,
        current_org_code varchar(64) NULL,
        current_actor_role varchar(16) NULL,
        route jsonb NOT NULL,
        last_reason text NULL,
        decision jsonb NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        submitted_at timestamptz NULL,
        version int NOT NULL
      )`);
    await q.query(
      `CREATE INDEX idx_dossiers_inbox ON dossiers (current_org_code, current_actor_role, status, updated_at)`,
    );
    await q.query(`CREATE INDEX idx_dossiers_created ON dossiers (created_at, id)`);
    await q.query(`CREATE INDEX idx_dossiers_status_created ON dossiers (status, created_at, id)`);
    await q.query(`CREATE INDEX idx_dossiers_award_created ON dossiers (award_code, created_at, id)`);
    await q.query(`CREATE INDEX idx_dossiers_origin_created ON dossiers (origin_org_code, created_at, id)`);
    await q.query(`CREATE INDEX idx_dossiers_org_chain ON dossiers USING gin (org_chain)`);

    await q.query(`
      CREATE TABLE dossier_events (
        id bigserial PRIMARY KEY,
        dossier_id uuid NOT NULL,
        seq int NOT NULL,
        action varchar(16) NOT NULL,
        actor_username varchar(128) NOT NULL,
        actor_display_name varchar(255) NOT NULL,
        actor_role varchar(16) NOT NULL,
        actor_org_code varchar(64) NOT NULL,
        from_status varchar(16) NULL,
        to_status varchar(16) NOT NULL,
        from_stage varchar(128) NULL,
        to_stage varchar(128) NULL,
        reason text NULL,
        comment text NULL,
        request_id varchar(200) NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dossier_events_seq ON dossier_events (dossier_id, seq)`);
    await q.query(`CREATE INDEX idx_dossier_events_request ON dossier_events (dossier_id, request_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_events`);
    await q.query(`DROP TABLE dossiers`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE awards`);
    await q.query(`DROP TABLE org_units`);
  }
}
