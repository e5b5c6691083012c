import type { DataSource } from 'typeorm';

/** Each pre-aggregate of the dashboards: its logical key (stripes summed away), its counters and the values it keeps. */
const AGGREGATES: { table: string; key: string[]; counters: string[]; kept?: string[] }[] = [
  { table: 'dashboard_dossier_counts', key: ['scope', 'status', 'stage', 'level', 'due_day'], counters: ['n'] },
  { table: 'dashboard_event_days', key: ['scope', 'day'], counters: ['submitted', 'decided', 'returned'] },
  {
    table: 'dashboard_approval_days',
    key: ['scope', 'day', 'origin_org_code', 'direct_worker', 'small_collective'],
    counters: ['approved'],
  },
  {
    table: 'dashboard_approval_months',
    key: ['scope', 'month', 'origin_org_code', 'direct_worker', 'small_collective'],
    counters: ['approved'],
  },
  {
    table: 'dashboard_passage_days',
    key: ['scope', 'stage_name', 'org_code', 'level', 'working_days'],
    counters: ['n', 'returned'],
  },
  {
    table: 'dashboard_open_passages',
    key: ['scope', 'stage_name', 'org_code', 'level'],
    counters: ['open', 'waiting'],
    kept: ['oldest_wait'],
  },
];

type Snapshot = Record<string, string[]>;

/** The dashboard writer's table for each trigger-kept one (migration 1764800000000; same keys, no stripes). */
const WRITER_TABLE = (table: string): string => table.replace(/^dashboard_/, 'summary_');

/** Each pre-aggregate's rows as JSON text, summed by logical key, zero rows left out; keyed by the trigger table. */
async function snapshot(
  q: { query(sql: string): Promise<unknown> },
  tableOf: (table: string) => string = (t) => t,
): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const { table: name, key, counters, kept = [] } of AGGREGATES) {
    const table = tableOf(name);
    // A kept value (not a counter) is one per key: the key is the table's primary key.
    const sums = [...counters.map((c) => `sum(${c})::int AS ${c}`), ...kept.map((c) => `min(${c}) AS ${c}`)].join(', ');
    const rows = (await q.query(
      `SELECT row_to_json(x)::text AS r FROM (SELECT ${key.join(', ')}, ${sums} FROM ${table}
       GROUP BY ${key.join(', ')} HAVING ${counters.map((c) => `sum(${c}) <> 0`).join(' OR ')}) x ORDER BY 1`,
    )) as { r: string }[];
    out[name] = rows.map((row) => row.r);
  }
  return out;
}

/**
 * The trigger-kept pre-aggregates, and the same recomputed from the raw tables by `dashboard_rebuild()`,
 * taken in one transaction that holds writers off and is rolled back (the database is left as it was).
 */
export async function dashboardAggregatesAndRecomputation(db: DataSource): Promise<[Snapshot, Snapshot]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`LOCK TABLE dossiers, dossier_events, stage_passages IN SHARE MODE`);
    const kept = await snapshot(runner);
    await runner.query(`SELECT dashboard_rebuild()`);
    const recomputed = await snapshot(runner);
    await runner.rollbackTransaction();
    return [kept, recomputed];
  } finally {
    await runner.release();
  }
}

/** Resolves once the dashboard writer has no dirty dossier left (it runs in the test stack's worker). */
export async function dashboardsCaughtUp(db: DataSource, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM summary_dirty`)) as { n: number }[];
    if (n === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the dashboard writer still has ${n} dirty dossiers after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The dashboard writer's summaries once it has caught up, and the pre-aggregates recomputed from the raw tables by
 * `dashboard_rebuild()`, in one transaction that holds writers off and is rolled back. A dirty mark still visible
 * inside it (a batch in flight) means: wait and look again.
 */
export async function writerSummariesAndRecomputation(db: DataSource): Promise<[Snapshot, Snapshot]> {
  for (;;) {
    await dashboardsCaughtUp(db);
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`LOCK TABLE dossiers, dossier_events, stage_passages IN SHARE MODE`);
      const [{ n }] = (await runner.query(`SELECT count(*)::int AS n FROM summary_dirty`)) as { n: number }[];
      if (n === 0) {
        const written = await snapshot(runner, WRITER_TABLE);
        await runner.query(`SELECT dashboard_rebuild()`);
        const recomputed = await snapshot(runner);
        return [written, recomputed];
      }
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

/**
 * Fails when any pre-aggregate differs from its recomputation from the raw tables: the trigger-kept ones at once,
 * the dashboard writer's once it has drained what was marked.
 */
export async function expectDashboardAggregatesToMatchRawTables(db: DataSource): Promise<void> {
  const [kept, recomputed] = await dashboardAggregatesAndRecomputation(db);
  expect(kept).toEqual(recomputed);
  const [written, again] = await writerSummariesAndRecomputation(db);
  expect(written).toEqual(again);
}
