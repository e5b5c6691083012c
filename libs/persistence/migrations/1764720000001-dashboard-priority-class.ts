import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  COUNT_EVENT as MONTHS_COUNT_EVENT,
  COUNT_EVENTS as MONTHS_COUNT_EVENTS,
  REBUILD as MONTHS_REBUILD,
} from './1764720000000-dashboard-approval-months';

/**
 * The approval pre-aggregates (`dashboard_approval_days`, `dashboard_approval_months`) keyed by the priority class
 * of the nominee instead of its member count: direct worker (người lao động trực tiếp), small collective (tập thể
 * nhỏ) or neither, so a (scope, day or month, nominating org) has at most 3 rows. For the country's year that is
 * ≈ 25,000 month rows instead of ≈ 85,000 (one per member count the collectives happen to have).
 *
 * "Small" depends on a threshold that is rule data in code (PRIORITY_RULES.smallCollectiveMaxMembers), which the
 * triggers cannot see, so the database keeps the value the rows were classified with in `dashboard_settings`
 * (one row). The migrate step (apps/api/migrate.ts → libs/persistence/dashboard-settings.ts) brings it to the
 * code's value before the API serves and, when they differed, reclassifies the rows with
 * `dashboard_rebuild_approvals()`. The value written here is the rule's value when this migration was written
 * (a migration must not change with the code); that step corrects it if the rule has moved since.
 */
const SMALL = `dashboard_small_collective(d.nominee_kind, d.nominee,
        (SELECT small_collective_max_members FROM dashboard_settings))`;
const DIRECT = `coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false)`;
const APPROVAL_KEY = 'scope, day, origin_org_code, direct_worker, small_collective';
const MONTH_KEY = 'scope, month, origin_org_code, direct_worker, small_collective';

const SMALL_COLLECTIVE = `
  CREATE FUNCTION dashboard_small_collective(kind text, nominee jsonb, max_members int) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN kind = 'COLLECTIVE' THEN coalesce((nominee->>'memberCount')::int <= max_members, false) ELSE false END
  $$`;

const COUNT_EVENTS = `
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
    INSERT INTO dashboard_approval_days AS t (${APPROVAL_KEY}, approved)
    SELECT s, e.day, d.origin_org_code, ${DIRECT}, ${SMALL}, sign * count(*)
    FROM (SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day FROM dossier_events
          WHERE dossier_id = d.id AND to_status = 'APPROVED') e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (${APPROVAL_KEY}) DO UPDATE SET approved = t.approved + EXCLUDED.approved;
    INSERT INTO dashboard_approval_months AS t (${MONTH_KEY}, approved)
    SELECT s, e.month, d.origin_org_code, ${DIRECT}, ${SMALL}, sign * count(*)
    FROM (SELECT date_trunc('month', occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month FROM dossier_events
          WHERE dossier_id = d.id AND to_status = 'APPROVED') e,
      dashboard_scopes(d.org_chain) s
    GROUP BY 1, 2
    ON CONFLICT (${MONTH_KEY}) DO UPDATE SET approved = t.approved + EXCLUDED.approved
  $$`;

const COUNT_EVENT = `
  CREATE OR REPLACE FUNCTION dashboard_count_event(d dossiers, e dossier_events, sign int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO dashboard_event_days AS t (scope, day, stripe, submitted, decided, returned)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, hashtext(d.id::text) & 7,
      sign * (e.action = 'submit')::int, sign * (e.to_status IN ('APPROVED','REJECTED'))::int,
      sign * (e.action = 'return')::int
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.action IN ('submit','return') OR e.to_status IN ('APPROVED','REJECTED')
    ON CONFLICT (scope, day, stripe) DO UPDATE SET submitted = t.submitted + EXCLUDED.submitted,
      decided = t.decided + EXCLUDED.decided, returned = t.returned + EXCLUDED.returned;
    INSERT INTO dashboard_approval_days AS t (${APPROVAL_KEY}, approved)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code, ${DIRECT}, ${SMALL}, sign
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    ON CONFLICT (${APPROVAL_KEY}) DO UPDATE SET approved = t.approved + EXCLUDED.approved;
    INSERT INTO dashboard_approval_months AS t (${MONTH_KEY}, approved)
    SELECT s, date_trunc('month', e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code,
      ${DIRECT}, ${SMALL}, sign
    FROM dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    ON CONFLICT (${MONTH_KEY}) DO UPDATE SET approved = t.approved + EXCLUDED.approved
  $$`;

