import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per passage of a dossier through a stage (entered, left, working days spent without the time it was
 * returned, outcome), written by the projection; and the indexes the leadership dashboards read through.
 */
export class StagePassages1764300000003 implements MigrationInterface {
  name = 'StagePassages1764300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stage_passages (
        dossier_id uuid NOT NULL,
        passage int NOT NULL,
        stage_index int NOT NULL,
        stage_name varchar(32) NOT NULL,
        level varchar(16) NOT NULL,
        org_code varchar(64) NOT NULL,
        actor_role varchar(16) NOT NULL,
        award_code varchar(64) NOT NULL,
        org_chain text[] NOT NULL,
        entered_at timestamptz NOT NULL,
        due_at timestamptz NULL,
        left_at timestamptz NULL,
        working_days int NULL,
        returned_working_days int NOT NULL DEFAULT 0,
        returns int NOT NULL DEFAULT 0,
        outcome varchar(16) NULL CHECK (outcome IN ('FORWARDED','APPROVED','REJECTED','WITHDRAWN')),
        PRIMARY KEY (dossier_id, passage)
      )`);
    await q.query(`CREATE INDEX idx_stage_passages_org_chain ON stage_passages USING gin (org_chain)`);
    await q.query(
      `CREATE INDEX idx_stage_passages_completed ON stage_passages (stage_name, org_code, working_days) WHERE left_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX idx_stage_passages_open ON stage_passages (stage_name, org_code, entered_at) WHERE left_at IS NULL`,
    );
    // Throughput counts events by kind and time; the partial index keeps it to the three kinds it counts.
    await q.query(
      `CREATE INDEX idx_dossier_events_throughput ON dossier_events (occurred_at, action, to_status)
       WHERE action IN ('submit','return') OR to_status IN ('APPROVED','REJECTED')`,
    );
    await q.query(`CREATE INDEX idx_dossiers_status_stage ON dossiers (status, current_stage_name, current_level)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_dossiers_status_stage`);
    await q.query(`DROP INDEX idx_dossier_events_throughput`);
    await q.query(`DROP TABLE stage_passages`);
  }
}
