import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reorganisations (sắp xếp đơn vị hành chính): each merge or abolition of org units, with the dossiers in flight
 * it moved, so a retry with the same Idempotency-Key re-sends the same reroutes instead of reorganising twice.
 */
export class Reorganisations1764600000000 implements MigrationInterface {
  name = 'Reorganisations1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reorganisations (
        id uuid PRIMARY KEY,
        request_key varchar(255) NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('MERGE','ABOLISH')),
        payload jsonb NOT NULL,
        dossier_ids uuid[] NOT NULL DEFAULT '{}',
        actor_username varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_reorganisations_request_key ON reorganisations (request_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reorganisations`);
  }
}
