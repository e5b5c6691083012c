/**
 * Reads at scale (issue 6, benchmark 3): `npx jest -c jest.bench.config.js bench/reads.bench.ts`.
 *
 * Generates BENCH_DOSSIERS dossiers (default 1,000,000) with BENCH_EVENTS_PER_DOSSIER events each on average
 * (default 10) and their stage passages straight into the benchmark's own PostgreSQL (bench/global-setup.ts),
 * over a generated tree of 14 provinces × 10 districts × 5 units, in chunks of INSERT … SELECT generate_series
 * (no per-row round trip). Then it starts the real API in-process and times, over HTTP as real users, the
 * inbox, a filtered keyset list page (first and deep), one dossier with its history and the five dashboards
 * (a province's LEADER and ADMIN). Side by side, the same SQL statements the request issued, captured from
 * the API's own DataSource and replayed on a bare pg connection: the table shows API overhead beside the
 * database's own time. Each request's statements are EXPLAIN (ANALYZE, BUFFERS)ed; a plan that scans
 * dossiers, dossier_events or stage_passages sequentially is reported. Prints figures; asserts nothing
 * about speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { migrate } from '../apps/api/migrate';
import { createApp } from '../apps/api/src/app';
import { validateEnv } from '../libs/config/env';
import { DRAIN_DEFAULTS, FACTS_SQL, drainAll, type DrainBatchResult } from '../activities/dashboard-writer';
import { openDataSource } from '../libs/persistence/data-source';
import { hashPassword } from '../libs/persistence/passwords';
import { KEEP_FIRST_MARK, markAllDirty } from '../libs/persistence/summaries';
import { latencyStats, progress, ratio, recordSection, timed, type Measurement } from './support/report';

const N = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const EVENTS_PER_DOSSIER = Number(process.env.BENCH_EVENTS_PER_DOSSIER ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 50_000);
const TARGET_MS = 50;
/** Runs of each dashboard's former raw-table queries, timed beside the new ones (0: skip). */
const BEFORE_REQUESTS = Number(process.env.BENCH_BEFORE_REQUESTS ?? 5);
const PASSWORD = 'bench-password';
/** Batches at once for the rebuild after the bulk load (the writer's lanes by default). */
const DRAINS = Number(process.env.BENCH_DRAINS ?? DRAIN_DEFAULTS.lanes);
/** The writer's batch (the activity's default). */
const WRITER_BATCH = Number(process.env.BENCH_WRITER_BATCH ?? DRAIN_DEFAULTS.batchSize);
/** BENCH_COMPACT=1: the reads again after VACUUM FULL of the summary tables. */
const COMPACT = process.env.BENCH_COMPACT === '1';
/** Dossiers changed at once after the reads, for the catch-up figure. */
const BURST = Number(process.env.BENCH_BURST ?? 20_000);

// The generated tree: unit u (0..699) is in district u / 5 and province u / 50.
const UNITS = 700;
const BIG_TABLES = ['dossiers', 'dossier_events', 'stage_passages'];

/**
 * One chunk of dossiers [lo, hi]: every figure derives from md5(i), so a run is reproducible. Times are
 * laid backwards from the dossier's last moment, six days a stage: in-flight dossiers moved in the last
 * 20 days, closed ones over the last two years.
 */
