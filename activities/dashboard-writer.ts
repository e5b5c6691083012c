/**
 * The dashboard writer's activity (issue 14): drains the dirty dossiers in batches and brings the summary rows up to
 * date with what each contributes now (the rules: libs/domain/dashboard.ts; the tables: migration 1764800000000).
 *
 * One batch is one transaction: it takes up to `batchSize` dirty marks, oldest first, deleting them as it takes
 * them (`FOR UPDATE SKIP LOCKED`: another drain running at the same time takes others), loads those dossiers'
 * facts, computes their contributions, and writes the difference from what they contributed before: each summary
 * row once, table by table in key order, so two drains never wait on each other in a cycle. A projection that
 * marks a dossier while a batch holds its mark waits for the batch and marks it again: nothing is lost, and
 * a batch that fails leaves its marks in place.
 */
import { Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DASHBOARD_RULES,
  EMPTY_CONTRIBUTION,
  SUMMARY_TABLES,
  dossierContribution,
  mergeDeltas,
  waitsOf,
  type Contribution,
  type DashboardFacts,
  type DashboardRules,
  type RowDelta,
  type SummaryTable,
} from '../libs/domain/dashboard';

interface DossierFactsRow {
  id: string;
  status: string;
  org_chain: string[];
  stage: string | null;
  level: string | null;
  due_ms: number | null;
  origin_org_code: string;
  nominee_kind: string;
  direct_worker: string | null;
  member_count: string | null;
}
/** [action, to status, occurred at (epoch ms)] of a counted event. */
type EventFacts = [string, string | null, number];
/** [stage, org, level, org chain, entered at (fixed-width text), closed, working days, returns] of a passage. */
type PassageFacts = [string, string, string, string[], string, boolean, number | null, number];

/** The statements that load a batch's facts ($1: the dossier ids); exported for the benchmark's EXPLAIN. */
export const FACTS_SQL = {
  dossiers: `SELECT id, status, org_chain, current_stage_name AS stage, current_level AS level,
       (extract(epoch FROM current_due_at) * 1000)::float8 AS due_ms, origin_org_code, nominee_kind,
       nominee->>'directWorker' AS direct_worker, nominee->>'memberCount' AS member_count
     FROM dossiers WHERE id = ANY($1::uuid[])`,
  events: `SELECT dossier_id AS id,
       json_agg(json_build_array(action, to_status, (extract(epoch FROM occurred_at) * 1000)::float8)) AS events
     FROM dossier_events
     WHERE dossier_id = ANY($1::uuid[]) AND (action IN ('submit', 'return') OR to_status IN ('APPROVED', 'REJECTED'))
     GROUP BY dossier_id`,
  passages: `SELECT dossier_id AS id,
       json_agg(json_build_array(stage_name, org_code, level, org_chain,
         to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), left_at IS NOT NULL, working_days,
         returns)) AS passages
     FROM stage_passages WHERE dossier_id = ANY($1::uuid[]) GROUP BY dossier_id`,
  contributions: `SELECT dossier_id, contribution FROM summary_contributions WHERE dossier_id = ANY($1::uuid[])`,
} as const;

/**
 * The facts of each dossier of the batch: its row, then its counted events and its passages as one JSON array per
 * dossier (the driver parses one value a dossier instead of one row an event; instants as numbers, entry instants as
 * fixed-width text). Absent for a dossier that has no row.
 */
async function loadFacts(m: EntityManager, ids: string[]): Promise<Map<string, DashboardFacts>> {
  const rows: DossierFactsRow[] = await m.query(FACTS_SQL.dossiers, [ids]);
  if (!rows.length) return new Map();
  const present = rows.map((r) => r.id);
  const events: { id: string; events: EventFacts[] }[] = await m.query(FACTS_SQL.events, [present]);
  const passages: { id: string; passages: PassageFacts[] }[] = await m.query(FACTS_SQL.passages, [present]);
  const eventsOf = new Map(events.map((e) => [e.id, e.events]));
  const passagesOf = new Map(passages.map((p) => [p.id, p.passages]));
  const facts = new Map<string, DashboardFacts>();
  for (const d of rows) {
    const members = d.member_count === null ? NaN : Number(d.member_count);
    facts.set(d.id, {
      status: d.status,
      orgChain: d.org_chain,
      stage: d.stage,
      level: d.level,
      dueAt: d.due_ms,
      originOrgCode: d.origin_org_code,
      nomineeKind: d.nominee_kind,
      directWorker: d.direct_worker === 'true',
      memberCount: Number.isFinite(members) ? members : null,
      events: (eventsOf.get(d.id) ?? []).map(([action, toStatus, occurredAt]) => ({ action, toStatus, occurredAt })),
      passages: (passagesOf.get(d.id) ?? []).map(
        ([stageName, orgCode, level, orgChain, enteredAt, closed, workingDays, returns]) => ({
          stageName,
          orgCode,
          level,
          orgChain,
          enteredAt,
          closed,
          workingDays,
          returns,
        }),
      ),
    });
  }
  return facts;
}

