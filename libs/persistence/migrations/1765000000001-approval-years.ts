import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A year rollup beside the day and month ones (libs/domain/dashboard.ts, SUMMARY_TABLES.approvalYears): the
 * priority share by year for the whole country read ≈ 36,000 month and day rows at a million dossiers (p95 60 ms,
 * bench/reads.bench.ts); with this, one row an org and priority class for each whole year. Filled by the dashboard
 * writer: every dossier is marked, and its recount adds its year rows (its stored contribution has none yet, so the
 * difference is exactly them; the other tables' differences are zero). Until it has caught up the dashboards say so
 * (`asOf`).
 */
export class ApprovalYears1765000000001 implements MigrationInterface {
  name = 'ApprovalYears1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE summary_approval_years (
        scope varchar(64) NOT NULL,
        year date NOT NULL CHECK (extract(doy FROM year) = 1),
        origin_org_code varchar(64) NOT NULL,
        direct_worker boolean NOT NULL,
        small_collective boolean NOT NULL,
        approved int NOT NULL,
        PRIMARY KEY (scope, year, origin_org_code, direct_worker, small_collective)
      )`);
    // The first mark of a dossier already waiting is kept (how far behind the dashboards are).
    await q.query(`INSERT INTO summary_dirty (dossier_id) SELECT id FROM dossiers ON CONFLICT (dossier_id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE summary_approval_years`);
  }
}