const DOSSIERS_SQL = `
  WITH g AS (
    SELECT i, m,
      (('x' || substr(m, 1, 8))::bit(32)::int & 2147483647) AS h1,
      (('x' || substr(m, 9, 8))::bit(32)::int & 2147483647) AS h2,
      (('x' || substr(m, 17, 8))::bit(32)::int & 2147483647) AS h3,
      (('x' || substr(m, 25, 8))::bit(32)::int & 2147483647) AS h4
    FROM generate_series($1::int, $2::int) i, LATERAL (SELECT md5(i::text) AS m) x
  ), s AS (
    SELECT g.*, h1 % ${UNITS} AS u,
      CASE WHEN h2 % 10 < 3 THEN 7 ELSE 4 END AS nstages,
      CASE WHEN h3 % 100 < 50 THEN 'APPROVED' WHEN h3 % 100 < 56 THEN 'REJECTED' WHEN h3 % 100 < 60 THEN 'WITHDRAWN'
           WHEN h3 % 100 < 65 THEN 'DRAFT' WHEN h3 % 100 < 70 THEN 'RETURNED' ELSE 'IN_PROGRESS' END AS status
    FROM g
  ), t AS (
    SELECT s.*,
      -- k: the stage the dossier is at (in flight) or ended at (closed); passages 0..k exist
      CASE WHEN status = 'APPROVED' THEN nstages - 1 WHEN status = 'DRAFT' THEN -1 ELSE (h4 / 7) % nstages END AS k,
      CASE WHEN status IN ('IN_PROGRESS', 'RETURNED', 'DRAFT')
           THEN now() - ((h4 % 20) * interval '1 day') - ((h2 % 86400) * interval '1 second')
           ELSE now() - ((20 + h4 % 710) * interval '1 day') - ((h2 % 86400) * interval '1 second') END AS t_last
    FROM s
  ), r AS (
    SELECT t.*, 'u' || u AS unit, 'd' || (u / 5) AS district, 'p' || (u / 50) AS province,
      t_last - (greatest(k, 0) + CASE WHEN status IN ('IN_PROGRESS', 'RETURNED', 'DRAFT') THEN 0 ELSE 1 END) * interval '6 days' AS submitted
    FROM t
  )
  INSERT INTO dossiers (id, workflow_id, award_code, award_name, nominee_kind, nominee_name, nominee, achievement_summary,
    origin_org_code, org_chain, status, stage_index, current_stage_name, current_stage_index, current_level,
    current_org_code, current_actor_role, route, last_reason, decision, created_by, created_at, updated_at,
    submitted_at, version, current_due_at)
  SELECT m::uuid, 'dossier-' || m::uuid,
    CASE WHEN nstages = 7 THEN 'BANG_KHEN_CHU_TICH_TINH' ELSE 'GIAY_KHEN' END,
    CASE WHEN nstages = 7 THEN 'Bằng khen của Chủ tịch UBND tỉnh' ELSE 'Giấy khen' END,
    CASE WHEN h1 % 3 = 0 THEN 'COLLECTIVE' ELSE 'INDIVIDUAL' END, 'Người được đề nghị ' || i,
    CASE WHEN h1 % 3 = 0 THEN jsonb_build_object('kind', 'COLLECTIVE', 'name', 'Tập thể ' || i, 'memberCount', 3 + h2 % 40)
         ELSE jsonb_build_object('kind', 'INDIVIDUAL', 'name', 'Người được đề nghị ' || i, 'directWorker', h2 % 4 = 0) END,
    'Thành tích xuất sắc trong năm', unit, ARRAY[unit, district, province, 'trung-uong'], status, greatest(k, 0),
    CASE WHEN status = 'DRAFT' THEN 'DRAFT' WHEN status = 'RETURNED' THEN 'SUPPLEMENT'
         WHEN status = 'IN_PROGRESS' THEN (CASE WHEN nstages = 7
           THEN ARRAY['UNIT_REVIEW','APPRAISAL','COUNCIL','SUBMISSION','APPRAISAL','COUNCIL','DECISION']
           ELSE ARRAY['UNIT_REVIEW','APPRAISAL','COUNCIL','DECISION'] END)[k + 1] END,
    CASE WHEN status = 'IN_PROGRESS' THEN k END,
    CASE WHEN status IN ('DRAFT', 'RETURNED') OR (status = 'IN_PROGRESS' AND k = 0) THEN 'UNIT'
         WHEN status = 'IN_PROGRESS' AND k <= 3 THEN 'DISTRICT' WHEN status = 'IN_PROGRESS' THEN 'PROVINCE' END,
    CASE WHEN status IN ('DRAFT', 'RETURNED') OR (status = 'IN_PROGRESS' AND k = 0) THEN unit
         WHEN status = 'IN_PROGRESS' AND k <= 3 THEN district WHEN status = 'IN_PROGRESS' THEN province END,
    CASE WHEN status IN ('DRAFT', 'RETURNED') THEN 'CLERK' WHEN status = 'IN_PROGRESS' THEN (CASE WHEN nstages = 7
           THEN ARRAY['APPROVER','REVIEWER','COUNCIL','APPROVER','REVIEWER','COUNCIL','APPROVER']
           ELSE ARRAY['APPROVER','REVIEWER','COUNCIL','APPROVER'] END)[k + 1] END,
    jsonb_build_object(
      'levels', CASE WHEN nstages = 7
        THEN jsonb_build_array(jsonb_build_object('level','UNIT','orgUnitCode',unit,'orgUnitName','Đơn vị ' || unit),
               jsonb_build_object('level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district),
               jsonb_build_object('level','PROVINCE','orgUnitCode',province,'orgUnitName','Tỉnh ' || province))
        ELSE jsonb_build_array(jsonb_build_object('level','UNIT','orgUnitCode',unit,'orgUnitName','Đơn vị ' || unit),
               jsonb_build_object('level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district)) END,
      'stages', CASE WHEN nstages = 7 THEN jsonb_build_array(
          jsonb_build_object('index',0,'name','UNIT_REVIEW','level','UNIT','orgUnitCode',unit,'orgUnitName','Đơn vị ' || unit,'role','APPROVER'),
          jsonb_build_object('index',1,'name','APPRAISAL','level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district,'role','REVIEWER'),
          jsonb_build_object('index',2,'name','COUNCIL','level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district,'role','COUNCIL'),
          jsonb_build_object('index',3,'name','SUBMISSION','level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district,'role','APPROVER'),
          jsonb_build_object('index',4,'name','APPRAISAL','level','PROVINCE','orgUnitCode',province,'orgUnitName','Tỉnh ' || province,'role','REVIEWER'),
          jsonb_build_object('index',5,'name','COUNCIL','level','PROVINCE','orgUnitCode',province,'orgUnitName','Tỉnh ' || province,'role','COUNCIL'),
          jsonb_build_object('index',6,'name','DECISION','level','PROVINCE','orgUnitCode',province,'orgUnitName','Tỉnh ' || province,'role','APPROVER'))
        ELSE jsonb_build_array(
          jsonb_build_object('index',0,'name','UNIT_REVIEW','level','UNIT','orgUnitCode',unit,'orgUnitName','Đơn vị ' || unit,'role','APPROVER'),
          jsonb_build_object('index',1,'name','APPRAISAL','level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district,'role','REVIEWER'),
          jsonb_build_object('index',2,'name','COUNCIL','level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district,'role','COUNCIL'),
          jsonb_build_object('index',3,'name','DECISION','level','DISTRICT','orgUnitCode',district,'orgUnitName','Huyện ' || district,'role','APPROVER')) END,
      'decidingOrgUnitCode', CASE WHEN nstages = 7 THEN province ELSE district END),
    CASE WHEN status IN ('RETURNED', 'REJECTED') THEN 'Thiếu báo cáo thành tích' END,
    CASE WHEN status = 'APPROVED' THEN jsonb_build_object('number', i || '/QĐ-UBND', 'date', to_char(t_last, 'YYYY-MM-DD'), 'signer', 'Chủ tịch') END,
    unit || '.clerk', submitted - interval '3 days', t_last,
    CASE WHEN status <> 'DRAFT' THEN submitted END, 2 + greatest(k, 0) * 2,
    CASE WHEN status = 'IN_PROGRESS' THEN t_last + interval '14 days' - ((h1 % 25) * interval '1 day') END
  FROM r`;

