import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Award decisions (quyết định khen thưởng) for one or many dossiers, with their generated PDF. */
export class Decisions1764400000004 implements MigrationInterface {
  name = 'Decisions1764400000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_unit_code varchar(64) NOT NULL,
        number varchar(64) NOT NULL,
        decision_date date NOT NULL,
        signer varchar(255) NOT NULL,
        title varchar(500) NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        pdf_sha256 char(64) NULL
      )`);
    // A decision number is issued once by its authority: a retried request finds the same decision.
    await q.query(`CREATE UNIQUE INDEX uq_decisions_number ON decisions (org_unit_code, number)`);
    await q.query(`
      CREATE TABLE decision_items (
        decision_id uuid NOT NULL CONSTRAINT fk_decision_items_decision REFERENCES decisions(id) ON DELETE CASCADE,
        dossier_id uuid NOT NULL,
        position int NOT NULL,
        status int NULL,
        detail text NULL,
        award_code varchar(64) NULL,
        award_name varchar(255) NULL,
        nominee_name varchar(255) NULL,
        origin_org_code varchar(64) NULL,
        PRIMARY KEY (decision_id, dossier_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_items`);
    await q.query(`DROP TABLE decisions`);
  }
}
