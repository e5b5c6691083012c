import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One passage's contribution, from its own row (exported: 1764730000000 restores it in its down()). */
export const COUNT_PASSAGE = `
      CREATE OR REPLACE FUNCTION dashboard_count_passage(p stage_passages, sign int) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF p.dashboard_waiting IS NULL THEN RETURN; END IF;
        IF p.left_at IS NOT NULL THEN
          INSERT INTO dashboard_passage_days AS t (scope, stage_name, org_code, level, working_days, returned, n)
          SELECT s, p.stage_name, p.org_code, p.level, p.working_days, p.returns > 0, sign FROM dashboard_scopes(p.org_chain) s
          ON CONFLICT (scope, stage_name, org_code, level, working_days, returned) DO UPDATE SET n = t.n + EXCLUDED.n;
        ELSE
          INSERT INTO dashboard_open_passages AS t (scope, stage_name, org_code, level, open, waiting)
          SELECT s, p.stage_name, p.org_code, p.level, sign, CASE WHEN p.dashboard_waiting THEN sign ELSE 0 END
          FROM dashboard_scopes(p.org_chain) s
          ON CONFLICT (scope, stage_name, org_code, level) DO UPDATE SET open = t.open + EXCLUDED.open,
            waiting = t.waiting + EXCLUDED.waiting;
        END IF;
      END $$`;

/**
 * Pre-aggregates for the leadership dashboards, kept by triggers in the same transaction as the projection's
 * writes (so the projection's code is unchanged and a reconcile's repairs move them too). At 1,000,000 dossiers
 * the dashboards read a few thousand summary rows instead of scanning hundreds of thousands of events and
 * passages.
 *
 * Every row is counted once per scope it is visible in: each org of the dossier's (or passage's) org chain,
 * and '*' for ADMIN, so a scope's figure is one index range. A summary row is the exact sum of what the old
 * join counted; `dashboard_rebuild()` recomputes all of them from the raw tables (after a bulk load, and in the
 * test that checks the triggers). Each row trigger applies "new contribution − old contribution".
 *
 * A passage's contribution must depend on its own row only. The projection writes the dossier row and its
 * passages in one statement (data-modifying CTEs), and PostgreSQL fires that statement's AFTER row triggers at
 * its end, in queue order, all seeing the final rows: a passage trigger reading the dossier's status would
 * take away the contribution of the passage it closes under the new status, not the one it was counted under.
 * So each passage carries `dashboard_waiting`, the status class it is counted under (NULL: no dossier row,
 * counted nowhere; for an open passage, whether its dossier is in progress; TRUE once closed), set by a BEFORE
 * trigger from the dossier row and brought up to date by the dossier's own AFTER trigger, whose UPDATE moves
 * the counts through the passage trigger. Each trigger event carries its own tuple versions, so the order in
 * which they fire does not matter. Counters that every transition of the country would touch ('*' per status,
 * per day) are split in 8 stripes by dossier id so concurrent projections rarely wait on one row.
 */
export class DashboardAggregates1764710000000 implements MigrationInterface {
  name = 'DashboardAggregates1764710000000';

