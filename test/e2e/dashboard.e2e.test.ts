/**
 * The leadership dashboards against a generated dataset: dossiers, stage passages and events written straight
 * into PostgreSQL under two provinces (random, fixed seed), with every expected figure computed here in
 * TypeScript, independently of the SQL. Figures are checked as of the `asOf` instant each answer reports.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { WorkingCalendar } from '../../libs/calendar';
import { AWARD_CATALOG, computeRoute, type NomineeKind, type OrgLevel, type OrgNode } from '../../libs/domain';
import { vietnamDate } from '../../libs/domain/deadlines';
import { PRIORITY_RULES } from '../../libs/domain/priority';
import { loadAnnouncements } from '../../libs/persistence/calendar';
import { demoUsers } from '../../libs/persistence/seed';
import { drainBatch } from '../../activities/dashboard-writer';
import { adoptRules, markAllDirty, markDirty, markDirtySql } from '../../libs/persistence/summaries';
import {
  dashboardsCaughtUp,
  expectDashboardAggregatesToMatchRawTables,
  writerSummariesAndRecomputation,
} from '../support/dashboard-aggregates';
import { apiClient } from '../support/http';
import { startStack, type TestStack } from '../support/stack';
import { openDataSource } from '../../libs/persistence/data-source';
import { GENESIS, eventHash, type ChainedEvent } from '../../libs/persistence/audit-chain';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261125);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const DAY = 86400_000;

const ORGS: { code: string; name: string; level: OrgLevel; parent: string }[] = [
  { code: 'dash-na-d1', name: 'Huyện A1', level: 'DISTRICT', parent: 'nghe-an' },
  { code: 'dash-na-d2', name: 'Huyện A2', level: 'DISTRICT', parent: 'nghe-an' },
  { code: 'dash-na-u1', name: 'Đơn vị A1', level: 'UNIT', parent: 'dash-na-d1' },
  { code: 'dash-na-u2', name: 'Đơn vị A2', level: 'UNIT', parent: 'dash-na-d2' },
  { code: 'dash-th-d1', name: 'Huyện B1', level: 'DISTRICT', parent: 'thanh-hoa' },
  { code: 'dash-th-u1', name: 'Đơn vị B1', level: 'UNIT', parent: 'dash-th-d1' },
];
const LEVEL_OF: Record<string, OrgLevel> = { 'nghe-an': 'PROVINCE', 'thanh-hoa': 'PROVINCE', 'trung-uong': 'CENTRAL' };
for (const o of ORGS) LEVEL_OF[o.code] = o.level;
const PARENT: Record<string, string> = { 'nghe-an': 'trung-uong', 'thanh-hoa': 'trung-uong' };
for (const o of ORGS) PARENT[o.code] = o.parent;
const chainOf = (code: string): OrgNode[] => {
  const out: OrgNode[] = [];
  for (let c: string | undefined = code; c; c = PARENT[c]) out.push({ code: c, name: c, level: LEVEL_OF[c] });
  return out;
};

interface Passage {
  stage: string;
  org: string;
  level: string;
  role: string;
  enteredAt: Date;
  leftAt: Date | null;
  workingDays: number | null;
  returns: number;
}
interface Dossier {
  id: string;
  origin: string;
  chain: string[];
  status: 'DRAFT' | 'IN_PROGRESS' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
  kind: NomineeKind;
  directWorker: boolean;
  memberCount: number | null;
  current: { stage: string; level: string; org: string; role: string } | null;
  dueAt: Date | null;
  passages: Passage[];
  events: { action: string; toStatus: string; at: Date }[];
}

const now = Date.now();
function generate(n: number): Dossier[] {
  const origins = ['dash-na-u1', 'dash-na-u2', 'dash-na-d1', 'dash-na-d2', 'dash-th-u1', 'dash-th-d1'];
  const awards = ['GIAY_KHEN', 'BANG_KHEN_CHU_TICH_TINH', 'CO_THI_DUA_TINH', 'CHIEN_SI_THI_DUA_TINH'];
  const out: Dossier[] = [];
  while (out.length < n) {
    const origin = pick(origins);
    const code = pick(awards);
    const award = AWARD_CATALOG.find((a) => a.code === code)!;
    const kind = pick(award.nomineeKinds);
    const chain = chainOf(origin);
    const route = computeRoute(chain, award, kind);
    const status = pick([
      'DRAFT',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'RETURNED',
      'APPROVED',
      'APPROVED',
      'REJECTED',
      'WITHDRAWN',
    ] as const);
    const d: Dossier = {
      id: randomUUID(),
      origin,
      chain: chain.map((o) => o.code),
      status,
      kind,
      directWorker: kind === 'INDIVIDUAL' && rand() < 0.4,
      memberCount: kind === 'COLLECTIVE' ? int(3, 30) : null,
      current: null,
      dueAt: null,
      passages: [],
      events: [],
    };
    let t = now - int(60, 420) * DAY - int(0, 86_000) * 1000;
    d.events.push({ action: 'create', toStatus: 'DRAFT', at: new Date(t - DAY) });
    if (status !== 'DRAFT') {
      d.events.push({ action: 'submit', toStatus: 'IN_PROGRESS', at: new Date(t) });
      // Finished dossiers pass every stage (APPROVED) or stop somewhere; open ones wait at a random stage.
      const last = status === 'APPROVED' ? route.stages.length : int(1, route.stages.length);
      for (let k = 0; k < last; k++) {
        const s = route.stages[k];
        const open = k === last - 1 && status !== 'APPROVED' && status !== 'REJECTED' && status !== 'WITHDRAWN';
        const returns = rand() < 0.2 ? 1 : 0;
        const span = int(0, 5) * DAY + int(60, 20_000) * 1000;
        const p: Passage = {
          stage: s.name,
          org: s.orgUnitCode,
          level: s.level,
          role: s.role,
          enteredAt: new Date(t),
          leftAt: open ? null : new Date(t + span),
          workingDays: open ? null : int(0, 20),
          returns,
        };
        if (returns) d.events.push({ action: 'return', toStatus: 'RETURNED', at: new Date(t + span / 2) });
        d.passages.push(p);
        if (open) {
          d.current =
            status === 'RETURNED'
              ? { stage: 'SUPPLEMENT', level: LEVEL_OF[origin], org: origin, role: 'CLERK' }
              : { stage: s.name, level: s.level, org: s.orgUnitCode, role: s.role };
          // Due instants at least two hours away from now, so "overdue" cannot change during the test.
          if (status === 'IN_PROGRESS')
            d.dueAt = new Date(now + (rand() < 0.5 ? -1 : 1) * (2 * 3600_000 + int(0, 30) * DAY));
        }
        t += span;
      }
      if (status === 'APPROVED' || status === 'REJECTED')
        d.events.push({ action: status === 'APPROVED' ? 'decide' : 'reject', toStatus: status, at: new Date(t) });
      if (status === 'WITHDRAWN') d.events.push({ action: 'withdraw', toStatus: status, at: new Date(t) });
    } else {
      d.current = { stage: 'DRAFT', level: LEVEL_OF[origin], org: origin, role: 'CLERK' };
    }
    out.push(d);
  }
  return out;
}

const dataset = generate(700);

beforeAll(async () => {
  stack = await startStack('dashboard');
  api = apiClient(stack.baseUrl, stack.demoPassword);
  const db = stack.db;
  for (const o of ORGS) {
    await db.query(
      `INSERT INTO org_units (code, name, level, parent_id) VALUES ($1, $2, $3, (SELECT id FROM org_units WHERE code = $4))
       ON CONFLICT (code) DO NOTHING`,
      [o.code, o.name, o.level, o.parent],
    );
  }
  // A district leader, with the demo password.
  await db.query(
    `INSERT INTO users (username, password_hash, display_name, role, org_unit_id)
     SELECT 'dash-na-d1.leader', password_hash, 'Lãnh đạo huyện A1', 'LEADER', (SELECT id FROM org_units WHERE code = 'dash-na-d1')
     FROM users WHERE username = 'nghe-an.leader' ON CONFLICT (username) DO NOTHING`,
  );
  for (const d of dataset) {
    const last = d.events[d.events.length - 1];
    await db.query(
      `INSERT INTO dossiers (id, workflow_id, award_code, award_name, nominee_kind, nominee_name, nominee, achievement_summary,
         origin_org_code, org_chain, status, stage_index, current_stage_name, current_stage_index, current_level,
         current_org_code, current_actor_role, route, created_by, created_at, updated_at, submitted_at, version, current_due_at)
       VALUES ($1, $2, 'GIAY_KHEN', 'Giấy khen', $3, 'Người được đề nghị', $4, 'x', $5, $6, $7, 0, $8, NULL, $9, $10, $11,
         '{"levels":[],"stages":[]}', 'generator', $12, $13, $14, $15, $16)`,
      [
        d.id,
        `dossier-${d.id}`,
        d.kind,
        JSON.stringify({
          kind: d.kind,
          name: 'x',
          directWorker: d.directWorker,
          ...(d.memberCount ? { memberCount: d.memberCount } : {}),
        }),
        d.origin,
        d.chain,
        d.status,
        d.current?.stage ?? null,
        d.current?.level ?? null,
        d.current?.org ?? null,
        d.current?.role ?? null,
        d.events[0].at,
        last.at,
        d.events[1]?.at ?? null,
        d.events.length,
        d.dueAt,
      ],
    );
    // Chained like the projection's rows, so the audit log of the shared database still verifies.
    let prevHash = GENESIS;
    for (const [seq, e] of d.events.entries()) {
      const chained: ChainedEvent = {
        dossierId: d.id,
        seq: seq + 1,
        action: e.action,
        actorUsername: 'generator',
        actorDisplayName: 'generator',
        actorRole: 'CLERK',
        actorOrgCode: d.origin,
        actingFor: null,
        fromStatus: null,
        toStatus: e.toStatus,
        fromStage: null,
        toStage: null,
        reason: null,
        comment: null,
        requestId: null,
        occurredAt: new Date(e.at).toISOString(),
      };
      const hash = eventHash(chained, prevHash);
      await db.query(
        `INSERT INTO dossier_events (dossier_id, seq, action, actor_username, actor_display_name, actor_role, actor_org_code,
           to_status, occurred_at, prev_hash, hash) VALUES ($1, $2, $3, 'generator', 'generator', 'CLERK', $4, $5, $6, $7, $8)`,
        [d.id, seq + 1, e.action, d.origin, e.toStatus, chained.occurredAt, prevHash, hash],
      );
      prevHash = hash;
    }
    for (const [k, p] of d.passages.entries()) {
      await db.query(
        `INSERT INTO stage_passages (dossier_id, passage, stage_index, stage_name, level, org_code, actor_role, award_code,
           org_chain, entered_at, left_at, working_days, returns, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'GIAY_KHEN', $8, $9, $10, $11, $12, $13)`,
        [
          d.id,
          k + 1,
          k,
          p.stage,
          p.level,
          p.org,
          p.role,
          d.chain,
          p.enteredAt,
          p.leftAt,
          p.workingDays,
          p.returns,
          p.leftAt ? 'FORWARDED' : null,
        ],
      );
    }
  }
  // Written straight into PostgreSQL, behind the projection: a rebuild marks every dossier for the writer.
  await markAllDirty(stack.db);
  await dashboardsCaughtUp(stack.db);
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const inScope = (org: string) => dataset.filter((d) => d.chain.includes(org));

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 < v.length ? v[lo] + (pos - lo) * (v[lo + 1] - v[lo]) : v[lo];
}

type SharePeriod = 'month' | 'quarter' | 'year';
interface ShareRow {
  period: string;
  orgUnitCode: string | null;
  approved: number;
  directWorkers: number;
  smallCollectives: number;
  priorityShare: number | null;
}
const approvedOn = (d: Dossier) => vietnamDate(d.events.find((e) => e.toStatus === 'APPROVED')!.at);
const bucketOf = (day: string, period: SharePeriod) =>
  period === 'year'
    ? `${day.slice(0, 4)}-01-01`
    : period === 'month'
      ? `${day.slice(0, 7)}-01`
      : `${day.slice(0, 4)}-${String(Math.floor((+day.slice(5, 7) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
const monthShift = (day: string, months: number) =>
  new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1 + months, 1)).toISOString().slice(0, 10);

/** The priority share of these dossiers' approvals on the Vietnam days from..to, by nominating org and period. */
function expectedPriorityShare(
  ds: Dossier[],
  from: string,
  to: string,
  period: SharePeriod,
  smallCollectiveMaxMembers: number = PRIORITY_RULES.smallCollectiveMaxMembers,
) {
  const m = new Map<string, ShareRow>();
  for (const d of ds.filter((x) => x.status === 'APPROVED')) {
    const day = approvedOn(d);
    if (day < from || day > to) continue;
    const key = `${bucketOf(day, period)}|${d.origin}`;
    const row = m.get(key) ?? {
      period: bucketOf(day, period),
      orgUnitCode: d.origin,
      approved: 0,
      directWorkers: 0,
      smallCollectives: 0,
      priorityShare: null,
    };
    row.approved++;
    if (d.kind === 'INDIVIDUAL' && d.directWorker) row.directWorkers++;
    if (d.kind === 'COLLECTIVE' && d.memberCount! <= smallCollectiveMaxMembers) row.smallCollectives++;
    row.priorityShare = (row.directWorkers + row.smallCollectives) / row.approved;
    m.set(key, row);
  }
  return [...m.values()].sort((a, b) =>
    a.period !== b.period ? (a.period < b.period ? -1 : 1) : a.orgUnitCode! < b.orgUnitCode! ? -1 : 1,
  );
}

