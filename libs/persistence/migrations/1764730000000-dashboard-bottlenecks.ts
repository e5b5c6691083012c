import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNT_PASSAGE } from './1764710000000-dashboard-aggregates';
import { REBUILD as PRIORITY_CLASS_REBUILD } from './1764720000001-dashboard-priority-class';

/**
 * The bottlenecks dashboard's pre-aggregates shaped as it reads them (at 1,000,000 dossiers its country-wide
 * request spent ≈ 25 ms in SQL and as much again in the API):
 *
 * 1. `dashboard_passage_days` has one row per histogram bucket, (scope, stage, org, level, working days), with
 *    the passages that were returned counted in a column beside `n` instead of a second row keyed by a
 *    `returned` flag. The request reads the buckets in index order and groups them once: no hashed
 *    aggregate of twice as many rows and no sort before the grouping.
 *
 * 2. `dashboard_open_passages.oldest_wait` keeps the entry time of the first waiting passage (open, its
 *    dossier in progress) of each (scope, stage, org, level), NULL when none waits; the request probed the
 *    open-passage index once per row (1,302 probes for the country). A passage that starts waiting lowers it
 *    (`least`). A passage that stops waiting and was the head (its entry time is the row's oldest) has the row
 *    re-probed: the first waiting passage of that (stage, org, level) in entry order on
 *    `idx_stage_passages_open`, among those the scope sees. The re-probe runs only after the upsert before it
 *    has locked the scope rows, in a statement of its own (READ COMMITTED: a new snapshot), so it sees every
 *    passage committed by a writer that held those rows before it; a writer still to come applies its own
 *    passage after it, under the same locks. Within one projection statement the AFTER triggers may fire while
 *    a passage of the same dossier still carries its former `dashboard_waiting`: the re-probe may then take it
 *    for the head, and that passage's own trigger, later in the queue, re-probes again.
 *
 * `dashboard_rebuild()` is restated (its former body wrote the old shape); the passage part is now
 * `dashboard_rebuild_passages()`, so a later change to these two tables replaces only that.
 */
const COUNT_PASSAGE_BY_BUCKET = `
  CREATE OR REPLACE FUNCTION dashboard_count_passage(p stage_passages, sign int) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF p.dashboard_waiting IS NULL THEN RETURN; END IF;
    IF p.left_at IS NOT NULL THEN
      INSERT INTO dashboard_passage_days AS t (scope, stage_name, org_code, level, working_days, n, returned)
      SELECT s, p.stage_name, p.org_code, p.level, p.working_days, sign, CASE WHEN p.returns > 0 THEN sign ELSE 0 END
      FROM dashboard_scopes(p.org_chain) s
      ON CONFLICT (scope, stage_name, org_code, level, working_days)
      DO UPDATE SET n = t.n + EXCLUDED.n, returned = t.returned + EXCLUDED.returned;
      RETURN;
    END IF;
    INSERT INTO dashboard_open_passages AS t (scope, stage_name, org_code, level, open, waiting, oldest_wait)
    SELECT s, p.stage_name, p.org_code, p.level, sign, CASE WHEN p.dashboard_waiting THEN sign ELSE 0 END,
      CASE WHEN p.dashboard_waiting AND sign > 0 THEN p.entered_at END
    FROM dashboard_scopes(p.org_chain) s
    ON CONFLICT (scope, stage_name, org_code, level) DO UPDATE SET open = t.open + EXCLUDED.open,
      waiting = t.waiting + EXCLUDED.waiting, oldest_wait = least(t.oldest_wait, EXCLUDED.oldest_wait);
    IF p.dashboard_waiting AND sign < 0 THEN
      -- It stopped waiting; where it was the head, the next waiting passage the scope sees is.
      UPDATE dashboard_open_passages t SET oldest_wait = (
        SELECT x.entered_at FROM stage_passages x
        WHERE x.stage_name = p.stage_name AND x.org_code = p.org_code AND x.level = p.level AND x.left_at IS NULL
          AND x.dashboard_waiting AND (t.scope = '*' OR x.org_chain @> ARRAY[t.scope::text])
        ORDER BY x.entered_at LIMIT 1)
      WHERE t.scope IN (SELECT dashboard_scopes(p.org_chain)) AND t.stage_name = p.stage_name
        AND t.org_code = p.org_code AND t.level = p.level AND t.oldest_wait >= p.entered_at;
    END IF;
  END $$`;