/** The passages 0..k of each dossier of the chunk; the last is open while the dossier is in flight. */
const passagesSql = (chunkIds: string) => `
  INSERT INTO stage_passages (dossier_id, passage, stage_index, stage_name, level, org_code, actor_role, award_code,
    org_chain, entered_at, due_at, left_at, working_days, returned_working_days, returns, outcome)
  SELECT d.id, k + 1, k, (d.route->'stages'->k)->>'name', (d.route->'stages'->k)->>'level',
    (d.route->'stages'->k)->>'orgUnitCode', (d.route->'stages'->k)->>'role', d.award_code, d.org_chain,
    d.updated_at - (last - k + closed) * interval '6 days' + ((hashtext(d.id::text || k) & 31) * interval '1 hour'),
    d.updated_at - (last - k + closed) * interval '6 days' + interval '14 days',
    CASE WHEN k < last OR closed = 1 THEN d.updated_at - (last - k + closed - 1) * interval '6 days' END,
    CASE WHEN k < last OR closed = 1 THEN 3 + (hashtext(d.id::text || 'w' || k) & 7) END,
    CASE WHEN hashtext(d.id::text || 'r' || k) % 6 = 0 THEN 2 ELSE 0 END,
    CASE WHEN hashtext(d.id::text || 'r' || k) % 6 = 0 OR (k = last AND d.status = 'RETURNED') THEN 1 ELSE 0 END,
    CASE WHEN k < last THEN 'FORWARDED' WHEN closed = 0 THEN NULL ELSE d.status END
  FROM dossiers d,
    LATERAL (SELECT d.stage_index AS last, CASE WHEN d.status IN ('IN_PROGRESS', 'RETURNED') THEN 0 ELSE 1 END AS closed) c,
    generate_series(0, d.stage_index) k
  WHERE d.status <> 'DRAFT' AND d.id IN ${chunkIds}`;

async function main(url: string) {
  await migrate(url, { seed: false, password: PASSWORD });
  const db = new Client({ connectionString: url, application_name: 'bench-reads' });
  await db.connect();
  const phases: Record<string, number> = {};
  const params = {
    dossiers: N,
    eventsPerDossier: EVENTS_PER_DOSSIER,
    requests: REQUESTS,
    warmup: WARMUP,
    units: UNITS,
  };
  try {
    phases.generateSeconds = await generate(db);
    const rebuild = await rebuildSummaries(url);
    phases.summariesSeconds = rebuild.seconds;
    console.log(
      `summaries rebuilt by the dashboard writer's batches: ${rebuild.seconds} s, ` +
        `${rebuild.dossiersPerSecond} dossiers/s with ${rebuild.drains} drains`,
    );
    const counts = (
      await db.query(
        `SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM dossier_events)::int AS events,
                (SELECT count(*) FROM stage_passages)::int AS passages`,
      )
    ).rows[0] as Record<string, number>;
    console.log(`generated ${JSON.stringify(counts)} in ${phases.generateSeconds} s`);
    const t0 = Date.now();
    const { measurements, plans, seqScans } = await measure(url, db);
    phases.measureSeconds = Math.round((Date.now() - t0) / 1000);
    if (COMPACT) {
      // The same reads once the summary tables are rewritten compactly (a rebuild by upserting batches leaves them
      // bloated): the difference is what the bloat costs.
      const sizes = async () =>
        (
          await db.query(
            `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
             WHERE c.relname LIKE 'summary\\_%' AND c.relkind = 'r'`,
          )
        ).rows[0].bytes as string;
      const before = await sizes();
      for (const t of [
        'dossier_counts',
        'event_days',
        'approval_days',
        'approval_months',
        'approval_years',
        'passage_days',
        'open_passages',
      ]) {
        await db.query(`VACUUM FULL ANALYZE summary_${t}`);
      }
      console.log(`summary tables compacted: ${before} → ${await sizes()} bytes; the reads again:`);
      const again = await measure(url, db);
      measurements.push(...again.measurements.map((m) => ({ ...m, name: `${m.name} (compacted)` })));
    }
    // The load of a batch's facts from cold pages, statement by statement: what bounds the catch-up.
    const loadPlans = await explainLoad(db);
    // Two bursts on different dossiers (so neither finds the other's pages cached): one batch at a time, then the
    // writer's lanes. The second is the target's figure.
    const burstOneLane = await burstCatchUp(url, 1, 'ASC');
    const burst = await burstCatchUp(url, DRAIN_DEFAULTS.lanes, 'DESC');
    for (const b of [burstOneLane, burst]) {
      console.log(
        `burst of ${b.dossiers} changed dossiers: the dashboards caught up in ${b.seconds} s ` +
          `(${b.dossiersPerSecond} dossiers/s, ${b.lanes} batch(es) of ${WRITER_BATCH} at a time: ` +
          `${JSON.stringify(b.batchMs)} ms each; target ≤ 10 s)`,
      );
    }
    measurements.push(
      {
        name: `dashboards caught up after ${burstOneLane.dossiers} changes, 1 lane`,
        unit: 's',
        engine: burstOneLane.seconds,
      },
      {
        name: `dashboards caught up after ${burst.dossiers} changes, ${burst.lanes} lanes`,
        unit: 's',
        engine: burst.seconds,
        target: '≤ 10 s',
        met: burst.seconds <= 10,
      },
    );
    recordSection({
      benchmark: 'reads',
      params: { ...params, ...counts },
      measurements,
      details: { phases, rebuild, burst, burstOneLane, loadPlans, seqScans, plans },
    });
  } finally {
    await db.end();
  }
}