/**
 * Ranges whose ends cut months in the middle (the partial months are read by day, the rest by month), one
 * inside a single month, two neighbouring partial months, whole months only, and a whole first month with a
 * partial last one, and one ending on the last approval of its month. All within the generated approvals
 * (60–420 days ago).
 */
function cutRanges(): [string, string][] {
  const early = vietnamDate(new Date(now - 330 * DAY));
  const late = vietnamDate(new Date(now - 120 * DAY));
  const mid = vietnamDate(new Date(now - 220 * DAY));
  const lastOf = (day: string) => vietnamDate(new Date(Date.parse(`${monthShift(day, 1)}T12:00:00Z`) - DAY));
  return [
    [`${early.slice(0, 8)}17`, `${late.slice(0, 8)}11`],
    [`${mid.slice(0, 8)}05`, `${mid.slice(0, 8)}25`],
    [`${mid.slice(0, 8)}20`, `${monthShift(mid, 1).slice(0, 8)}10`],
    [`${early.slice(0, 8)}01`, lastOf(late)],
    [`${early.slice(0, 8)}01`, `${late.slice(0, 8)}11`],
    [`${early.slice(0, 8)}17`, lastApprovalCut(mid)],
  ];
}

/**
 * The last day with a generated approval in the first month from `day`'s on where that is not the month's last
 * day: a range ending there has nothing counted after it in its last month, which is then read from its month row.
 */
