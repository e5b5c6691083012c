import type { DataSource } from 'typeorm';
import { DASHBOARD_RULES } from '../../libs/domain/dashboard';

/** The scopes a row with org chain `chain` is counted in (each org once, and '*'), as a lateral subquery. */
const scopes = (chain: string) => `LATERAL (SELECT DISTINCT s AS scope FROM unnest(array_append(${chain}, '*')) s) sc`;
const VN_DAY = `(e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
const DIRECT = `coalesce(d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true', false)`;
const SMALL = `CASE WHEN d.nominee_kind = 'COLLECTIVE'
  THEN coalesce((d.nominee->>'memberCount')::int <= $1, false) ELSE false END`;

/** The approvals per month or year, by nominating org and priority class: the day rows truncated. */
const approvalRollup = (unit: 'month' | 'year') => ({
  table: `summary_approval_${unit}s`,
  key: ['scope', unit, 'origin_org_code', 'direct_worker', 'small_collective'],
  counters: ['approved'],
  raw: `SELECT sc.scope, date_trunc('${unit}', ${VN_DAY})::date AS ${unit}, d.origin_org_code,
          ${DIRECT} AS direct_worker, ${SMALL} AS small_collective, 1 AS approved
        FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, ${scopes('d.org_chain')}
        WHERE e.to_status = 'APPROVED'`,
});

/**
 * Each summary table of the dashboard writer (migration 1764800000000): its logical key, its counters, the values it
 * keeps, and its definition recomputed from the raw tables in SQL, written here independently of the TypeScript
 * rules (libs/domain/dashboard.ts) that the writer applies. `$1` is the small-collective threshold.
 */
const AGGREGATES: { table: string; key: string[]; counters: string[]; kept?: string[]; raw: string }[] = [
  {
    table: 'summary_dossier_counts',
    key: ['scope', 'status', 'stage', 'level', 'due_day'],
    counters: ['n'],
    raw: `SELECT sc.scope, d.status, d.current_stage_name AS stage, d.current_level AS level,
            (d.current_due_at AT TIME ZONE 'UTC')::date AS due_day, 1 AS n
          FROM dossiers d, ${scopes('d.org_chain')}`,
  },
  {
    table: 'summary_event_days',
    key: ['scope', 'day'],
    counters: ['submitted', 'decided', 'returned'],
    raw: `SELECT sc.scope, ${VN_DAY} AS day, (e.action = 'submit')::int AS submitted,
            (e.to_status IN ('APPROVED', 'REJECTED'))::int AS decided, (e.action = 'return')::int AS returned
          FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, ${scopes('d.org_chain')}
          WHERE e.action IN ('submit', 'return') OR e.to_status IN ('APPROVED', 'REJECTED')`,
  },
  {
    table: 'summary_approval_days',
    key: ['scope', 'day', 'origin_org_code', 'direct_worker', 'small_collective'],
    counters: ['approved'],
    raw: `SELECT sc.scope, ${VN_DAY} AS day, d.origin_org_code, ${DIRECT} AS direct_worker,
            ${SMALL} AS small_collective, 1 AS approved
          FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id, ${scopes('d.org_chain')}
          WHERE e.to_status = 'APPROVED'`,
  },
  approvalRollup('month'),
  approvalRollup('year'),
  {
    table: 'summary_passage_days',
    key: ['scope', 'stage_name', 'org_code', 'level', 'working_days'],
    counters: ['n', 'returned'],
    raw: `SELECT sc.scope, p.stage_name, p.org_code, p.level, p.working_days, 1 AS n, (p.returns > 0)::int AS returned
          FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, ${scopes('p.org_chain')}
          WHERE p.left_at IS NOT NULL`,
  },
  {
    table: 'summary_open_passages',
    key: ['scope', 'stage_name', 'org_code', 'level'],
    counters: ['open', 'waiting'],
    kept: ['oldest_wait'],
    raw: `SELECT sc.scope, p.stage_name, p.org_code, p.level, 1 AS open, (d.status = 'IN_PROGRESS')::int AS waiting,
            CASE WHEN d.status = 'IN_PROGRESS' THEN p.entered_at END AS oldest_wait
          FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id, ${scopes('p.org_chain')}
          WHERE p.left_at IS NULL`,
  },
];

type Snapshot = Record<string, string[]>;

/**
 * Each summary's rows as JSON text, summed by logical key with zero rows left out: from the writer's tables, or
 * recomputed from the raw tables.
 */
async function snapshot(
  q: { query(sql: string, params?: unknown[]): Promise<unknown> },
  source: 'written' | 'raw',
  smallCollectiveMaxMembers: number,
): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const { table, key, counters, kept = [], raw } of AGGREGATES) {
    const sums = [...counters.map((c) => `sum(${c})::int AS ${c}`), ...kept.map((c) => `min(${c}) AS ${c}`)].join(', ');
    const rows = (await q.query(
      `SELECT row_to_json(x)::text AS r FROM (SELECT ${key.join(', ')}, ${sums}
       FROM ${source === 'written' ? table : `(${raw})`} t
       GROUP BY ${key.join(', ')} HAVING ${counters.map((c) => `sum(${c}) <> 0`).join(' OR ')}) x ORDER BY 1`,
      source === 'raw' && raw.includes('$1') ? [smallCollectiveMaxMembers] : [],
    )) as { r: string }[];
    out[table] = rows.map((row) => row.r);
  }
  return out;
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
 * The dashboard writer's summaries once it has caught up, and the same recomputed from the raw tables, in one
 * transaction that holds writers off and is rolled back. A dirty mark still visible inside it (a batch in flight)
 * means: wait and look again. The recomputation classifies by the writer's rules in force.
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
        const [{ max }] = (await runner.query(
          `SELECT (rules->>'smallCollectiveMaxMembers')::int AS max FROM summary_writer`,
        )) as { max: number | null }[];
        const threshold = max ?? DASHBOARD_RULES.smallCollectiveMaxMembers;
        return [await snapshot(runner, 'written', threshold), await snapshot(runner, 'raw', threshold)];
      }
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

/** Fails when any of the writer's summaries, once it has drained what was marked, differs from its recomputation. */
export async function expectDashboardAggregatesToMatchRawTables(db: DataSource): Promise<void> {
  const [written, recomputed] = await writerSummariesAndRecomputation(db);
  expect(written).toEqual(recomputed);
}
