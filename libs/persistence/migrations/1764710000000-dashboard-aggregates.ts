import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Squashed (issue 14). This migration and the four after it (1764720000000 to 1764730000001) built the
 * trigger-kept dashboard pre-aggregates, each restating the functions of the one before; migration 1764800000001
 * retired them, and the dashboards read the dashboard writer's summaries (1764800000000). A database that ran them
 * keeps its record of them; one created now runs only what outlived them: the open-passage index in entry order
 * with the level (the drill-down from a bottleneck to its oldest dossiers reads it).
 */
export class DashboardAggregates1764710000000 implements MigrationInterface {
  name = 'DashboardAggregates1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_stage_passages_open`);
    await q.query(
      `CREATE INDEX idx_stage_passages_open ON stage_passages (stage_name, org_code, level, entered_at) WHERE left_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_stage_passages_open`);
    await q.query(
      `CREATE INDEX idx_stage_passages_open ON stage_passages (stage_name, org_code, entered_at) WHERE left_at IS NULL`,
    );
  }
}