/** Adds each row's change to its summary row (creating it), in the order given: the batch's key order. */
async function applyRows(m: EntityManager, table: SummaryTable, rows: RowDelta[], oldest: Map<string, string>) {
  const spec = SUMMARY_TABLES[table];
  const open = table === 'openPassages';
  const columns: string[] = [...spec.key, ...spec.counters, ...(open ? ['oldest_wait'] : [])];
  const types: string[] = [...spec.types, ...spec.counters.map(() => 'int'), ...(open ? ['timestamptz'] : [])];
  const records = rows.map((r, i) => {
    const record: Record<string, unknown> = { i };
    spec.key.forEach((k, j) => (record[k] = r.key[j]));
    spec.counters.forEach((c, j) => (record[c] = r.counters[j]));
    if (open) {
      const at = oldest.get(JSON.stringify(r.key));
      record.oldest_wait = at ?? null;
    }
    return record;
  });
  const updates = [
    ...spec.counters.map((c) => `${c} = t.${c} + EXCLUDED.${c}`),
    ...(open ? ['oldest_wait = least(t.oldest_wait, EXCLUDED.oldest_wait)'] : []),
  ];
  await m.query(
    `INSERT INTO ${spec.table} AS t (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb)
       AS x(i int, ${columns.map((c, j) => `${c} ${types[j]}`).join(', ')})
     ORDER BY i
     ON CONFLICT (${spec.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    [JSON.stringify(records)],
  );
}

export interface DrainBatchResult {
  /** Dossiers recounted. */
  dossiers: number;
  /** Summary rows written. */
  rows: number;
  /** Where the batch's time went, in ms: loading facts and stored contributions, computing, writing. */
  ms: { load: number; compute: number; write: number };
}

/** One batch, in one transaction. */
export async function drainBatch(ds: DataSource, batchSize: number): Promise<DrainBatchResult> {
  return ds.transaction(async (m) => {
    // The rules in force (libs/persistence/summaries.ts, adoptRules), held for the batch: a change of rules waits
    // for the batches in flight, then marks every dossier for a recount.
    const [writer] = (await m.query(`SELECT rules FROM summary_writer FOR SHARE`)) as {
      rules: DashboardRules | null;
    }[];
    const rules = writer?.rules ?? DASHBOARD_RULES;
    const taken: { dossier_id: string }[] = await m.query(
      // A SELECT around the DELETE: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH taken AS (
         DELETE FROM summary_dirty WHERE dossier_id IN (
           SELECT dossier_id FROM summary_dirty ORDER BY marked_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING dossier_id)
       SELECT dossier_id FROM taken`,
      [batchSize],
    );
    if (!taken.length) return { dossiers: 0, rows: 0, ms: { load: 0, compute: 0, write: 0 } };
    const ids = taken.map((t) => t.dossier_id).sort();
    const started = Date.now();
    const facts = await loadFacts(m, ids);
    const stored: { dossier_id: string; contribution: Contribution }[] = await m.query(FACTS_SQL.contributions, [ids]);
    const loaded = Date.now();
    const before = new Map(stored.map((s) => [s.dossier_id, s.contribution]));
    const after = new Map(ids.map((id) => [id, dossierContribution(facts.get(id) ?? null, rules)]));
    const delta = mergeDeltas(
      ids.map((id) => ({ before: before.get(id) ?? EMPTY_CONTRIBUTION, after: after.get(id)! })),
    );
    const computed = Date.now();
    // The counted waits first: the heads looked up below are the earliest of these.
    await m.query(`DELETE FROM summary_waits WHERE dossier_id = ANY($1::uuid[])`, [ids]);
    const waits = ids.flatMap((id) => waitsOf(after.get(id)!).map((w) => ({ ...w, dossierId: id })));
    if (waits.length) {
      await m.query(
        `INSERT INTO summary_waits (dossier_id, stage_name, org_code, level, scopes, entered_at)
         SELECT dossier_id, stage_name, org_code, level, scopes, entered_at FROM jsonb_to_recordset($1::jsonb)
           AS x(dossier_id uuid, stage_name text, org_code text, level text, scopes text[], entered_at timestamptz)`,
        [
          JSON.stringify(
            waits.map((w) => ({
              dossier_id: w.dossierId,
              stage_name: w.stageName,
              org_code: w.orgCode,
              level: w.level,
              scopes: w.scopes,
              entered_at: w.enteredAt,
            })),
          ),
        ],
      );
    }
    const earliestAdded = new Map<string, string>();
    for (const w of delta.waits)
      if (w.earliestAdded !== null) earliestAdded.set(JSON.stringify(w.key), w.earliestAdded);
    // Table by table in a fixed order, each in key order (mergeDeltas sorts by table, then key).
    let start = 0;
    while (start < delta.rows.length) {
      const table = delta.rows[start].table;
      let end = start;
      while (end < delta.rows.length && delta.rows[end].table === table) end++;
      await applyRows(m, table, delta.rows.slice(start, end), earliestAdded);
      start = end;
    }
    // Where a head stopped waiting, the earliest wait still counted there (its row is locked by the upsert above).
    const removed = delta.waits.filter((w) => w.earliestRemoved !== null);
    if (removed.length) {
      await m.query(
        `UPDATE summary_open_passages t SET oldest_wait = (
           SELECT min(w.entered_at) FROM summary_waits w
           WHERE w.stage_name = t.stage_name AND w.org_code = t.org_code AND w.level = t.level
             AND w.scopes @> ARRAY[t.scope::text])
         FROM jsonb_to_recordset($1::jsonb) AS x(scope text, stage_name text, org_code text, level text, removed timestamptz)
         WHERE t.scope = x.scope AND t.stage_name = x.stage_name AND t.org_code = x.org_code AND t.level = x.level
           AND t.oldest_wait >= x.removed`,
        [
          JSON.stringify(
            removed.map((w) => ({
              scope: w.key[0],
              stage_name: w.key[1],
              org_code: w.key[2],
              level: w.key[3],
              removed: w.earliestRemoved,
            })),
          ),
        ],
      );
    }
    await m.query(
      `INSERT INTO summary_contributions (dossier_id, contribution)
       SELECT dossier_id, contribution FROM jsonb_to_recordset($1::jsonb) AS x(dossier_id uuid, contribution jsonb)
       ORDER BY dossier_id
       ON CONFLICT (dossier_id) DO UPDATE SET contribution = EXCLUDED.contribution`,
      [
        JSON.stringify(
          ids.filter((id) => facts.has(id)).map((id) => ({ dossier_id: id, contribution: after.get(id) })),
        ),
      ],
    );
    const gone = ids.filter((id) => !facts.has(id));
    if (gone.length) await m.query(`DELETE FROM summary_contributions WHERE dossier_id = ANY($1::uuid[])`, [gone]);
    const ms = { load: loaded - started, compute: computed - loaded, write: Date.now() - computed };
    return { dossiers: ids.length, rows: delta.rows.length, ms };
  });
}