function lastApprovalCut(day: string): string {
  const days = dataset.filter((d) => d.status === 'APPROVED').map(approvedOn);
  for (let k = 0; k < 6; k++) {
    const month = monthShift(day, k).slice(0, 7);
    const last = days
      .filter((d) => d.startsWith(month))
      .sort()
      .at(-1);
    if (last && last.slice(0, 7) === vietnamDate(new Date(Date.parse(`${last}T12:00:00Z`) + DAY)).slice(0, 7))
      return last;
  }
  throw new Error('no month whose last approval is before its last day');
}

describe.each(['nghe-an', 'thanh-hoa', 'dash-na-d1'])('dashboards of %s’s leader', (org) => {
  const user = `${org}.leader`;
  const mine = () => inScope(org);

  it('summary: counts by status, stage and level, and overdue counts', async () => {
    const res = await (await api.as(user)).get('/dashboard/summary');
    expect(res.status).toBe(200);
    const asOf = new Date(res.body.asOf).getTime();
    const ds = mine();
    const byStatus: Record<string, number> = {
      DRAFT: 0,
      IN_PROGRESS: 0,
      RETURNED: 0,
      APPROVED: 0,
      REJECTED: 0,
      WITHDRAWN: 0,
    };
    for (const d of ds) byStatus[d.status]++;
    const group = (key: 'stage' | 'level') => {
      const m = new Map<string, { key: string; count: number; overdue: number }>();
      for (const d of ds.filter((x) => x.status === 'IN_PROGRESS')) {
        const k = d.current![key];
        const row = m.get(k) ?? { key: k, count: 0, overdue: 0 };
        row.count++;
        if (d.dueAt!.getTime() < asOf) row.overdue++;
        m.set(k, row);
      }
      return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    };
    const sorted = (rows: { key: string }[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(res.body.total).toBe(ds.length);
    expect(res.body.byStatus).toEqual(byStatus);
    expect(sorted(res.body.inProgressByStage)).toEqual(group('stage'));
    expect(sorted(res.body.inProgressByLevel)).toEqual(group('level'));
    expect(res.body.overdue).toBe(ds.filter((d) => d.status === 'IN_PROGRESS' && d.dueAt!.getTime() < asOf).length);

    const csv = await (await api.as(user)).get('/dashboard/summary?format=csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('section,key,count,overdue');
    expect(lines).toContain(`total,all,${ds.length},${res.body.overdue}`);
    expect(lines).toContain(`status,APPROVED,${byStatus.APPROVED},`);
  });

  it('overdue: most overdue first, with who must act', async () => {
    const res = await (await api.as(user)).get('/dashboard/overdue?limit=1000');
    expect(res.status).toBe(200);
    const asOf = new Date(res.body.asOf).getTime();
    const cal = new WorkingCalendar(await loadAnnouncements(stack.db));
    const users = demoUsers();
    const expected = mine()
      .filter((d) => d.status === 'IN_PROGRESS' && d.dueAt!.getTime() < asOf)
      .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime() || (a.id < b.id ? -1 : 1))
      .map((d) => ({
        id: d.id,
        stage: d.current!.stage,
        orgUnitCode: d.current!.org,
        role: d.current!.role,
        mustAct: users
          .filter((u) => u.orgCode === d.current!.org && u.role === d.current!.role)
          .map((u) => u.username)
          .sort(),
        dueAt: d.dueAt!.toISOString(),
        overdueWorkingDays: Math.max(0, cal.workingDaysBetween(vietnamDate(d.dueAt!), vietnamDate(new Date(asOf)))),
      }));
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body.total).toBe(expected.length);
    expect(
      res.body.items.map((i: Record<string, unknown>) => ({
        id: i.id,
        stage: i.stage,
        orgUnitCode: i.orgUnitCode,
        role: i.role,
        mustAct: i.mustAct,
        dueAt: i.dueAt,
        overdueWorkingDays: i.overdueWorkingDays,
      })),
    ).toEqual(expected);
    const csv = await (await api.as(user)).get('/dashboard/overdue?limit=1000&format=csv');
    expect(csv.text.trim().split('\n')).toHaveLength(expected.length + 1);
  });

  it('bottlenecks: waiting, oldest wait, median and p90 working days, return rate', async () => {
    const res = await (await api.as(user)).get('/dashboard/bottlenecks');
    expect(res.status).toBe(200);
    const asOf = new Date(res.body.asOf);
    const cal = new WorkingCalendar(await loadAnnouncements(stack.db));
    const groups = new Map<string, { d: Dossier; p: Passage }[]>();
    for (const d of mine()) {
      for (const p of d.passages) {
        const k = `${p.stage}|${p.org}|${p.level}`;
        groups.set(k, [...(groups.get(k) ?? []), { d, p }]);
      }
    }
    const expected = [...groups.entries()].map(([k, rows]) => {
      const [stage, orgUnitCode, level] = k.split('|');
      const waiting = rows.filter((r) => !r.p.leftAt && r.d.status === 'IN_PROGRESS');
      const done = rows.filter((r) => r.p.leftAt);
      const oldest = waiting.length ? new Date(Math.min(...waiting.map((r) => r.p.enteredAt.getTime()))) : null;
      return {
        stage,
        orgUnitCode,
        level,
        waiting: waiting.length,
        oldestWaitSince: oldest ? oldest.toISOString() : null,
        oldestWaitWorkingDays: oldest
          ? Math.max(0, cal.workingDaysBetween(vietnamDate(oldest), vietnamDate(asOf)))
          : null,
        completedPassages: done.length,
        medianWorkingDays: percentile(
          done.map((r) => r.p.workingDays!),
          0.5,
        ),
        p90WorkingDays: percentile(
          done.map((r) => r.p.workingDays!),
          0.9,
        ),
        returnRate: done.length ? done.filter((r) => r.p.returns > 0).length / done.length : null,
      };
    });
    expected.sort(
      (a, b) =>
        b.waiting - a.waiting ||
        (b.p90WorkingDays ?? -1) - (a.p90WorkingDays ?? -1) ||
        a.stage.localeCompare(b.stage) ||
        a.orgUnitCode.localeCompare(b.orgUnitCode),
    );
    expect(res.body.items).toHaveLength(expected.length);
    res.body.items.forEach((got: Record<string, number | string | null>, i: number) => {
      const want = expected[i];
      for (const key of ['medianWorkingDays', 'p90WorkingDays', 'returnRate'] as const) {
        if (want[key] === null) expect(got[key]).toBeNull();
        else expect(got[key]).toBeCloseTo(want[key]!, 9);
      }
      const { medianWorkingDays: _m, p90WorkingDays: _p, returnRate: _r, ...rest } = want;
      expect(got).toMatchObject(rest);
    });
  });

  it('throughput: submitted, decided and returned per week and per month', async () => {
    const from = vietnamDate(new Date(now - 450 * DAY));
    const to = vietnamDate(new Date(now));
    const vnBucket = (at: Date, period: 'week' | 'month') => {
      const day = vietnamDate(at);
      if (period === 'month') return `${day.slice(0, 7)}-01`;
      const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      return new Date(new Date(`${day}T00:00:00Z`).getTime() - dow * DAY).toISOString().slice(0, 10);
    };
    for (const period of ['week', 'month'] as const) {
      const res = await (await api.as(user)).get(`/dashboard/throughput?period=${period}&from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      const m = new Map<string, { period: string; submitted: number; decided: number; returned: number }>();
      for (const d of mine()) {
        for (const e of d.events) {
          const key =
            e.action === 'submit'
              ? 'submitted'
              : e.action === 'return'
                ? 'returned'
                : ['APPROVED', 'REJECTED'].includes(e.toStatus)
                  ? 'decided'
                  : null;
          if (!key) continue;
          const b = vnBucket(e.at, period);
          const row = m.get(b) ?? { period: b, submitted: 0, decided: 0, returned: 0 };
          row[key]++;
          m.set(b, row);
        }
      }
      expect(res.body.rows).toEqual([...m.values()].sort((a, b) => (a.period < b.period ? -1 : 1)));
    }
  });

  it('priority-share: direct workers and small collectives among approved awards, by org and period', async () => {
    const from = vietnamDate(new Date(now - 450 * DAY));
    const res = await (await api.as(user)).get(`/dashboard/priority-share?period=month&from=${from}`);
    expect(res.status).toBe(200);
    expect(res.body.smallCollectiveMaxMembers).toBe(PRIORITY_RULES.smallCollectiveMaxMembers);
    const m = new Map<
      string,
      { period: string; orgUnitCode: string; approved: number; directWorkers: number; smallCollectives: number }
    >();
    for (const d of mine().filter((x) => x.status === 'APPROVED')) {
      const at = d.events.find((e) => e.toStatus === 'APPROVED')!.at;
      const key = `${vietnamDate(at).slice(0, 7)}-01|${d.origin}`;
      const row = m.get(key) ?? {
        period: `${vietnamDate(at).slice(0, 7)}-01`,
        orgUnitCode: d.origin,
        approved: 0,
        directWorkers: 0,
        smallCollectives: 0,
      };
      row.approved++;
      if (d.kind === 'INDIVIDUAL' && d.directWorker) row.directWorkers++;
      if (d.kind === 'COLLECTIVE' && d.memberCount! <= PRIORITY_RULES.smallCollectiveMaxMembers) row.smallCollectives++;
      m.set(key, row);
    }
    const expected = [...m.values()]
      .sort((a, b) => (a.period + a.orgUnitCode < b.period + b.orgUnitCode ? -1 : 1))
      .map((r) => ({ ...r, priorityShare: (r.directWorkers + r.smallCollectives) / r.approved }));
    expect(res.body.rows).toEqual(expected);
    const approvedAll = expected.reduce((n, r) => n + r.approved, 0);
    expect(res.body.totals.reduce((n: number, r: { approved: number }) => n + r.approved, 0)).toBe(approvedAll);
  });

  it('priority-share over days that cut months: partial months at both ends, by month, quarter and year', async () => {
    const client = await api.as(user);
    let counted = 0;
    for (const [from, to] of cutRanges()) {
      for (const period of ['month', 'quarter', 'year'] as const) {
        const res = await client.get(`/dashboard/priority-share?period=${period}&from=${from}&to=${to}`);
        expect(res.status).toBe(200);
        const expected = expectedPriorityShare(mine(), from, to, period);
        counted += expected.length;
        expect({ from, to, period, rows: res.body.rows }).toEqual({ from, to, period, rows: expected });
        const totals = new Map<string, number>();
        for (const r of expected) totals.set(r.period, (totals.get(r.period) ?? 0) + r.approved);
        expect(res.body.totals.map((t: ShareRow) => [t.period, t.approved])).toEqual([...totals.entries()]);
      }
    }
    expect(counted).toBeGreaterThan(0);
  });

  /** Every page of GET /dossiers with these filters, a few rows a page so that the keyset paging is exercised. */
  async function allPages(query: string): Promise<string[]> {
    const client = await api.as(user);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await client.get(`/dossiers?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    return ids.sort();
  }
  const idsOf = (ds: Dossier[]) => ds.map((d) => d.id).sort();

  it('drill-down: the dossiers behind each figure, through GET /dossiers and its keyset paging', async () => {
    // Overdue by the org unit where they wait.
    const overdue = await (await api.as(user)).get('/dashboard/overdue?limit=1000');
    const asOf = new Date(overdue.body.asOf).getTime();
    const byOrg = new Map<string, number>();
    for (const i of overdue.body.items as { orgUnitCode: string }[])
      byOrg.set(i.orgUnitCode, (byOrg.get(i.orgUnitCode) ?? 0) + 1);
    expect(byOrg.size).toBeGreaterThan(0);
    for (const [org, count] of byOrg) {
      const got = await allPages(`overdue=true&orgUnit=${org}`);
      expect(got).toHaveLength(count);
      expect(got).toEqual(
        idsOf(mine().filter((d) => d.status === 'IN_PROGRESS' && d.dueAt!.getTime() < asOf && d.current!.org === org)),
      );
    }
    const notOverdue = await allPages('overdue=false&status=IN_PROGRESS');
    expect(notOverdue).toEqual(idsOf(mine().filter((d) => d.status === 'IN_PROGRESS' && d.dueAt!.getTime() >= asOf)));

    // A stage at an org of the bottleneck chart: the dossiers that passed through it or wait there.
    const bottlenecks = await (await api.as(user)).get('/dashboard/bottlenecks');
    for (const b of (bottlenecks.body.items as { stage: string; orgUnitCode: string }[]).slice(0, 3)) {
      const got = await allPages(`throughStage=${b.stage}&throughOrgUnit=${b.orgUnitCode}`);
      expect(got).toEqual(
        idsOf(mine().filter((d) => d.passages.some((p) => p.stage === b.stage && p.org === b.orgUnitCode))),
      );
    }

    // A month of the throughput chart: the dossiers decided in it, as many as the bar says.
    const from = vietnamDate(new Date(now - 450 * DAY));
    const throughput = await (await api.as(user)).get(`/dashboard/throughput?period=month&from=${from}`);
    const busiest = [...(throughput.body.rows as { period: string; decided: number }[])].sort(
      (a, b) => b.decided - a.decided,
    )[0];
    expect(busiest.decided).toBeGreaterThan(0);
    const start = busiest.period;
    const end = vietnamDate(new Date(Date.UTC(+start.slice(0, 4), +start.slice(5, 7), 0, 12)));
    const decided = await allPages(`event=decided&from=${start}&to=${end}`);
    expect(decided).toHaveLength(busiest.decided);
    expect(decided).toEqual(
      idsOf(
        mine().filter((d) =>
          d.events.some(
            (e) =>
              ['APPROVED', 'REJECTED'].includes(e.toStatus) && vietnamDate(e.at) >= start && vietnamDate(e.at) <= end,
          ),
        ),
      ),
    );

    // A nominating org's approvals in a period (priority share).
    const share = await (await api.as(user)).get(`/dashboard/priority-share?period=year&from=${from}`);
    const row = (share.body.rows as { period: string; orgUnitCode: string; approved: number }[])[0];
    const yearEnd = `${row.period.slice(0, 4)}-12-31`;
    const approved = await allPages(
      `status=APPROVED&event=decided&origin=${row.orgUnitCode}&from=${row.period < from ? from : row.period}&to=${yearEnd}`,
    );
    expect(approved).toHaveLength(row.approved);

    // Bad filters are 400s that name the field.
    const client = await api.as(user);
    for (const [query, field] of [
      ['overdue=yes', 'overdue'],
      ['from=2026-01-01', 'event'],
      ['event=decided&from=2026-02-01&to=2026-01-01', 'from'],
      ['event=closed', 'event'],
      ['throughStage=NOWHERE', 'throughStage'],
      ['to=2026-13-01&event=decided', 'to'],
    ]) {
      const res = await client.get(`/dossiers?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
  });
});

it('a LEADER of one province never sees another’s dossiers; other roles are refused', async () => {
  const theirs = new Set(inScope('nghe-an').map((d) => d.id));
  const res = await (await api.as('thanh-hoa.leader')).get('/dashboard/overdue?limit=1000');
  expect(res.body.items.length).toBeGreaterThan(0);
  expect(res.body.items.filter((i: { id: string }) => theirs.has(i.id))).toEqual([]);
  const summary = await (await api.as('thanh-hoa.leader')).get('/dashboard/summary');
  expect(summary.body.total).toBe(inScope('thanh-hoa').length);
  expect((await (await api.as('nghe-an.clerk')).get('/dashboard/summary')).status).toBe(403);
  expect((await (await api.as('nghe-an.leader')).get('/dashboard/throughput?period=day')).status).toBe(400);
  const admin = await (await api.as('admin')).get('/dashboard/summary');
  expect(admin.body.total).toBeGreaterThanOrEqual(dataset.length);
});

it('priority-share for ADMIN (the country) over days that cut months counts the generated orgs’ approvals exactly', async () => {
  const client = await api.as('admin');
  const [from, to] = cutRanges()[0];
  // Not vacuous: approvals fall on the partial months' days at both ends, which are read by day.
  const days = dataset.filter((d) => d.status === 'APPROVED').map(approvedOn);
  expect(days.filter((d) => d >= from && d < monthShift(from, 1)).length).toBeGreaterThan(0);
  expect(days.filter((d) => d.slice(0, 7) === to.slice(0, 7) && d <= to).length).toBeGreaterThan(0);
  // And one range whose last, partial month has approvals up to its end and nothing counted after it in the
  // country's scope, so that month is read from its month row.
  const cut = cutRanges().at(-1)![1];
  expect(days.filter((d) => d.slice(0, 7) === cut.slice(0, 7) && d <= cut).length).toBeGreaterThan(0);
  const after = (await stack.db.query(
    `SELECT count(*)::int AS n FROM summary_approval_days WHERE scope = '*' AND day > $1::date
       AND day < (date_trunc('month', $1::timestamp) + interval '1 month')::date`,
    [cut],
  )) as { n: number }[];
  expect(after[0].n).toBe(0);
  for (const [f, t] of cutRanges()) {
    for (const period of ['month', 'quarter', 'year'] as const) {
      const res = await client.get(`/dashboard/priority-share?period=${period}&from=${f}&to=${t}`);
      expect(res.status).toBe(200);
      // Other test files' dossiers share the database: only the orgs generated here are known.
      const rows = (res.body.rows as ShareRow[]).filter((r) => r.orgUnitCode!.startsWith('dash-'));
      expect({ f, t, period, rows }).toEqual({ f, t, period, rows: expectedPriorityShare(dataset, f, t, period) });
      for (const total of res.body.totals as ShareRow[]) {
        const of = (res.body.rows as ShareRow[]).filter((r) => r.period === total.period);
        expect(total.approved).toBe(of.reduce((n, r) => n + r.approved, 0));
      }
    }
  }
});

it('the writer’s summaries equal their recomputation from the raw rows written straight into PostgreSQL', async () => {
  // The rows were written behind the projection's back and then all marked (a rebuild): once drained, every summary
  // row is the sum the raw tables give.
  const [written, recomputed] = await writerSummariesAndRecomputation(stack.db);
  expect(written).toEqual(recomputed);
  // Not vacuous: the generated dossiers are counted in every summary, under each province's scope.
  for (const [table, rows] of Object.entries(written)) {
    expect([table, rows.some((r) => r.includes('"scope":"nghe-an"'))]).toEqual([table, true]);
  }
});

it('a release that changes the small-collective threshold reclassifies the approvals once, at the migrate step', async () => {
  const db = stack.db;
  const rule = PRIORITY_RULES.smallCollectiveMaxMembers;
  const released = rule + 10;
  // Not vacuous: some approved collectives are small under one threshold and not under the other.
  expect(
    dataset.some(
      (d) => d.status === 'APPROVED' && d.kind === 'COLLECTIVE' && d.memberCount! > rule && d.memberCount! <= released,
    ),
  ).toBe(true);
  const [from, to] = cutRanges()[0];
  const share = async (user: string) =>
    (await (await api.as(user)).get(`/dashboard/priority-share?period=quarter&from=${from}&to=${to}`)).body as {
      smallCollectiveMaxMembers: number;
      rows: ShareRow[];
    };
  const generatedRows = (rows: ShareRow[]) => rows.filter((r) => r.orgUnitCode!.startsWith('dash-'));
  try {
    // Two starters of that release at once: one adopts the rule and marks every dossier, the other then finds it
    // in place; the writer recounts them all.
    const adopted = await Promise.all([
      adoptRules(db, { smallCollectiveMaxMembers: released }),
      adoptRules(db, { smallCollectiveMaxMembers: released }),
    ]);
    expect(adopted.filter(Boolean)).toEqual([true]);
    expect(await adoptRules(db, { smallCollectiveMaxMembers: released })).toBe(false);
    await expectDashboardAggregatesToMatchRawTables(db);
    const leader = await share('nghe-an.leader');
    expect(leader.smallCollectiveMaxMembers).toBe(released);
    expect(leader.rows).toEqual(expectedPriorityShare(inScope('nghe-an'), from, to, 'quarter', released));
    expect(leader.rows).not.toEqual(expectedPriorityShare(inScope('nghe-an'), from, to, 'quarter', rule));
    const admin = await share('admin');
    expect(generatedRows(admin.rows)).toEqual(expectedPriorityShare(dataset, from, to, 'quarter', released));
  } finally {
    // The stored rules set aside by hand (as a restore from another release would leave them): adopting the code's
    // rules puts them back and recounts again.
    await db.query(`UPDATE summary_writer SET rules = jsonb_build_object('smallCollectiveMaxMembers', $1::int)`, [
      released + 5,
    ]);
    expect(await adoptRules(db)).toBe(true);
  }
  await expectDashboardAggregatesToMatchRawTables(db);
  const admin = await share('admin');
  expect(admin.smallCollectiveMaxMembers).toBe(rule);
  expect(generatedRows(admin.rows)).toEqual(expectedPriorityShare(dataset, from, to, 'quarter', rule));
});

/**
 * A copy of a generated dossier, its row and its passages, under a new id (the triggers count it like any other);
 * `enteredAt` moves the entry of its open passage.
 */
async function copyDossier(src: Dossier, opts: { enteredAt?: Date } = {}): Promise<string> {
  const id = randomUUID();
  const copy = (table: string, key: string, extra: string) =>
    `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(t) || ${extra})).* FROM ${table} t WHERE t.${key} = $2`;
  await stack.db.query(copy('dossiers', 'id', `jsonb_build_object('id', $1::text, 'workflow_id', 'dossier-' || $1)`), [
    id,
    src.id,
  ]);
  await stack.db.query(
    copy(
      'stage_passages',
      'dossier_id',
      `jsonb_build_object('dossier_id', $1::text) || CASE WHEN t.left_at IS NULL AND $3::timestamptz IS NOT NULL
         THEN jsonb_build_object('entered_at', $3::timestamptz) ELSE '{}'::jsonb END`,
    ),
    [id, src.id, opts.enteredAt ?? null],
  );
  await markDirty(stack.db, [id]);
  return id;
}

/** Deletes copies made by `copyDossier`, then checks that the summaries equal their recomputation. */
async function removeCopies(ids: string[]): Promise<void> {
  await stack.db.query(`DELETE FROM stage_passages WHERE dossier_id = ANY($1::uuid[])`, [ids]);
  await stack.db.query(`DELETE FROM dossiers WHERE id = ANY($1::uuid[])`, [ids]);
  await markDirty(stack.db, ids);
  await expectDashboardAggregatesToMatchRawTables(stack.db);
}

/** A generated dossier that waits at a stage: the one the tests below copy. */
const waitingSource = (): Dossier =>
  dataset.find((d) => d.status === 'IN_PROGRESS' && d.passages.some((p) => !p.leftAt))!;

it('a transition written as one statement (the projection’s data-modifying CTEs) moves the waiting counts by what each passage was counted under', async () => {
  // The dossier's new status, the passage it closes and the one it opens arrive together, with the dirty mark: the
  // writer takes away what the dossier counted before (its stored contribution), not what the new rows would say.
  const db = stack.db;
  const src = waitingSource();
  const id = await copyDossier(src);
  const [open] = (await db.query(
    `SELECT passage, stage_name, org_code, level FROM stage_passages WHERE dossier_id = $1 AND left_at IS NULL`,
    [id],
  )) as { passage: number; stage_name: string; org_code: string; level: string }[];
  expect(open).toBeDefined();
  // One statement: the dossier's status, the passage it leaves closed, the next one opened elsewhere.
  const transition = (status: string, passage: number, to: { stage: string; org: string; level: string }) =>
    db.query(
      `WITH d AS (UPDATE dossiers SET status = $2 WHERE id = $1),
         c AS (UPDATE stage_passages SET left_at = now(), working_days = 1, outcome = 'FORWARDED'
               WHERE dossier_id = $1 AND left_at IS NULL),
         o AS (INSERT INTO stage_passages SELECT (jsonb_populate_record(NULL::stage_passages, to_jsonb(p) ||
                 jsonb_build_object('passage', $3::int, 'stage_name', $4::text, 'org_code', $5::text, 'level', $6::text))).*
               FROM stage_passages p WHERE p.dossier_id = $1 AND p.left_at IS NULL),
         m AS (${markDirtySql('$1')})
       SELECT 1`,
      [id, status, passage, to.stage, to.org, to.level],
    );
  // Returned to the unit that nominated (the dossier no longer waits anywhere), then resubmitted to the stage.
  await transition('RETURNED', open.passage + 1, { stage: 'UNIT_REVIEW', org: src.origin, level: 'UNIT' });
  await expectDashboardAggregatesToMatchRawTables(db);
  await transition('IN_PROGRESS', open.passage + 2, { stage: open.stage_name, org: open.org_code, level: open.level });
  await expectDashboardAggregatesToMatchRawTables(db);
  await dashboardsCaughtUp(db);
  const waiting = (await db.query(
    `SELECT waiting FROM summary_open_passages WHERE scope = '*' AND stage_name = $1 AND org_code = $2 AND level = $3`,
    [open.stage_name, open.org_code, open.level],
  )) as { waiting: number }[];
  expect(waiting[0].waiting).toBe(
    dataset.filter(
      (d) =>
        d.status === 'IN_PROGRESS' &&
        d.current?.stage === open.stage_name &&
        d.current?.org === open.org_code &&
        d.current?.level === open.level,
    ).length + 1,
  );
  await removeCopies([id]);
});

it('the oldest wait of a (stage, org, level) follows the head of its queue as it stops and starts waiting and leaves', async () => {
  // A copy of a waiting dossier whose open passage entered long before any other: it becomes the head for the
  // country, the top of its chain and its unit; then it stops waiting (returned), waits again, and leaves the stage.
  const db = stack.db;
  const src = waitingSource();
  const head = src.passages.find((p) => !p.leftAt)!;
  const entered = new Date('2001-02-03T04:05:06.789Z');
  const id = await copyDossier(src, { enteredAt: entered });
  const scopes = ['*', src.chain[src.chain.length - 1], src.origin];
  // What each scope's row should say, from the generated dataset alone (the copy counted while it waits).
  const expected = (copyWaits: boolean) =>
    scopes.map((scope) => {
      const waits = dataset
        .filter((d) => d.status === 'IN_PROGRESS' && (scope === '*' || d.chain.includes(scope)))
        .flatMap((d) => d.passages)
        .filter((p) => !p.leftAt && p.stage === head.stage && p.org === head.org && p.level === head.level)
        .map((p) => p.enteredAt.getTime());
      if (copyWaits) waits.push(entered.getTime());
      return { scope, oldest: waits.length ? new Date(Math.min(...waits)).toISOString() : null };
    });
  // The writer's rows once the change is marked (as the projection marks it) and drained.
  const kept = async () => {
    await markDirty(db, [id]);
    await dashboardsCaughtUp(db);
    return (
      (await db.query(
        `SELECT scope, oldest_wait FROM summary_open_passages
         WHERE scope = ANY($1) AND stage_name = $2 AND org_code = $3 AND level = $4`,
        [scopes, head.stage, head.org, head.level],
      )) as { scope: string; oldest_wait: Date | null }[]
    )
      .map((r) => ({ scope: r.scope, oldest: r.oldest_wait && r.oldest_wait.toISOString() }))
      .sort((a, b) => scopes.indexOf(a.scope) - scopes.indexOf(b.scope));
  };
  expect(await kept()).toEqual(expected(true));
  expect((await kept()).every((r) => r.oldest === entered.toISOString())).toBe(true);
  await db.query(`UPDATE dossiers SET status = 'RETURNED' WHERE id = $1`, [id]);
  expect(await kept()).toEqual(expected(false));
  await expectDashboardAggregatesToMatchRawTables(db);
  await db.query(`UPDATE dossiers SET status = 'IN_PROGRESS' WHERE id = $1`, [id]);
  expect(await kept()).toEqual(expected(true));
  await db.query(
    `UPDATE stage_passages SET left_at = now(), working_days = 1, outcome = 'FORWARDED' WHERE dossier_id = $1 AND left_at IS NULL`,
    [id],
  );
  expect(await kept()).toEqual(expected(false));
  // Not vacuous: the head it fell back to is another dossier's, not the copy's.
  expect((await kept()).some((r) => r.oldest !== null)).toBe(true);
  await expectDashboardAggregatesToMatchRawTables(db);
  await removeCopies([id]);
});

it('many dossiers moving at once through the same stages never deadlock and lose no delta', async () => {
  // 24 writers, each on a connection of its own, move a copy of a waiting dossier through six stages that no one
  // has reached yet (so their summary rows are created by whoever comes first), one statement per transition as
  // the projection writes it: the dossier's row, the passage it leaves, the one it enters, the dirty mark. Returned
  // and resubmitted on the way, so the waiting counts move too. With the trigger-kept aggregates of before, until
  // their writes were serialised under one lock, this deadlocked: PostgreSQL failed one of two writers after a second.
  const db = stack.db;
  const src = waitingSource();
  const writers = 24;
  const stages = Array.from({ length: 6 }, (_, k) => `LOAD_${k + 1}`);
  const orgs = [...src.chain].reverse();
  const ids: string[] = [];
  for (let w = 0; w < writers; w++) ids.push(await copyDossier(src));
  const [{ passage: first }] = (await db.query(
    `SELECT max(passage)::int AS passage FROM stage_passages WHERE dossier_id = $1`,
    [src.id],
  )) as { passage: number }[];
  const failures: string[] = [];
  // Three more dashboard drains beside the stack's writer, in small batches, for as long as the writers write: the
  // marks they take are disjoint (SKIP LOCKED), the summary rows they share are written in one key order.
  const drains = await openDataSource(process.env.E2E_DATABASE_URL_RESOLVED!, {
    poolSize: 3,
    applicationName: 'drains',
  });
  let writing = true;
  let drained = 0;
  const draining = Array.from({ length: 3 }, async () => {
    while (writing) {
      await drainBatch(drains, 3)
        .then((r) => (drained += r.dossiers))
        .catch((err: { code?: string; message: string }) => failures.push(`drain ${err.code}: ${err.message}`));
    }
  });
  await Promise.all(
    ids.map(async (id, w) => {
      const client = new PgClient({ connectionString: process.env.E2E_DATABASE_URL_RESOLVED });
      await client.connect();
      try {
        let passage = first;
        for (const [k, stage] of stages.entries()) {
          const org = orgs[(k + w) % orgs.length];
          // Every third writer has the dossier returned at its third stage and resubmitted at its fourth.
          const status = w % 3 === 0 && k === 2 ? 'RETURNED' : 'IN_PROGRESS';
          passage += 1;
          await client
            .query(
              `WITH d AS (UPDATE dossiers SET status = $2, current_stage_name = $4, current_org_code = $5,
                            current_level = $6, version = version + 1 WHERE id = $1),
                 c AS (UPDATE stage_passages SET left_at = now(), working_days = $7, outcome = 'FORWARDED'
                       WHERE dossier_id = $1 AND left_at IS NULL),
                 o AS (INSERT INTO stage_passages SELECT (jsonb_populate_record(NULL::stage_passages, to_jsonb(p) ||
                         jsonb_build_object('passage', $3::int, 'stage_name', $4::text, 'org_code', $5::text,
                           'level', $6::text, 'entered_at', now()))).*
                       FROM stage_passages p WHERE p.dossier_id = $1 AND p.left_at IS NULL),
                 m AS (${markDirtySql('$1')})
               SELECT 1`,
              [id, status, passage, stage, org, LEVEL_OF[org], (w + k) % 4],
            )
            .catch((err: { code?: string; message: string }) => failures.push(`${err.code}: ${err.message}`));
        }
      } finally {
        await client.end();
      }
    }),
  );
  writing = false;
  await Promise.all(draining);
  await drains.destroy();
  expect(failures).toEqual([]);
  // Not vacuous: the test's drains took part.
  expect(drained).toBeGreaterThan(0);
  // Every transition landed and the summaries equal their recomputation.
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM stage_passages WHERE dossier_id = ANY($1::uuid[])`, [
    ids,
  ])) as { n: number }[];
  expect(n).toBe(writers * (first + stages.length));
  await expectDashboardAggregatesToMatchRawTables(db);
  await removeCopies(ids);
});

it('the dashboards say how far behind they are: asOf is the oldest change the writer has not counted yet', async () => {
  // A mark the writer cannot take yet (another drain holds it, as a batch in flight would): every dashboard answers
  // with its instant as asOf, and with now again once it is counted.
  const db = stack.db;
  const marked = new Date(Date.now() - 5 * 60_000);
  const id = waitingSource().id;
  const holder = new PgClient({ connectionString: process.env.E2E_DATABASE_URL_RESOLVED });
  await holder.connect();
  const leader = await api.as('nghe-an.leader');
  const paths = [
    '/dashboard/summary',
    '/dashboard/overdue',
    '/dashboard/bottlenecks',
    '/dashboard/throughput',
    '/dashboard/priority-share',
  ];
  try {
    // The mark is committed, then locked before the writer takes it (it looks every 200 ms when idle: try again
    // when it was quicker).
    for (let attempt = 0; ; attempt++) {
      await db.query(
        `INSERT INTO summary_dirty (dossier_id, marked_at) VALUES ($1, $2)
         ON CONFLICT (dossier_id) DO UPDATE SET marked_at = EXCLUDED.marked_at`,
        [id, marked],
      );
      await holder.query('BEGIN');
      const held = await holder.query(`SELECT 1 FROM summary_dirty WHERE dossier_id = $1 FOR UPDATE`, [id]);
      if (held.rowCount === 1) break;
      await holder.query('ROLLBACK');
      expect(attempt).toBeLessThan(50);
    }
    for (const path of paths) {
      const res = await leader.get(path);
      expect({ path, status: res.status, asOf: res.body.asOf }).toEqual({
        path,
        status: 200,
        asOf: marked.toISOString(),
      });
    }
  } finally {
    await holder.query('COMMIT');
    await holder.end();
  }
  await dashboardsCaughtUp(db);
  const before = Date.now();
  for (const path of paths) {
    const asOf = Date.parse((await leader.get(path)).body.asOf);
    expect({ path, caughtUp: asOf >= before }).toEqual({ path, caughtUp: true });
  }
});
