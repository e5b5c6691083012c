import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboards' summaries kept by one writer instead of triggers (issue 14). The rules are TypeScript
 * (libs/domain/dashboard.ts); the projection marks a dossier dirty in the statement it already runs
 * (`summary_dirty`); the dashboard writer (workflows/dashboard-writer.workflow.ts and its activity) drains the dirty
 * set in batches, applies each dossier's change from the contribution it last counted (`summary_contributions`),
 * and writes each summary row once per batch. No trigger, no function, no lock of the whole country.
 *
 * For a while these tables were filled beside the trigger-kept `dashboard_*` ones, and the dashboard tests checked
 * that both agreed (commit 9fe97e7); then the reads moved here and migration 1764800000001 retired the triggers.
 *
 * Every dossier in the read model is marked dirty here, so the writer counts the ones already in flight.
 */
export class DashboardWriter1764800000000 implements MigrationInterface {
  name = 'DashboardWriter1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE summary_dossier_counts (
        scope varchar(64) NOT NULL,
        status varchar(16) NOT NULL,
        stage varchar(32) NULL,
        level varchar(16) NULL,
        due_day date NULL,
        n int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_summary_dossier_counts ON summary_dossier_counts
      (scope, status, stage, level, due_day) NULLS NOT DISTINCT`);
    await q.query(`
      CREATE TABLE summary_event_days (
        scope varchar(64) NOT NULL,
        day date NOT NULL,
        submitted int NOT NULL,
        decided int NOT NULL,
        returned int NOT NULL,
        PRIMARY KEY (scope, day)
      )`);
    for (const [table, period] of [
      ['summary_approval_days', 'day date NOT NULL'],
      ['summary_approval_months', 'month date NOT NULL CHECK (extract(day FROM month) = 1)'],
    ]) {
      const column = period.split(' ')[0];
      await q.query(`
        CREATE TABLE ${table} (
          scope varchar(64) NOT NULL,
          ${period},
          origin_org_code varchar(64) NOT NULL,
          direct_worker boolean NOT NULL,
          small_collective boolean NOT NULL,
          approved int NOT NULL,
          PRIMARY KEY (scope, ${column}, origin_org_code, direct_worker, small_collective)
        )`);
    }
    await q.query(`
      CREATE TABLE summary_passage_days (
        scope varchar(64) NOT NULL,
        stage_name varchar(32) NOT NULL,
        org_code varchar(64) NOT NULL,
        level varchar(16) NOT NULL,
        working_days int NULL,
        n int NOT NULL,
        returned int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_summary_passage_days ON summary_passage_days
      (scope, stage_name, org_code, level, working_days) NULLS NOT DISTINCT`);
    await q.query(`
      CREATE TABLE summary_open_passages (
        scope varchar(64) NOT NULL,
        stage_name varchar(32) NOT NULL,
        org_code varchar(64) NOT NULL,
        level varchar(16) NOT NULL,
        open int NOT NULL,
        waiting int NOT NULL,
        oldest_wait timestamptz NULL,
        PRIMARY KEY (scope, stage_name, org_code, level)
      )`);
    // The waiting passages as counted (one per dossier and open-passage row, with the scopes that see it): where the
    // head of a queue stops waiting, the next head is the earliest of these, not of the raw passages, which may
    // hold changes the writer has not counted yet.
    await q.query(`
      CREATE TABLE summary_waits (
        dossier_id uuid NOT NULL,
        stage_name varchar(32) NOT NULL,
        org_code varchar(64) NOT NULL,
        level varchar(16) NOT NULL,
        scopes text[] NOT NULL,
        entered_at timestamptz NOT NULL,
        PRIMARY KEY (dossier_id, stage_name, org_code, level, scopes)
      )`);
    await q.query(`CREATE INDEX idx_summary_waits_head ON summary_waits (stage_name, org_code, level, entered_at)`);
    // The dossiers whose contribution may have changed since it was counted, with when they were first marked: the
    // oldest mark is how far behind the dashboards are.
    await q.query(`
      CREATE TABLE summary_dirty (
        dossier_id uuid PRIMARY KEY,
        marked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idx_summary_dirty_marked ON summary_dirty (marked_at)`);
    // What each dossier adds to the summaries now (libs/domain/dashboard.ts, Contribution).
    await q.query(`
      CREATE TABLE summary_contributions (
        dossier_id uuid PRIMARY KEY,
        contribution jsonb NOT NULL
      )`);
    // One row: the rules the contributions were counted under (how far behind they are is the oldest dirty mark).
    await q.query(`
      CREATE TABLE summary_writer (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        rules jsonb NULL
      )`);
    await q.query(`INSERT INTO summary_writer DEFAULT VALUES`);
    await q.query(`INSERT INTO summary_dirty (dossier_id) SELECT id FROM dossiers`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'summary_writer',
      'summary_contributions',
      'summary_dirty',
      'summary_waits',
      'summary_open_passages',
      'summary_passage_days',
      'summary_approval_months',
      'summary_approval_days',
      'summary_event_days',
      'summary_dossier_counts',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
