import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triggers that keep the dashboards' pre-aggregates take one transaction-scoped advisory lock before they
 * touch a summary row, so two writers never hold summary rows while each waits for one the other holds.
 *
 * Without it the projection deadlocked under load: `bench/latency` at 64 clients logged 6–16 "deadlock
 * detected" per run (PostgreSQL's log: two projections, each waiting to insert or lock a row of
 * `dashboard_open_passages` or `dashboard_dossier_counts` the other held), on the code before this session's
 * changes as well. PostgreSQL breaks a deadlock only after `deadlock_timeout` (1 s) by failing one
 * transaction, whose local activity then handed over to the queued one and its retry back-off: approvals that
 * took 5–10 s instead of 0.4.
 *
 * A summary row is written only by these triggers (and by the rebuilds, which take the same lock), and every
 * trigger that writes one fires after this one: AFTER row triggers of one event fire in the order of their
 * names, and `trg_dashboard_0_serialise` sorts first on each of the three tables. So whoever holds a summary
 * row holds the lock, and a writer waits for at most the lock: no cycle. What it serialises is the summary
 * maintenance at the end of each writing statement and the commit after it (the projection is one statement
 * in its own transaction), not the statement's own writes.
 */
const DASHBOARD_LOCK = `pg_advisory_xact_lock(hashtext('dashboard_aggregates'))`;

const TABLES = ['dossiers', 'stage_passages', 'dossier_events'];

export class DashboardSerialisedWrites1764730000001 implements MigrationInterface {
  name = 'DashboardSerialisedWrites1764730000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION dashboard_serialise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ${DASHBOARD_LOCK};
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await q.query(`CREATE TRIGGER trg_dashboard_0_serialise AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION dashboard_serialise()`);
    }
    // The rebuilds delete and refill every summary row: under the same lock.
    for (const fn of ['dashboard_rebuild', 'dashboard_rebuild_approvals']) {
      await q.query(`ALTER FUNCTION ${fn}() RENAME TO ${fn}_unserialised`);
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM ${DASHBOARD_LOCK};
          PERFORM ${fn}_unserialised();
        END $$`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of ['dashboard_rebuild', 'dashboard_rebuild_approvals']) {
      await q.query(`DROP FUNCTION ${fn}()`);
      await q.query(`ALTER FUNCTION ${fn}_unserialised() RENAME TO ${fn}`);
    }
    for (const table of TABLES) await q.query(`DROP TRIGGER trg_dashboard_0_serialise ON ${table}`);
    await q.query(`DROP FUNCTION dashboard_serialise()`);
  }
}