/** Org tree, users and the generated read model; returns seconds taken. */
async function generate(db: Client): Promise<number> {
  const started = Date.now();
  await db.query(`
    INSERT INTO org_units (code, name, level, parent_id)
    SELECT 'trung-uong', 'Ban Thi đua – Khen thưởng Trung ương', 'CENTRAL', NULL
    WHERE NOT EXISTS (SELECT 1 FROM org_units WHERE code = 'trung-uong')`);
  await db.query(`
    INSERT INTO org_units (code, name, level, parent_id)
    SELECT 'p' || p, 'Tỉnh ' || p, 'PROVINCE', (SELECT id FROM org_units WHERE code = 'trung-uong') FROM generate_series(0, ${UNITS / 50 - 1}) p`);
  await db.query(`
    INSERT INTO org_units (code, name, level, parent_id)
    SELECT 'd' || d, 'Huyện ' || d, 'DISTRICT', o.id FROM generate_series(0, ${UNITS / 5 - 1}) d JOIN org_units o ON o.code = 'p' || (d / 10)`);
  await db.query(`
    INSERT INTO org_units (code, name, level, parent_id)
    SELECT 'u' || u, 'Đơn vị ' || u, 'UNIT', o.id FROM generate_series(0, ${UNITS - 1}) u JOIN org_units o ON o.code = 'd' || (u / 5)`);
  const hash = await hashPassword(PASSWORD);
  for (const [username, role, org] of USERS) {
    await db.query(
      `INSERT INTO users (username, password_hash, display_name, role, org_unit_id)
       SELECT $1, $2, $1, $3, id FROM org_units WHERE code = $4`,
      [username, hash, role, org],
    );
  }

  // Bulk load: the big tables' secondary indexes are dropped and rebuilt once at the end (same definitions,
  // read back from the catalog), and row triggers are off while loading; summary tables are rebuilt after.
  const indexes: { indexname: string; indexdef: string }[] = (
    await db.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BIG_TABLES],
    )
  ).rows;
  for (const i of indexes) await db.query(`DROP INDEX ${i.indexname}`);
  await db.query(`SET session_replication_role = replica`);
  const bar = progress('dossiers', N);
  for (let lo = 1; lo <= N; lo += CHUNK) {
    const hi = Math.min(N, lo + CHUNK - 1);
    await db.query(DOSSIERS_SQL, [lo, hi]);
    const chunkIds = `(SELECT md5(i::text)::uuid FROM generate_series(${lo}, ${hi}) i)`;
    await db.query(passagesSql(chunkIds));
    await db.query(eventsSql(chunkIds));
    bar.tick(hi);
  }
  bar.done();
  await db.query(`SET session_replication_role = DEFAULT`);
  const ib = progress('indexes', indexes.length);
  let n = 0;
  for (const i of indexes) {
    await db.query(i.indexdef);
    ib.tick(++n);
  }
  ib.done();
  await db.query(`SELECT setval(pg_get_serial_sequence('dossier_events', 'id'), (SELECT max(id) FROM dossier_events))`);
  await db.query('VACUUM ANALYZE');
  return Math.round((Date.now() - started) / 1000);
}

/**
 * The dashboards after a bulk load written behind the projection: a rebuild marks every dossier, and the dashboard
 * writer's batches (the activity's own `drainBatch`) drain them, BENCH_DRAINS at a time. Returns its figures.
 */