export interface DrainInput {
  /** Dossiers per batch. */
  batchSize?: number;
  /**
   * Batches in flight at once, each its own transaction on its own connection (SKIP LOCKED gives each its own
   * marks; summary rows are written in key order, so they wait on each other, never in a cycle). One batch's
   * loading then overlaps another's writing.
   */
  lanes?: number;
  /** How long one activity call keeps draining (and waiting for work) before it returns to the workflow. */
  forMs?: number;
  /** How long to wait between looks when there is nothing to drain. */
  idleMs?: number;
}

export interface DrainResult {
  dossiers: number;
  batches: number;
}

/** The writer's defaults: batches of 500, two at a time (measured in bench/reads.bench.ts, README). */
export const DRAIN_DEFAULTS = { batchSize: 500, lanes: 2 } as const;

/**
 * Drains for up to `forMs`, `lanes` batches at a time, looking again every `idleMs` when there is nothing to do,
 * and heartbeating its progress. A worker's shutdown cancels it between batches (a batch in flight finishes or
 * rolls back: either way nothing is lost).
 */
export async function drainDashboard(ds: DataSource, input: DrainInput): Promise<DrainResult> {
  const ctx = Context.current();
  const batchSize = input.batchSize ?? DRAIN_DEFAULTS.batchSize;
  const until = Date.now() + (input.forMs ?? 30_000);
  const idleMs = input.idleMs ?? 200;
  const result: DrainResult = { dossiers: 0, batches: 0 };
  const lane = async () => {
    while (Date.now() < until && !ctx.cancellationSignal.aborted) {
      const batch = await drainBatch(ds, batchSize);
      if (batch.dossiers > 0) {
        result.dossiers += batch.dossiers;
        result.batches += 1;
        ctx.heartbeat({ dossiers: result.dossiers, batches: result.batches });
        continue;
      }
      ctx.heartbeat({ dossiers: result.dossiers, batches: result.batches });
      await ctx.sleep(idleMs);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, input.lanes ?? DRAIN_DEFAULTS.lanes) }, lane));
  return result;
}

/**
 * Drains until no mark is left, `lanes` batches at a time, as the writer does when it has work (for a rebuild run
 * by hand and the benchmark). Calls `onBatch` after each batch.
 */
export async function drainAll(
  ds: DataSource,
  options: { batchSize?: number; lanes?: number; onBatch?: (batch: DrainBatchResult) => void } = {},
): Promise<void> {
  const batchSize = options.batchSize ?? DRAIN_DEFAULTS.batchSize;
  await Promise.all(
    Array.from({ length: Math.max(1, options.lanes ?? DRAIN_DEFAULTS.lanes) }, async () => {
      for (;;) {
        const batch = await drainBatch(ds, batchSize);
        if (batch.dossiers === 0) return;
        options.onBatch?.(batch);
      }
    }),
  );
}