// The approval rows alone, from the raw tables: what a changed threshold needs, without the rest of the rebuild.
// The threshold is read once (a variable), so the classifying function is inlined into the one scan.
const REBUILD_APPROVALS = `
  CREATE OR REPLACE FUNCTION dashboard_rebuild_approvals() RETURNS void LANGUAGE plpgsql AS $$
  DECLARE max_members int := (SELECT small_collective_max_members FROM dashboard_settings);
  BEGIN
    DELETE FROM dashboard_approval_days;
    DELETE FROM dashboard_approval_months;
    INSERT INTO dashboard_approval_days (${APPROVAL_KEY}, approved)
    SELECT s, (e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.origin_org_code, ${DIRECT},
      dashboard_small_collective(d.nominee_kind, d.nominee, max_members), count(*)
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, dashboard_scopes(d.org_chain) s
    WHERE e.to_status = 'APPROVED'
    GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO dashboard_approval_months (${MONTH_KEY}, approved)
    SELECT scope, date_trunc('month', day::timestamp)::date, origin_org_code, direct_worker, small_collective,
      sum(approved)
    FROM dashboard_approval_days GROUP BY 1, 2, 3, 4, 5;
  END $$`;

/** Exported: 1764730000000 restores it in its down(). */
export const REBUILD = `
  CREATE OR REPLACE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE stage_passages p SET dashboard_waiting = c.class
    FROM (SELECT p2.dossier_id, p2.passage, dashboard_passage_class(p2.left_at IS NOT NULL, d.status) AS class
          FROM stage_passages p2 LEFT JOIN dossiers d ON d.id = p2.dossier_id) c
    WHERE p.dossier_id = c.dossier_id AND p.passage = c.passage AND p.dashboard_waiting IS DISTINCT FROM c.class;
    DELETE FROM dashboard_dossier_counts;
    DELETE FROM dashboard_event_days;
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
    PERFORM dashboard_rebuild_approvals();
    INSERT INTO dashboard_passage_days (scope, stage_name, org_code, level, working_days, returned, n)
    SELECT s, p.stage_name, p.org_code, p.level, p.working_days, p.returns > 0, count(*)
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO dashboard_open_passages (scope, stage_name, org_code, level, open, waiting)
    SELECT s, p.stage_name, p.org_code, p.level, count(*), count(*) FILTER (WHERE d.status = 'IN_PROGRESS')
    FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, dashboard_scopes(p.org_chain) s
    WHERE p.left_at IS NULL GROUP BY 1, 2, 3, 4;
  END $$`;

export class DashboardPriorityClass1764720000001 implements MigrationInterface {
  name = 'DashboardPriorityClass1764720000001';

  async up(q: QueryRunner): Promise<void> {
    // One row (the key can only be true): the threshold the approval rows are classified with.
    await q.query(`
      CREATE TABLE dashboard_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        small_collective_max_members int NOT NULL CHECK (small_collective_max_members >= 0)
      )`);
    await q.query(`INSERT INTO dashboard_settings (small_collective_max_members) VALUES (10)`);
    await q.query(SMALL_COLLECTIVE);
    // Reshaped empty, then refilled from the raw tables: the member counts cannot be summed into classes in place
    // without the same grouping, and the raw recount is the definition the tests compare with.
    await q.query(`TRUNCATE dashboard_approval_days, dashboard_approval_months`);
    for (const table of ['dashboard_approval_days', 'dashboard_approval_months']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN member_count, ADD COLUMN small_collective boolean NOT NULL`);
    }
    // No NULLs in the key any more; the former indexes went with the member_count column.
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_approval_days ON dashboard_approval_days (${APPROVAL_KEY})`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_approval_months ON dashboard_approval_months (${MONTH_KEY})`);
    for (const definition of [COUNT_EVENTS, COUNT_EVENT, REBUILD_APPROVALS, REBUILD]) await q.query(definition);
    await q.query(`SELECT dashboard_rebuild_approvals()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`TRUNCATE dashboard_approval_days, dashboard_approval_months`);
    for (const table of ['dashboard_approval_days', 'dashboard_approval_months']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN small_collective, ADD COLUMN member_count int NULL`);
    }
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_approval_days ON dashboard_approval_days
      (scope, day, origin_org_code, direct_worker, member_count) NULLS NOT DISTINCT`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_approval_months ON dashboard_approval_months
      (scope, month, origin_org_code, direct_worker, member_count) NULLS NOT DISTINCT`);
    for (const definition of [MONTHS_REBUILD, MONTHS_COUNT_EVENT, MONTHS_COUNT_EVENTS]) await q.query(definition);
    await q.query(`DROP FUNCTION dashboard_rebuild_approvals()`);
    await q.query(`DROP FUNCTION dashboard_small_collective(text, jsonb, int)`);
    await q.query(`DROP TABLE dashboard_settings`);
    // The previous rebuild is the only definition of the member-count rows; it recomputes the rest alike.
    await q.query(`SELECT dashboard_rebuild()`);
  }
}
