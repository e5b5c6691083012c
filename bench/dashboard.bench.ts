/**
 * The leadership dashboards at scale: `npm run bench:dashboard` (BENCH_DOSSIERS, default 1,000,000).
 * Runs on its own embedded PostgreSQL (bench/global-setup.ts), applies the migrations, fills the read model with generated dossiers,
 * stage passages and events (14 provinces × 10 districts × 5 units), then times each dashboard for one
 * province's LEADER and prints the plan of each query. Prints figures; asserts nothing about speed.
 */
import { migrate } from '../apps/api/migrate';
import type { AuthUser } from '../apps/api/src/auth/auth-user';
import { DashboardService } from '../apps/api/src/dashboard/dashboard.service';
import { openDataSource } from '../libs/persistence/data-source';

const N = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);

test(`dashboards over ${N} dossiers`, async () => {
  const url = process.env.BENCH_DATABASE_URL!;
  await migrate(url, { seed: false, password: 'x' });
  const ds = await openDataSource(url, { poolSize: 2, applicationName: 'bench' });
  try {
    const t0 = Date.now();
    // Dossier i: unit u = i % 700, district u / 5, province u / 50. Status mix like a working year.
    await ds.query(`
      INSERT INTO dossiers (id, workflow_id, award_code, award_name, nominee_kind, nominee_name, nominee, achievement_summary,
        origin_org_code, org_chain, status, stage_index, current_stage_name, current_level, current_org_code,
        current_actor_role, route, created_by, created_at, updated_at, submitted_at, version, current_due_at)
      SELECT md5(i::text)::uuid, 'dossier-' || i, 'GIAY_KHEN', 'Giấy khen',
        CASE WHEN i % 3 = 0 THEN 'COLLECTIVE' ELSE 'INDIVIDUAL' END, 'n' || i,
        CASE WHEN i % 3 = 0 THEN jsonb_build_object('kind','COLLECTIVE','name','n','memberCount', 3 + i % 20)
             ELSE jsonb_build_object('kind','INDIVIDUAL','name','n','directWorker', i % 4 = 0) END,
        'x', 'u' || (i % 700), ARRAY['u' || (i % 700), 'd' || (i % 700 / 5), 'p' || (i % 700 / 50), 'trung-uong'],
        s.status, 0,
        CASE WHEN s.status = 'IN_PROGRESS' THEN (ARRAY['APPRAISAL','COUNCIL','SUBMISSION'])[1 + i % 3] END,
        CASE WHEN s.status = 'IN_PROGRESS' THEN 'DISTRICT' END,
        CASE WHEN s.status = 'IN_PROGRESS' THEN 'd' || (i % 700 / 5) END,
        CASE WHEN s.status = 'IN_PROGRESS' THEN 'REVIEWER' END,
        '{}'::jsonb, 'bench', now() - (i % 400) * interval '1 day', now(), now() - (i % 400) * interval '1 day', 4,
        CASE WHEN s.status = 'IN_PROGRESS' THEN now() + ((i % 41) - 20) * interval '1 day' END
      FROM generate_series(1, ${N}) i,
        LATERAL (SELECT (ARRAY['IN_PROGRESS','APPROVED','APPROVED','REJECTED','RETURNED','DRAFT','WITHDRAWN','APPROVED'])[1 + i % 8] AS status) s`);
    await ds.query(`
      INSERT INTO stage_passages (dossier_id, passage, stage_index, stage_name, level, org_code, actor_role, award_code,
        org_chain, entered_at, left_at, working_days, returns, outcome)
      SELECT d.id, k, k - 1, (ARRAY['UNIT_REVIEW','APPRAISAL','COUNCIL'])[k], CASE WHEN k = 1 THEN 'UNIT' ELSE 'DISTRICT' END,
        d.org_chain[CASE WHEN k = 1 THEN 1 ELSE 2 END], 'REVIEWER', d.award_code, d.org_chain,
        d.submitted_at + (k - 1) * interval '5 days',
        CASE WHEN k < 3 OR d.status <> 'IN_PROGRESS' THEN d.submitted_at + k * interval '5 days' END,
        CASE WHEN k < 3 OR d.status <> 'IN_PROGRESS' THEN (hashtext(d.id::text || k) & 15) END,
        CASE WHEN hashtext(d.id::text || 'r' || k) % 7 = 0 THEN 1 ELSE 0 END,
        CASE WHEN k < 3 OR d.status <> 'IN_PROGRESS' THEN 'FORWARDED' END
      FROM dossiers d, generate_series(1, 3) k WHERE d.status <> 'DRAFT'`);
    await ds.query(`
      INSERT INTO dossier_events (dossier_id, seq, action, actor_username, actor_display_name, actor_role, actor_org_code,
        to_status, occurred_at, prev_hash, hash)
      SELECT d.id, e.seq, e.action, 'bench', 'bench', 'CLERK', d.origin_org_code, e.to_status, d.submitted_at + e.seq * interval '4 days',
        repeat('0', 64), repeat('0', 64) -- synthetic rows for read benchmarks: not a verifiable audit chain
      FROM dossiers d, LATERAL (VALUES (1, 'create', 'DRAFT'), (2, 'submit', 'IN_PROGRESS'),
        (3, CASE WHEN d.status IN ('APPROVED','REJECTED') THEN 'decide' ELSE 'return' END,
            CASE WHEN d.status IN ('APPROVED','REJECTED') THEN d.status ELSE 'RETURNED' END)) e(seq, action, to_status)`);
    await ds.query('VACUUM ANALYZE');
    const counts = await ds.query(
      `SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM stage_passages) AS passages,
              (SELECT count(*) FROM dossier_events) AS events`,
    );
    console.log(`generated ${JSON.stringify(counts[0])} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const service = new DashboardService(ds);
    const leader: AuthUser = { id: 'x', username: 'p3.leader', displayName: 'x', role: 'LEADER', orgUnitCode: 'p3' };
    const district: AuthUser = { ...leader, username: 'd31.leader', orgUnitCode: 'd31' };
    const cases: [string, () => Promise<unknown>][] = [
      ['summary (province)', () => service.summary(leader)],
      ['overdue (province, 100)', () => service.overdue(leader, {})],
      ['bottlenecks (province)', () => service.bottlenecks(leader)],
      ['throughput month (province)', () => service.throughput(leader, { period: 'month' })],
      ['priority-share year (province)', () => service.priorityShare(leader, { period: 'year' })],
      ['summary (district)', () => service.summary(district)],
      ['bottlenecks (district)', () => service.bottlenecks(district)],
    ];
    const lines: string[] = [];
    for (const [name, run] of cases) {
      await run(); // warm the cache
      const times: number[] = [];
      for (let k = 0; k < 3; k++) {
        const s = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      times.sort((a, b) => a - b);
      lines.push(`${name.padEnd(32)} median ${times[1].toFixed(0).padStart(6)} ms`);
    }
    console.log(lines.join('\n'));
  } finally {
    await ds.destroy();
  }
});