async function rebuildSummaries(url: string): Promise<{ seconds: number; dossiersPerSecond: number; drains: number }> {
  const ds = await openDataSource(url, { poolSize: DRAINS + 1, applicationName: 'bench-rebuild' });
  try {
    const started = Date.now();
    await markAllDirty(ds);
    const [{ total }] = (await ds.query(`SELECT count(*)::int AS total FROM summary_dirty`)) as { total: number }[];
    const bar = progress('summaries', total);
    let done = 0;
    await drainAll(ds, {
      batchSize: WRITER_BATCH,
      lanes: DRAINS,
      onBatch: (batch) => bar.tick((done += batch.dossiers)),
    });
    bar.done();
    await ds.query('VACUUM ANALYZE');
    const seconds = (Date.now() - started) / 1000;
    return { seconds: Math.round(seconds), dossiersPerSecond: Math.round(total / seconds), drains: DRAINS };
  } finally {
    await ds.destroy();
  }
}

/**
 * A year-end burst: BURST in-progress dossiers change at once (their due day moves, as 20,000 transitions would move
 * them, each marked in its statement as the projection marks it), and the writer's batches catch up, `lanes` at a
 * time (drainAll, as the writer drains). `order` picks the dossiers from one end of the ids or the other, so two
 * bursts touch different ones. Returns the seconds from the burst's commit until no mark is left, and the rate.
 */
async function burstCatchUp(
  url: string,
  lanes: number,
  order: 'ASC' | 'DESC',
): Promise<{
  dossiers: number;
  lanes: number;
  seconds: number;
  dossiersPerSecond: number;
  /** Mean ms per batch of each phase (load, compute, write). */
  batchMs: Record<string, number>;
}> {
  const ds = await openDataSource(url, { poolSize: lanes + 1, applicationName: 'bench-burst' });
  try {
    const [{ n }] = (await ds.query(
      `WITH b AS (SELECT id FROM dossiers WHERE status = 'IN_PROGRESS' ORDER BY id ${order} LIMIT $1),
         d AS (UPDATE dossiers SET current_due_at = current_due_at + interval '1 day', version = version + 1
               WHERE id IN (SELECT id FROM b)),
         m AS (INSERT INTO summary_dirty (dossier_id) SELECT id FROM b ORDER BY id ${KEEP_FIRST_MARK})
       SELECT count(*)::int AS n FROM b`,
      [BURST],
    )) as { n: number }[];
    const started = Date.now();
    const phases = { load: 0, compute: 0, write: 0 };
    let batches = 0;
    await drainAll(ds, {
      batchSize: WRITER_BATCH,
      lanes,
      onBatch: (batch: DrainBatchResult) => {
        batches += 1;
        for (const k of ['load', 'compute', 'write'] as const) phases[k] += batch.ms[k];
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const batchMs = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v / batches)]));
    return {
      dossiers: n,
      lanes,
      seconds: Math.round(seconds * 10) / 10,
      dossiersPerSecond: Math.round(n / seconds),
      batchMs,
    };
  } finally {
    await ds.destroy();
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the writer's load statements (FACTS_SQL) for one batch of in-progress dossiers
 * that no burst touches (the middle of the ids): time, buffers found in PostgreSQL's cache and read from outside
 * it, and the time those reads took. Printed and kept in the JSON.
 */
async function explainLoad(db: Client): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `SELECT array_agg(id ORDER BY id) AS ids FROM (
       SELECT id FROM dossiers WHERE status = 'IN_PROGRESS' ORDER BY id
       OFFSET (SELECT count(*) / 2 FROM dossiers WHERE status = 'IN_PROGRESS') LIMIT $1) x`,
    [WRITER_BATCH],
  );
  const ids = rows[0].ids as string[];
  await db.query('SET track_io_timing = on');
  const out: Record<string, unknown> = {};
  for (const [name, sql] of Object.entries(FACTS_SQL)) {
    const { rows: plan } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, [ids]);
    const root = (plan[0]['QUERY PLAN'] as { 'Execution Time': number; Plan: Record<string, number> }[])[0];
    const figures = {
      ms: Math.round(root['Execution Time'] * 10) / 10,
      hit: root.Plan['Shared Hit Blocks'],
      read: root.Plan['Shared Read Blocks'],
      readMs: Math.round((root.Plan['I/O Read Time'] ?? root.Plan['Shared I/O Read Time'] ?? 0) * 10) / 10,
    };
    console.log(`writer load, ${name}, ${ids.length} cold dossiers: ${JSON.stringify(figures)}`);
    out[name] = { ...figures, plan: root };
  }
  await db.query('SET track_io_timing = off');
  return out;
}

/**
 * EVENTS_PER_DOSSIER events a dossier on average: create, submit, then approvals with return/resubmit pairs
 * mixed in, and the closing event; spread evenly from creation to the dossier's last moment.
 */
