import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns (đợt thi đua) with their window and admitted awards, and quotas per campaign and org unit. */
export class Campaigns1764400000003 implements MigrationInterface {
  name = 'Campaigns1764400000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        code varchar(64) PRIMARY KEY,
        name varchar(500) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('ANNUAL','THEMATIC','AD_HOC')),
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        award_codes text[] NOT NULL,
        org_unit_code varchar(64) NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_on >= opens_on)
      )`);
    await q.query(`
      CREATE TABLE campaign_quotas (
        id bigserial PRIMARY KEY,
        campaign_code varchar(64) NOT NULL CONSTRAINT fk_campaign_quotas_campaign REFERENCES campaigns(code) ON DELETE CASCADE,
        org_unit_code varchar(64) NOT NULL,
        award_code varchar(64) NOT NULL,
        max_count int NULL CHECK (max_count >= 0),
        max_percent int NULL CHECK (max_percent BETWEEN 0 AND 100),
        basis_award_code varchar(64) NULL,
        legal_basis text NOT NULL,
        CHECK (max_count IS NOT NULL OR (max_percent IS NOT NULL AND basis_award_code IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_campaign_quotas ON campaign_quotas (campaign_code, org_unit_code, award_code)`,
    );
    await q.query(`CREATE INDEX idx_dossier_links_campaign ON dossier_links (campaign_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_dossier_links_campaign`);
    await q.query(`DROP TABLE campaign_quotas`);
    await q.query(`DROP TABLE campaigns`);
  }
}
