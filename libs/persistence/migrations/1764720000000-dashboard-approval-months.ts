import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A month-level rollup of `dashboard_approval_days` for the priority share (tỷ lệ khen thưởng ưu tiên). Its
 * periods are months, quarters and years, so a period's figure is whole months from here plus the days of the
 * partial months at both ends of [from, to] from the day table: for the country's year (ADMIN) one row per
 * (nominating org, month, kind of nominee) instead of one per day. Kept by the same functions as the day rows,
 * with the same sign, in the same statement; `dashboard_rebuild()` fills it from the day rows it has just
 * recomputed from the raw tables. The member count stays in the key: the small-collective threshold is rule data.
 * down() restores the definitions of migration 1764710000000. Migration 1764720000001 replaces the member count by
 * the priority class and restores these definitions (exported for it) in its down().
 */
export const COUNT_EVENTS = `
  CREATE OR REPLACE FUNCTION dashboard_count_events(d dossiers, sign int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO dashboard_event_days AS t (scope, day, stripe, submitted, decided, returned)
    SELECT s, e.day, hashtext(d.id::text) & 7, sign * sum(e.submitted), sign * sum(e.decided), sign * sum(e.returned)
    FROM (SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, (action = 'submit')::int AS submitted,
            (to_status IN ('APPROVED','REJECTED'))::int AS decided, (action = 'return')::int AS returned
          FROM dossier_events
          WHERE dossier_id = d.id AND (action IN ('submit','return') OR to_status IN ('APPROVED','REJECTED'))) e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (scope, day, stripe) DO UPDATE SET submitted = t.submitted + EXCLUDED.submitted,
      decided = t.decided + EXCLUDED.decided, returned = t.returned + EXCLUDED.returned;
    INSERT INTO dashboard_approval_days AS t (scope, day, origin_org_code, direct_worker, member_count, approved)
    SELECT s, e.day, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, sign * count(*)
    FROM (SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day FROM dossier_events
          WHERE dossier_id = d.id AND to_status = 'APPROVED') e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (scope, day, origin_org_code, direct_worker, member_count) DO UPDATE SET approved = t.approved + EXCLUDED.approved;
    INSERT INTO dashboard_approval_months AS t (scope, month, origin_org_code, direct_worker, member_count, approved)
    SELECT s, e.month, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, sign * count(*)
    FROM (SELECT date_trunc('month', occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month FROM dossier_events
          WHERE dossier_id = d.id AND to_status = 'APPROVED') e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (scope, month, origin_org_code, direct_worker, member_count) DO UPDATE SET approved = t.approved + EXCLUDED.approved
  $$`;

export const COUNT_EVENT = `
  CREATE OR REPLACE FUNCTION dashboard_count_event(d dossiers, e dossier_events, sign int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO dashboard_event_days AS t (scope, day, stripe, submitted, decided, returned)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, hashtext(d.id::text) & 7,
      sign * (e.action = 'submit')::int, sign * (e.to_status IN ('APPROVED','REJECTED'))::int,
      sign * (e.action = 'return')::int
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.action IN ('submit','return') OR e.to_status IN ('APPROVED','REJECTED')
    ON CONFLICT (scope, day, stripe) DO UPDATE SET submitted = t.submitted + EXCLUDED.submitted,
      decided = t.decided + EXCLUDED.decided, returned = t.returned + EXCLUDED.returned;
    INSERT INTO dashboard_approval_days AS t (scope, day, origin_org_code, direct_worker, member_count, approved)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, sign
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    ON CONFLICT (scope, day, origin_org_code, direct_worker, member_count) DO UPDATE SET approved = t.approved + EXCLUDED.approved;
    INSERT INTO dashboard_approval_months AS t (scope, month, origin_org_code, direct_worker, member_count, approved)
    SELECT s, date_trunc('month', e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, sign
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    ON CONFLICT (scope, month, origin_org_code, direct_worker, member_count) DO UPDATE SET approved = t.approved + EXCLUDED.approved
  $$`;

export const REBUILD = `
  CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE stage_passages p SET dashboard_waiting = c.class
    FROM (SELECT p2.dossier_id, p2.passage, dashboard_passage_class(p2.left_at IS NOT NULL, d.status) AS class
          FROM stage_passages p2 LEFT JOIN dossiers d ON d.id = p2.dossier_id) c
    WHERE p.dossier_id = c.dossier_id AND p.passage = c.passage AND p.dashboard_waiting IS DISTINCT FROM c.class;
    DELETE FROM dashboard_dossier_counts;
    DELETE FROM dashboard_event_days;
    DELETE FROM dashboard_approval_days;
    DELETE FROM dashboard_approval_months;
    DELETE FROM dashboard_passage_days;
    DELETE FROM dashboard_open_passages;
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
    INSERT INTO dashboard_approval_days (scope, day, origin_org_code, direct_worker, member_count, approved)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, count(*)
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO dashboard_approval_months (scope, month, origin_org_code, direct_worker, member_count, approved)
    SELECT scope, date_trunc('month', day::timestamp)::date, origin_org_code, direct_worker, member_count, sum(approved)
    FROM dashboard_approval_days GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO dashboard_passage_days (scope, stage_name, org_code, level, working_days, returned, n)
    SELECT s, p.stage_name, p.org_code, p.level, p.working_days, p.returns > 0, count(*)
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO dashboard_open_passages (scope, stage_name, org_code, level, open, waiting)
    SELECT s, p.stage_name, p.org_code, p.level, count(*), count(*) FILTER (WHERE d.status = 'IN_PROGRESS')
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NULL GROUP BY 1, 2, 3, 4;
  END $$`;