function eventsSql(chunkIds: string): string {
  // Drafts (5 %) have one event; the others 3 … 2E − 2, so the mean over all is E.
  const spread = Math.max(1, 2 * EVENTS_PER_DOSSIER - 4);
  return `
    INSERT INTO dossier_events (dossier_id, seq, action, actor_username, actor_display_name, actor_role, actor_org_code,
      from_status, to_status, from_stage, to_stage, reason, comment, request_id, occurred_at, prev_hash, hash)
    SELECT d.id, seq, a.action, d.origin_org_code || '.clerk', 'Cán bộ', 'CLERK', d.origin_org_code, NULL, a.to_status,
      NULL, NULL, CASE WHEN a.action = 'return' THEN 'Bổ sung hồ sơ' END, NULL, 'bench-' || seq,
      d.created_at + (d.updated_at - d.created_at) * ((seq - 1)::float8 / greatest(n - 1, 1)),
      repeat('0', 64), repeat('0', 64) -- synthetic rows for read benchmarks: not a verifiable audit chain
    FROM dossiers d,
      LATERAL (SELECT CASE WHEN d.status = 'DRAFT' THEN 1 ELSE 3 + (hashtext(d.id::text) & 2147483647) % ${spread} END AS n) c,
      generate_series(1, n) seq,
      LATERAL (SELECT CASE
        WHEN seq = 1 THEN 'create'
        WHEN seq = 2 THEN 'submit'
        WHEN seq = n AND d.status = 'APPROVED' THEN 'decide'
        WHEN seq = n AND d.status = 'REJECTED' THEN 'reject'
        WHEN seq = n AND d.status = 'WITHDRAWN' THEN 'withdraw'
        WHEN seq = n AND d.status = 'RETURNED' THEN 'return'
        WHEN seq % 2 = 1 AND hashtext(d.id::text || seq) % 5 = 0 AND seq < n - 1 THEN 'return'
        WHEN seq % 2 = 0 AND hashtext(d.id::text || (seq - 1)) % 5 = 0 AND seq > 3 THEN 'resubmit'
        ELSE 'approve' END AS action) x,
      LATERAL (SELECT x.action, CASE x.action WHEN 'create' THEN 'DRAFT' WHEN 'return' THEN 'RETURNED'
        WHEN 'decide' THEN 'APPROVED' WHEN 'reject' THEN 'REJECTED' WHEN 'withdraw' THEN 'WITHDRAWN'
        ELSE 'IN_PROGRESS' END AS to_status) a
    WHERE d.id IN ${chunkIds}`;
}

/** The users the reads are timed for: real logins through POST /auth/login. */
const USERS: [string, string, string][] = [
  ['admin', 'ADMIN', 'trung-uong'],
  ['p3.leader', 'LEADER', 'p3'],
  ['d31.reviewer', 'REVIEWER', 'd31'],
  ['u155.clerk', 'CLERK', 'u155'],
];

interface Recorded {
  sql: string;
  params: unknown[];
}

/** Records every statement the API's DataSource sends while `on` is set. */
function tapQueries(ds: DataSource): { on: boolean; log: Recorded[] } {
  const tap = { on: false, log: [] as Recorded[] };
  const driver = ds.driver as unknown as { createQueryRunner(mode: string): { query: (...a: unknown[]) => unknown } };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: string) => {
    const runner = create(mode);
    const query = runner.query.bind(runner);
    runner.query = (...a: unknown[]) => {
      if (tap.on) tap.log.push({ sql: a[0] as string, params: [...((a[1] as unknown[] | undefined) ?? [])] });
      return query(...a);
    };
    return runner;
  };
  return tap;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const child of node.Plans ?? []) walk(child, out);
  return out;
}