  async up(q: QueryRunner): Promise<void> {
    // Dossiers by scope × status × current stage × level × due day (UTC): the summary. Overdue is "due before
    // now": whole days before today come from here, today's rows from the overdue index.
    await q.query(`
      CREATE TABLE dashboard_dossier_counts (
        scope varchar(64) NOT NULL,
        status varchar(16) NOT NULL,
        stage varchar(32) NULL,
        level varchar(16) NULL,
        due_day date NULL,
        stripe smallint NOT NULL,
        n int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_dossier_counts ON dashboard_dossier_counts
      (scope, status, stage, level, due_day, stripe) NULLS NOT DISTINCT`);
    // Counted events by scope × day (Vietnam time): throughput.
    await q.query(`
      CREATE TABLE dashboard_event_days (
        scope varchar(64) NOT NULL,
        day date NOT NULL,
        stripe smallint NOT NULL,
        submitted int NOT NULL,
        decided int NOT NULL,
        returned int NOT NULL,
        PRIMARY KEY (scope, day, stripe)
      )`);
    // Approvals by scope × day × nominating org × what makes a nominee a priority: the priority share. The
    // member count is kept (not "small or not") because the threshold is rule data that may change.
    await q.query(`
      CREATE TABLE dashboard_approval_days (
        scope varchar(64) NOT NULL,
        day date NOT NULL,
        origin_org_code varchar(64) NOT NULL,
        direct_worker boolean NOT NULL,
        member_count int NULL,
        approved int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_approval_days ON dashboard_approval_days
      (scope, day, origin_org_code, direct_worker, member_count) NULLS NOT DISTINCT`);
    // Completed passages as a histogram of working days: counts, return rate, median and p90 of bottlenecks.
    await q.query(`
      CREATE TABLE dashboard_passage_days (
        scope varchar(64) NOT NULL,
        stage_name varchar(32) NOT NULL,
        org_code varchar(64) NOT NULL,
        level varchar(16) NOT NULL,
        working_days int NULL,
        returned boolean NOT NULL,
        n int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dashboard_passage_days ON dashboard_passage_days
      (scope, stage_name, org_code, level, working_days, returned) NULLS NOT DISTINCT`);
    // Open passages, and those of them whose dossier is in progress (waiting).
    await q.query(`
      CREATE TABLE dashboard_open_passages (
        scope varchar(64) NOT NULL,
        stage_name varchar(32) NOT NULL,
        org_code varchar(64) NOT NULL,
        level varchar(16) NOT NULL,
        open int NOT NULL,
        waiting int NOT NULL,
        PRIMARY KEY (scope, stage_name, org_code, level)
      )`);
    await q.query(`ALTER TABLE stage_passages ADD COLUMN dashboard_waiting boolean NULL`);
    // Oldest waiting passage of a (stage, org): the open-passage index in entry order, with the level.
    await q.query(`DROP INDEX idx_stage_passages_open`);
    await q.query(
      `CREATE INDEX idx_stage_passages_open ON stage_passages (stage_name, org_code, level, entered_at) WHERE left_at IS NULL`,
    );

    await q.query(`
      CREATE FUNCTION dashboard_scopes(chain text[]) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
        SELECT DISTINCT s FROM unnest(array_append(chain, '*')) s
      $$`);
    await q.query(`
      CREATE FUNCTION dashboard_count_dossier(d dossiers, sign int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO dashboard_dossier_counts AS t (scope, status, stage, level, due_day, stripe, n)
        SELECT s, d.status, d.current_stage_name, d.current_level, (d.current_due_at AT TIME ZONE 'UTC')::date,
          hashtext(d.id::text) & 7, sign
        FROM dashboard_scopes(d.org_chain) s
        ON CONFLICT (scope, status, stage, level, due_day, stripe) DO UPDATE SET n = t.n + EXCLUDED.n
      $$`);
    await q.query(`
      CREATE FUNCTION dashboard_count_events(d dossiers, sign int) RETURNS void LANGUAGE sql AS $$
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
      $$`);
    // One event's contribution, given its dossier's row.
    await q.query(`
      CREATE FUNCTION dashboard_count_event(d dossiers, e dossier_events, sign int) RETURNS void LANGUAGE sql AS $$
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
      $$`);
    // What a passage is counted under, given its dossier's status (NULL: no dossier row). A closed passage counts
    // the same whatever the status, so a status change need not touch it.
    await q.query(`
      CREATE FUNCTION dashboard_passage_class(closed boolean, dossier_status text) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN dossier_status IS NULL THEN NULL WHEN closed THEN true ELSE dossier_status = 'IN_PROGRESS' END
      $$`);
    // One passage's contribution, from its own row.
    await q.query(COUNT_PASSAGE);
    // Brings a dossier's passages to what they are counted under now (the passage trigger moves the counts).
    await q.query(`
      CREATE FUNCTION dashboard_sync_passages_of(dossier uuid, dossier_status text) RETURNS void LANGUAGE sql AS $$
        UPDATE stage_passages SET dashboard_waiting = dashboard_passage_class(left_at IS NOT NULL, dossier_status)
        WHERE dossier_id = dossier
          AND dashboard_waiting IS DISTINCT FROM dashboard_passage_class(left_at IS NOT NULL, dossier_status)
      $$`);

    await q.query(`
      CREATE FUNCTION dashboard_on_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM dashboard_count_dossier(NEW, 1);
          PERFORM dashboard_count_events(NEW, 1);
          PERFORM dashboard_sync_passages_of(NEW.id, NEW.status);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM dashboard_count_dossier(OLD, -1);
          PERFORM dashboard_count_events(OLD, -1);
          PERFORM dashboard_sync_passages_of(OLD.id, NULL);
        ELSE
          IF (OLD.status, OLD.current_stage_name, OLD.current_level, OLD.current_due_at, OLD.org_chain)
              IS DISTINCT FROM (NEW.status, NEW.current_stage_name, NEW.current_level, NEW.current_due_at, NEW.org_chain) THEN
            PERFORM dashboard_count_dossier(OLD, -1);
            PERFORM dashboard_count_dossier(NEW, 1);
          END IF;
          IF (OLD.id, OLD.org_chain, OLD.origin_org_code, OLD.nominee_kind, OLD.nominee)
              IS DISTINCT FROM (NEW.id, NEW.org_chain, NEW.origin_org_code, NEW.nominee_kind, NEW.nominee) THEN
            PERFORM dashboard_count_events(OLD, -1);
            PERFORM dashboard_count_events(NEW, 1);
          END IF;
          IF OLD.id <> NEW.id THEN
            PERFORM dashboard_sync_passages_of(OLD.id, NULL);
            PERFORM dashboard_sync_passages_of(NEW.id, NEW.status);
          ELSIF (OLD.status = 'IN_PROGRESS') IS DISTINCT FROM (NEW.status = 'IN_PROGRESS') THEN
            -- only open passages count differently: waiting is "open and the dossier in progress"
            PERFORM dashboard_sync_passages_of(NEW.id, NEW.status);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_dashboard_dossiers AFTER INSERT OR UPDATE OR DELETE ON dossiers
      FOR EACH ROW EXECUTE FUNCTION dashboard_on_dossier()`);

    // dossier_events is append-only (its own triggers refuse UPDATE and DELETE); a superuser who switches that
    // guard off (a bad restore, the reconcile test) still moves the counts.
    await q.query(`
      CREATE FUNCTION dashboard_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE d dossiers;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          SELECT * INTO d FROM dossiers WHERE id = OLD.dossier_id;
          IF FOUND THEN PERFORM dashboard_count_event(d, OLD, -1); END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          SELECT * INTO d FROM dossiers WHERE id = NEW.dossier_id;
          IF FOUND THEN PERFORM dashboard_count_event(d, NEW, 1); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_dashboard_events AFTER INSERT ON dossier_events
      FOR EACH ROW WHEN (NEW.action IN ('submit','return') OR NEW.to_status IN ('APPROVED','REJECTED'))
      EXECUTE FUNCTION dashboard_on_event()`);
    await q.query(`CREATE TRIGGER trg_dashboard_events_change AFTER UPDATE OR DELETE ON dossier_events
      FOR EACH ROW EXECUTE FUNCTION dashboard_on_event()`);

    await q.query(`
      CREATE FUNCTION dashboard_on_passage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM dashboard_count_passage(OLD, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM dashboard_count_passage(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    // Before a passage is written, what it is counted under from its dossier as this statement sees it (inside
    // the projection's statement: as it was before; the dossier's AFTER trigger then brings it up to date).
    await q.query(`
      CREATE FUNCTION dashboard_classify_passage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.dashboard_waiting := dashboard_passage_class(NEW.left_at IS NOT NULL,
          (SELECT status FROM dossiers WHERE id = NEW.dossier_id));
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trg_dashboard_classify_passages BEFORE INSERT OR UPDATE ON stage_passages
      FOR EACH ROW EXECUTE FUNCTION dashboard_classify_passage()`);
    await q.query(`CREATE TRIGGER trg_dashboard_passages AFTER INSERT OR UPDATE OR DELETE ON stage_passages
      FOR EACH ROW EXECUTE FUNCTION dashboard_on_passage()`);

    // Truncating a counted table (tests, restores) rebuilds from what is left.
    await q.query(`
      CREATE FUNCTION dashboard_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM dashboard_rebuild(); RETURN NULL; END $$`);

    await q.query(`
      CREATE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
      END $$`);
    for (const table of ['dossiers', 'stage_passages']) {
      await q.query(`CREATE TRIGGER trg_dashboard_truncate_${table} AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION dashboard_on_truncate()`);
    }
    await q.query(`SELECT dashboard_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['dossiers', 'stage_passages']) {
      await q.query(`DROP TRIGGER trg_dashboard_truncate_${table} ON ${table}`);
    }
    await q.query(`DROP TRIGGER trg_dashboard_classify_passages ON stage_passages`);
    await q.query(`DROP TRIGGER trg_dashboard_passages ON stage_passages`);
    await q.query(`DROP TRIGGER trg_dashboard_events_change ON dossier_events`);
    await q.query(`DROP TRIGGER trg_dashboard_events ON dossier_events`);
    await q.query(`DROP TRIGGER trg_dashboard_dossiers ON dossiers`);
    for (const fn of [
      'dashboard_rebuild()',
      'dashboard_on_truncate()',
      'dashboard_on_passage()',
      'dashboard_classify_passage()',
      'dashboard_on_event()',
      'dashboard_on_dossier()',
      'dashboard_sync_passages_of(uuid, text)',
      'dashboard_count_passage(stage_passages, int)',
      'dashboard_passage_class(boolean, text)',
      'dashboard_count_event(dossiers, dossier_events, int)',
      'dashboard_count_events(dossiers, int)',
      'dashboard_count_dossier(dossiers, int)',
      'dashboard_scopes(text[])',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP INDEX idx_stage_passages_open`);
    await q.query(
      `CREATE INDEX idx_stage_passages_open ON stage_passages (stage_name, org_code, entered_at) WHERE left_at IS NULL`,
    );
    await q.query(`ALTER TABLE stage_passages DROP COLUMN dashboard_waiting`);
    for (const t of [
      'dashboard_open_passages',
      'dashboard_passage_days',
      'dashboard_approval_days',
      'dashboard_event_days',
      'dashboard_dossier_counts',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