const PREVIOUS_COUNT_EVENTS = `
  CREATE OR REPLACE FUNCTION dashboard_count_events(d dossiers, sign int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO dashboard_event_days AS t (scope, day, stripe, submitted, decided, returned)
    SELECT s, e.day, hashtext(d.id::text) & 7, sign * sum(e.submitted), sign * sum(e.decided), sign * sum(e.returned)
    FROM (SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, (action = 'submit')::int AS submitted,
            (to_status IN ('APPROVED','REJECTED'))::int AS decided, (action = 'return')::int AS returned
          FROM dossier_events
          WHERE dossier_id = d.id AND (action IN ('submit','return') OR to_status IN ('APPROVED','REJECTED'))) e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (scope, day, stripe) DO UPDATE SET submitted = t.submitted + EXCLUDED.submitted,
      decided = t.decided + EXCLUDED.decided, returned = t.returned + EXCLUDED.returned;
    INSERT INTO dashboard_approval_days AS t (scope, day, origin_org_code, direct_worker, member_count, approved)
    SELECT s, e.day, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, sign * count(*)
    FROM (SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day FROM dossier_events
          WHERE dossier_id = d.id AND to_status = 'APPROVED') e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (scope, day, origin_org_code, direct_worker, member_count) DO UPDATE SET approved = t.approved + EXCLUDED.approved
  $$`;

const PREVIOUS_COUNT_EVENT = `
  CREATE OR REPLACE FUNCTION dashboard_count_event(d dossiers, e dossier_events, sign int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO dashboard_event_days AS t (scope, day, stripe, submitted, decided, returned)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, hashtext(d.id::text) & 7,
      sign * (e.action = 'submit')::int, sign * (e.to_status IN ('APPROVED','REJECTED'))::int,
      sign * (e.action = 'return')::int
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.action IN ('submit','return') OR e.to_status IN ('APPROVED','REJECTED')
    ON CONFLICT (scope, day, stripe) DO UPDATE SET submitted = t.submitted + EXCLUDED.submitted,
      decided = t.decided + EXCLUDED.decided, returned = t.returned + EXCLUDED.returned;
    INSERT INTO dashboard_approval_days AS t (scope, day, origin_org_code, direct_worker, member_count, approved)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, sign
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    ON CONFLICT (scope, day, origin_org_code, direct_worker, member_count) DO UPDATE SET approved = t.approved + EXCLUDED.approved
  $$`;

const PREVIOUS_REBUILD = `
  CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE stage_passages p SET dashboard_waiting = c.class
    FROM (SELECT p2.dossier_id, p2.passage, dashboard_passage_class(p2.left_at IS NOT NULL, d.status) AS class
          FROM stage_passages p2 LEFT JOIN dossiers d ON d.id = p2.dossier_id) c
    WHERE p.dossier_id = c.dossier_id AND p.passage = c.passage AND p.dashboard_waiting IS DISTINCT FROM c.class;
    DELETE FROM dashboard_dossier_counts;
    DELETE FROM dashboard_event_days;
    DELETE FROM dashboard_approval_days;
    DELETE FROM dashboard_passage_days;
    DELETE FROM dashboard_open_passages;
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
    INSERT INTO dashboard_approval_days (scope, day, origin_org_code, direct_worker, member_count, approved)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code,
      coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false),
      CASE WHEN d.nominee_kind = 'COLLECTIVE' THEN (d.nominee->>'memberCount')::int END, count(*)
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO dashboard_passage_days (scope, stage_name, org_code, level, working_days, returned, n)
    SELECT s, p.stage_name, p.org_code, p.level, p.working_days, p.returns > 0, count(*)
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO dashboard_open_passages (scope, stage_name, org_code, level, open, waiting)
    SELECT s, p.stage_name, p.org_code, p.level, count(*), count(*) FILTER (WHERE d.status = 'IN_PROGRESS')
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NULL GROUP BY 1, 2, 3, 4;
  END $$`;

export class DashboardApprovalMonths1764720000000 implements MigrationInterface {
  name = 'DashboardApprovalMonths1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dashboard_approval_months (
        scope varchar(64) NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        origin_org_code varchar(64) NOT NULL,
        direct_worker boolean NOT NULL,
        member_count int NULL,
        approved int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_approval_months ON dashboard_approval_months
      (scope, month, origin_org_code, direct_worker, member_count) NULLS NOT DISTINCT`);
    // Dates are truncated as timestamps without time zone: a date taken as timestamptz would be truncated in the
    // session's time zone. The day rows must not move between the copy and the new functions taking over.
    await q.query(`LOCK TABLE dashboard_approval_days IN EXCLUSIVE MODE`);
    for (const definition of [COUNT_EVENTS, COUNT_EVENT, REBUILD]) await q.query(definition);
    await q.query(`
      INSERT INTO dashboard_approval_months (scope, month, origin_org_code, direct_worker, member_count, approved)
      SELECT scope, date_trunc('month', day::timestamp)::date, origin_org_code, direct_worker, member_count, sum(approved)
      FROM dashboard_approval_days GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const definition of [PREVIOUS_REBUILD, PREVIOUS_COUNT_EVENT, PREVIOUS_COUNT_EVENTS]) await q.query(definition);
    await q.query(`DROP TABLE dashboard_approval_months`);
  }
}