async function measure(url: string, db: Client) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reads-docs-'));
  const env = validateEnv({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: url,
    // Nothing timed here talks to Temporal: the dossier read is a closed one, served from the read model.
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    DOCUMENTS_DIR: dir,
  });
  const app: NestExpressApplication = await createApp(env, { logger: ['error'] });
  const tap = tapQueries(app.get<DataSource>(getDataSourceToken()));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    const tokens: Record<string, string> = {};
    // Logged in again between cases every few minutes: an access token lives minutes, the run longer.
    const login = async () => {
      for (const [username] of USERS) {
        const res = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
        tokens[username] = ((await res.json()) as { accessToken: string }).accessToken;
      }
    };
    await login();
    const get = async (user: string, path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${path} as ${user}: ${res.status} ${body.slice(0, 300)}`);
      return JSON.parse(body) as Record<string, unknown>;
    };

    // A page deep in: follow the cursor 50 pages (1,000 rows) into the province's approved GIAY_KHEN list.
    const listPath = '/dossiers?status=APPROVED&award=GIAY_KHEN&limit=20';
    let cursor: string | null = null;
    for (let k = 0; k < 50; k++) {
      const page: Record<string, unknown> = await get('p3.leader', `${listPath}${cursor ? `&cursor=${cursor}` : ''}`);
      cursor = page.nextCursor as string | null;
      if (!cursor) break;
    }
    const closed = (
      await db.query(
        `SELECT id FROM dossiers WHERE org_chain @> ARRAY['p3'] AND status = 'APPROVED' ORDER BY created_at DESC LIMIT 1`,
      )
    ).rows[0] as { id: string } | undefined;
    if (!closed) throw new Error('no approved dossier in p3');

    const cases: [string, string, string][] = [
      ['inbox: district REVIEWER', 'd31.reviewer', '/inbox'],
      ['inbox: unit CLERK', 'u155.clerk', '/inbox'],
      ['list filtered, first page (province)', 'p3.leader', listPath],
      ['list filtered, page 51 by cursor (province)', 'p3.leader', `${listPath}${cursor ? `&cursor=${cursor}` : ''}`],
      ['list filtered, first page (ADMIN)', 'admin', '/dossiers?status=IN_PROGRESS&stage=COUNCIL&limit=20'],
      ['dossier + history (closed)', 'p3.leader', `/dossiers/${closed.id}`],
    ];
    for (const [who, user] of [
      ['province LEADER', 'p3.leader'],
      ['ADMIN', 'admin'],
    ]) {
      cases.push(
        [`dashboard summary: ${who}`, user, '/dashboard/summary'],
        [`dashboard overdue: ${who}`, user, '/dashboard/overdue'],
        [`dashboard bottlenecks: ${who}`, user, '/dashboard/bottlenecks'],
        [`dashboard throughput month: ${who}`, user, '/dashboard/throughput?period=month'],
        [`dashboard priority-share year: ${who}`, user, '/dashboard/priority-share?period=year'],
      );
    }

    const measurements: Measurement[] = [];
    const plans: Record<string, unknown> = {};
    const seqScans: Record<string, string[]> = {};
    const bar = progress('reads', cases.length);
    let done = 0;
    let loggedInAt = Date.now();
    for (const [name, user, path] of cases) {
      if (Date.now() - loggedInAt > 4 * 60_000) {
        await login();
        loggedInAt = Date.now();
      }
      // One request recorded: the statements it sends are the baseline and the plans.
      tap.log = [];
      tap.on = true;
      await get(user, path);
      tap.on = false;
      const statements = tap.log.filter((s) => !/^(START TRANSACTION|COMMIT|ROLLBACK|SELECT version\(\))/i.test(s.sql));
      for (let k = 0; k < WARMUP; k++) await get(user, path);
      const api: number[] = [];
      for (let k = 0; k < REQUESTS; k++) api.push((await timed(() => get(user, path)))[1]);
      const bare: number[] = [];
      for (let k = 0; k < WARMUP; k++) for (const s of statements) await db.query(s.sql, s.params);
      for (let k = 0; k < REQUESTS; k++) {
        bare.push(
          (
            await timed(async () => {
              for (const s of statements) await db.query(s.sql, s.params);
            })
          )[1],
        );
      }
      const caseScans: string[] = [];
      const casePlans: unknown[] = [];
      for (const s of statements) {
        const explained = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, s.params);
        const plan = (explained.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] })[
          'QUERY PLAN'
        ][0];
        const nodes = walk(plan.Plan);
        const scans = nodes
          .filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name'] ?? ''))
          .map((n) => n['Relation Name']!);
        caseScans.push(...scans);
        casePlans.push({
          sql: s.sql.replace(/\s+/g, ' ').trim(),
          executionMs: plan['Execution Time'],
          indexes: [...new Set(nodes.map((n) => n['Index Name']).filter(Boolean))],
          plan: plan.Plan,
        });
      }
      plans[name] = casePlans;
      seqScans[name] = caseScans;
      const a = latencyStats(api);
      const b = latencyStats(bare);
      measurements.push(
        { name: `${name} p50`, unit: 'ms', engine: a.p50, baseline: b.p50, ratio: ratio(a.p50, b.p50) },
        {
          name: `${name} p95`,
          unit: 'ms',
          engine: a.p95,
          baseline: b.p95,
          ratio: ratio(a.p95, b.p95),
          target: `≤ ${TARGET_MS} ms`,
          met: a.p95 <= TARGET_MS,
          note: `${statements.length} statements`,
        },
      );
      const before = BEFORE[name.replace(/^dashboard /, '')];
      if (before && BEFORE_REQUESTS > 0) {
        const scoped = before(user === 'admin' ? null : 'p3');
        const times: number[] = [];
        for (let k = 0; k < BEFORE_REQUESTS + 1; k++) {
          const [, ms] = await timed(async () => {
            for (const q of scoped) await db.query(q.sql, q.params);
          });
          if (k > 0) times.push(ms); // the first warms the cache
        }
        const old = latencyStats(times);
        measurements.push({
          name: `${name}: before, raw-table queries p50`,
          unit: 'ms',
          engine: old.p50,
          note: `bare SQL of the pre-aggregate queries, ${old.n} runs, same data`,
        });
      }
      bar.tick(++done);
    }
    bar.done();
    const lines = Object.entries(seqScans).map(([name, scans]) =>
      scans.length === 0
        ? `EXPLAIN ok   ${name}: indexes only on ${BIG_TABLES.join(', ')}`
        : `EXPLAIN SEQ  ${name}: Seq Scan on ${[...new Set(scans)].join(', ')}`,
    );
    console.log(lines.join('\n'));
    return { measurements, plans, seqScans };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The dashboards' queries before the pre-aggregates (migration 1764710000000), verbatim but for the scope:
 * the "before" column of the README, timed on the same data in the same run. `org` null is ADMIN.
 */
const BEFORE: Record<string, (org: string | null) => { sql: string; params: unknown[] }[]> = {
  'summary: province LEADER': (org) => beforeSummary(org),
  'summary: ADMIN': (org) => beforeSummary(org),
  'overdue: province LEADER': (org) => beforeOverdue(org),
  'overdue: ADMIN': (org) => beforeOverdue(org),
  'bottlenecks: province LEADER': (org) => beforeBottlenecks(org),
  'bottlenecks: ADMIN': (org) => beforeBottlenecks(org),
  'throughput month: province LEADER': (org) => beforeThroughput(org),
  'throughput month: ADMIN': (org) => beforeThroughput(org),
  'priority-share year: province LEADER': (org) => beforePriorityShare(org),
  'priority-share year: ADMIN': (org) => beforePriorityShare(org),
};

const scopeOf = (org: string | null, alias: string, params: unknown[]) => {
  if (org === null) return 'TRUE';
  params.push(org);
  return `${alias}.org_chain @> ARRAY[$${params.length}::text]`;
};

function beforeSummary(org: string | null) {
  const params: unknown[] = [new Date().toISOString()];
  const where = scopeOf(org, 'd', params);
  const grouped = (column: string) => ({
    sql: `SELECT ${column} AS key, count(*)::int AS count, count(*) FILTER (WHERE current_due_at < $1)::int AS overdue
          FROM dossiers d WHERE ${where} AND status = 'IN_PROGRESS' GROUP BY ${column} ORDER BY ${column}`,
    params,
  });
  return [
    {
      sql: `SELECT status, count(*)::int AS count FROM dossiers d WHERE $1::timestamptz IS NOT NULL AND ${where} GROUP BY status`,
      params,
    },
    grouped('current_stage_name'),
    grouped('current_level'),
  ];
}

function beforeOverdue(org: string | null) {
  const params: unknown[] = [new Date().toISOString()];
  const where = `${scopeOf(org, 'd', params)} AND d.status = 'IN_PROGRESS' AND d.current_due_at < $1`;
  return [
    { sql: `SELECT count(*)::int AS total FROM dossiers d WHERE ${where}`, params },
    {
      sql: `SELECT d.id, d.award_code, d.nominee_name, d.origin_org_code, d.current_stage_name, d.current_level,
              d.current_org_code, d.current_actor_role, d.current_due_at,
              (SELECT array_agg(u.username ORDER BY u.username) FROM users u JOIN org_units o ON o.id = u.org_unit_id
                WHERE o.code = d.current_org_code AND u.role = d.current_actor_role AND u.active) AS must_act
            FROM dossiers d WHERE ${where} ORDER BY d.current_due_at, d.id LIMIT 100`,
      params,
    },
  ];
}

function beforeBottlenecks(org: string | null) {
  const params: unknown[] = [];
  const where = scopeOf(org, 'p', params);
  return [
    {
      sql: `SELECT p.stage_name, p.org_code, p.level,
              count(*) FILTER (WHERE p.left_at IS NULL AND d.status = 'IN_PROGRESS')::int AS waiting,
              min(p.entered_at) FILTER (WHERE p.left_at IS NULL AND d.status = 'IN_PROGRESS') AS oldest,
              count(*) FILTER (WHERE p.left_at IS NOT NULL)::int AS completed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY p.working_days) FILTER (WHERE p.left_at IS NOT NULL) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY p.working_days) FILTER (WHERE p.left_at IS NOT NULL) AS p90,
              count(*) FILTER (WHERE p.left_at IS NOT NULL AND p.returns > 0)::int AS returned
            FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id
            WHERE ${where} GROUP BY p.stage_name, p.org_code, p.level`,
      params,
    },
  ];
}

function lastYear(): [string, string] {
  const day = 86400_000;
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const from = new Date(new Date(`${today}T00:00:00+07:00`).getTime() - 365 * day);
  const to = new Date(new Date(`${today}T00:00:00+07:00`).getTime() + day);
  return [from.toISOString(), to.toISOString()];
}

function beforeThroughput(org: string | null) {
  const params: unknown[] = ['month', ...lastYear()];
  const where = scopeOf(org, 'd', params);
  return [
    {
      sql: `SELECT to_char(date_trunc($1, e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') AS bucket,
              count(*) FILTER (WHERE e.action = 'submit')::int AS submitted,
              count(*) FILTER (WHERE e.to_status IN ('APPROVED','REJECTED'))::int AS decided,
              count(*) FILTER (WHERE e.action = 'return')::int AS returned
            FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
            WHERE (e.action IN ('submit','return') OR e.to_status IN ('APPROVED','REJECTED'))
              AND e.occurred_at >= $2 AND e.occurred_at < $3 AND ${where}
            GROUP BY 1 ORDER BY 1`,
      params,
    },
  ];
}

function beforePriorityShare(org: string | null) {
  const params: unknown[] = ['year', ...lastYear(), 10];
  const where = scopeOf(org, 'd', params);
  return [
    {
      sql: `SELECT to_char(date_trunc($1, e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') AS bucket,
              d.origin_org_code AS org, count(*)::int AS approved,
              count(*) FILTER (WHERE d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true')::int AS direct,
              count(*) FILTER (WHERE d.nominee_kind = 'COLLECTIVE' AND (d.nominee->>'memberCount')::int <= $4)::int AS small
            FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
            WHERE e.to_status = 'APPROVED' AND e.occurred_at >= $2 AND e.occurred_at < $3 AND ${where}
            GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    },
  ];
}

test(`reads over ${N.toLocaleString('en')} dossiers`, async () => {
  await main(process.env.BENCH_DATABASE_URL!);
});
