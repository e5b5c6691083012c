import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nominee registry (hồ sơ thành tích): nominees, their past awards, yearly ratings (xếp loại),
 * initiatives (sáng kiến), discipline / investigation periods and collectives' yearly results; and the
 * links a dossier keeps beside its workflow (registry nominee, claimed initiatives, achievement year).
 */
export class NomineeRegistry1764400000000 implements MigrationInterface {
  name = 'NomineeRegistry1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nominees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('INDIVIDUAL','COLLECTIVE')),
        key varchar(128) NOT NULL,
        name varchar(255) NOT NULL,
        org_unit_code varchar(64) NOT NULL,
        service_start_date date NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_nominees_kind_key ON nominees (kind, key)`);
    await q.query(`CREATE INDEX idx_nominees_org ON nominees (org_unit_code)`);

    await q.query(`
      CREATE TABLE nominee_awards (
        id bigserial PRIMARY KEY,
        nominee_id uuid NOT NULL CONSTRAINT fk_nominee_awards_nominee REFERENCES nominees(id) ON DELETE CASCADE,
        award_code varchar(64) NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        decision_number varchar(64) NULL,
        decision_date date NULL,
        source varchar(8) NOT NULL CHECK (source IN ('ENGINE','IMPORT')),
        dossier_id uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_nominee_awards ON nominee_awards (nominee_id, award_code, year)`);

    await q.query(`
      CREATE TABLE nominee_ratings (
        nominee_id uuid NOT NULL CONSTRAINT fk_nominee_ratings_nominee REFERENCES nominees(id) ON DELETE CASCADE,
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        rating varchar(24) NOT NULL
          CHECK (rating IN ('HOAN_THANH_XUAT_SAC','HOAN_THANH_TOT','HOAN_THANH','KHONG_HOAN_THANH')),
        PRIMARY KEY (nominee_id, year)
      )`);

    await q.query(`
      CREATE TABLE initiatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nominee_id uuid NOT NULL CONSTRAINT fk_initiatives_nominee REFERENCES nominees(id) ON DELETE CASCADE,
        code varchar(64) NOT NULL,
        title varchar(500) NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        scope varchar(16) NOT NULL CHECK (scope IN ('BASE','PROVINCE','NATIONAL')),
        -- one column, so an initiative serves one dossier (one award) at most
        used_by_dossier uuid NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_initiatives_code ON initiatives (code)`);
    await q.query(`CREATE INDEX idx_initiatives_nominee ON initiatives (nominee_id)`);

    await q.query(`
      CREATE TABLE nominee_restrictions (
        id bigserial PRIMARY KEY,
        nominee_id uuid NOT NULL CONSTRAINT fk_nominee_restrictions_nominee REFERENCES nominees(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('DISCIPLINE','INVESTIGATION')),
        from_date date NOT NULL,
        to_date date NULL,
        note text NULL,
        CHECK (to_date IS NULL OR to_date >= from_date)
      )`);
    await q.query(`CREATE INDEX idx_nominee_restrictions_nominee ON nominee_restrictions (nominee_id)`);

    await q.query(`
      CREATE TABLE collective_years (
        nominee_id uuid NOT NULL CONSTRAINT fk_collective_years_nominee REFERENCES nominees(id) ON DELETE CASCADE,
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        member_count int NOT NULL CHECK (member_count > 0),
        completed_count int NOT NULL CHECK (completed_count >= 0),
        lao_dong_tien_tien_count int NOT NULL CHECK (lao_dong_tien_tien_count >= 0),
        cstd_co_so_count int NOT NULL CHECK (cstd_co_so_count >= 0),
        disciplined_count int NOT NULL CHECK (disciplined_count >= 0),
        PRIMARY KEY (nominee_id, year)
      )`);

    await q.query(`
      CREATE TABLE dossier_links (
        dossier_id uuid PRIMARY KEY,
        nominee_id uuid NULL CONSTRAINT fk_dossier_links_nominee REFERENCES nominees(id) ON DELETE RESTRICT,
        initiative_codes text[] NOT NULL DEFAULT '{}',
        achievement_year int NOT NULL,
        campaign_code varchar(64) NULL,
        campaign_kind varchar(16) NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_dossier_links_nominee ON dossier_links (nominee_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'dossier_links',
      'collective_years',
      'nominee_restrictions',
      'initiatives',
      'nominee_ratings',
      'nominee_awards',
      'nominees',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