const REBUILD_PASSAGES = `
  CREATE FUNCTION dashboard_rebuild_passages() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM dashboard_passage_days;
    DELETE FROM dashboard_open_passages;
    INSERT INTO dashboard_passage_days (scope, stage_name, org_code, level, working_days, n, returned)
    SELECT s, p.stage_name, p.org_code, p.level, p.working_days, count(*), count(*) FILTER (WHERE p.returns > 0)
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO dashboard_open_passages (scope, stage_name, org_code, level, open, waiting, oldest_wait)
    SELECT s, p.stage_name, p.org_code, p.level, count(*), count(*) FILTER (WHERE d.status = 'IN_PROGRESS'),
      min(p.entered_at) FILTER (WHERE d.status = 'IN_PROGRESS')
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NULL GROUP BY 1, 2, 3, 4;
  END $$`;

const REBUILD = `
  CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE stage_passages p SET dashboard_waiting = c.class
    FROM (SELECT p2.dossier_id, p2.passage, dashboard_passage_class(p2.left_at IS NOT NULL, d.status) AS class
          FROM stage_passages p2 LEFT JOIN dossiers d ON d.id = p2.dossier_id) c
    WHERE p.dossier_id = c.dossier_id AND p.passage = c.passage AND p.dashboard_waiting IS DISTINCT FROM c.class;
    DELETE FROM dashboard_dossier_counts;
    DELETE FROM dashboard_event_days;
    INSERT INTO dashboard_dossier_counts (scope, status, stage, level, due_day, stripe, n)
    SELECT s, d.status, d.current_stage_name, d.current_level, (d.current_due_at AT TIME ZONE 'UTC')::date,
      hashtext(d.id::text) & 7, count(*)
    FROM dossiers d, dashboard_scopes(d.org_chain) s GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO dashboard_event_days (scope, day, stripe, submitted, decided, returned)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, hashtext(d.id::text) & 7,
      count(*) FILTER (WHERE e.action = 'submit'), count(*) FILTER (WHERE e.to_status IN ('APPROVED','REJECTED')),
      count(*) FILTER (WHERE e.action = 'return')
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, dashboard_scopes(d.org_chain) s
    WHERE e.action IN ('submit','return') OR e.to_status IN ('APPROVED','REJECTED')
    GROUP BY 1, 2, 3;
    PERFORM dashboard_rebuild_approvals();
    PERFORM dashboard_rebuild_passages();
  END $$`;

export class DashboardBottlenecks1764730000000 implements MigrationInterface {
  name = 'DashboardBottlenecks1764730000000';

  async up(q: QueryRunner): Promise<void> {
    // Reshaped empty and refilled by the rebuild below: the raw recount is the definition the tests compare with.
    await q.query(`TRUNCATE dashboard_passage_days, dashboard_open_passages`);
    await q.query(`DROP INDEX uq_dashboard_passage_days`);
    await q.query(`ALTER TABLE dashboard_passage_days DROP COLUMN returned, ADD COLUMN returned int NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_passage_days ON dashboard_passage_days
      (scope, stage_name, org_code, level, working_days) NULLS NOT DISTINCT`);
    await q.query(`ALTER TABLE dashboard_open_passages ADD COLUMN oldest_wait timestamptz NULL`);
    for (const definition of [COUNT_PASSAGE_BY_BUCKET, REBUILD_PASSAGES, REBUILD]) await q.query(definition);
    await q.query(`SELECT dashboard_rebuild_passages()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`TRUNCATE dashboard_passage_days, dashboard_open_passages`);
    await q.query(`DROP INDEX uq_dashboard_passage_days`);
    await q.query(`ALTER TABLE dashboard_passage_days DROP COLUMN returned, ADD COLUMN returned boolean NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_passage_days ON dashboard_passage_days
      (scope, stage_name, org_code, level, working_days, returned) NULLS NOT DISTINCT`);
    await q.query(`ALTER TABLE dashboard_open_passages DROP COLUMN oldest_wait`);
    for (const definition of [COUNT_PASSAGE, PRIORITY_CLASS_REBUILD]) await q.query(definition);
    await q.query(`DROP FUNCTION dashboard_rebuild_passages()`);
    await q.query(`SELECT dashboard_rebuild()`);
  }
}
