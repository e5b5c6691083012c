import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { vietnamDate } from '../../../../libs/domain/deadlines';
import { DOSSIER_STATUSES } from '../../../../libs/domain/dossier-machine';
import { DASHBOARD_RULES } from '../../../../libs/domain/dashboard';
import { PRIORITY_RULES } from '../../../../libs/domain/priority';
import { loadWorkingCalendar } from '../../../../libs/persistence/calendar';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { OverdueQuery, PeriodQuery, PriorityShareQuery, ThroughputQuery } from './dashboard.dto';
import { approvalSegments } from './approval-segments';

/** Who reads the dashboards: leadership and the heads who sign (ADMIN sees every org). */
const DASHBOARD_ROLES = ['LEADER', 'APPROVER', 'ADMIN'];

export interface CountRow {
  key: string;
  count: number;
  overdue: number;
}

export interface Summary {
  asOf: string;
  scope: string | null;
  total: number;
  overdue: number;
  byStatus: Record<string, number>;
  inProgressByStage: CountRow[];
  inProgressByLevel: CountRow[];
}

export interface OverdueItem {
  id: string;
  awardCode: string;
  nomineeName: string;
  originOrgUnitCode: string;
  stage: string;
  level: string;
  orgUnitCode: string;
  role: string;
  /** Who must act: the users holding the stage's role at its org. */
  mustAct: string[];
  dueAt: string;
  overdueWorkingDays: number;
}

export interface Bottleneck {
  stage: string;
  orgUnitCode: string;
  level: string;
  waiting: number;
  oldestWaitSince: string | null;
  oldestWaitWorkingDays: number | null;
  completedPassages: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  /** Share of completed passages during which the dossier was returned at least once. */
  returnRate: number | null;
}

export interface ThroughputRow {
  period: string;
  submitted: number;
  decided: number;
  returned: number;
}

export interface PriorityShareRow {
  period: string;
  orgUnitCode: string | null;
  approved: number;
  directWorkers: number;
  smallCollectives: number;
  priorityShare: number | null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

interface HistogramRow {
  stage_name: string;
  org_code: string;
  level: string;
  completed: number;
  returned: number;
  /** [working days, how many]; null when no passage of the group has its working days counted. */
  days: [number, number][] | null;
}

interface OpenPassagesRow {
  stage_name: string;
  org_code: string;
  level: string;
  waiting: number;
  /** Epoch milliseconds (a float parses faster than a timestamp's text, 1,300 times per country-wide request). */
  oldest_ms: number | null;
}

/**
 * PostgreSQL's percentile_cont over a histogram, to the same float, for each p: the values at ranks floor and ceil
 * of p × (n − 1), interpolated as `lo + (hi − lo) × fraction` (float8_lerp). Null for an empty sample. A histogram
 * already in ascending order of value with positive counts (as the bottlenecks query sends it) is read as it is;
 * any other is sorted first.
 */
export function percentilesCont(histogram: readonly [number, number][], ps: readonly number[]): (number | null)[] {
  let sorted = histogram;
  let total = 0;
  let ordered = true;
  for (let i = 0; i < histogram.length; i++) {
    const [value, n] = histogram[i];
    if (n <= 0 || (i > 0 && value <= histogram[i - 1][0])) ordered = false;
    total += n;
  }
  if (!ordered) {
    sorted = histogram.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
    total = sorted.reduce((sum, [, n]) => sum + n, 0);
  }
  if (total === 0) return ps.map(() => null);
  const at = (rank: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (rank < seen) return value;
    }
    return sorted[sorted.length - 1][0];
  };
  return ps.map((p) => {
    const position = p * (total - 1);
    const first = Math.floor(position);
    const lo = at(first);
    if (Math.ceil(position) === first) return lo;
    return lo + (at(first + 1) - lo) * (position - first);
  });
}

@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private authorise(user: AuthUser): void {
    if (!DASHBOARD_ROLES.includes(user.role)) {
      throw new AppError('FORBIDDEN', 'The dashboards are for LEADER, APPROVER and ADMIN');
    }
  }

  /**
   * The caller's subtree for everyone but ADMIN. Written `org_chain @> ARRAY[:org]`, the same test as
   * `:org = ANY(org_chain)`, because only the containment operator can use the GIN index on org_chain.
   */
  private scope(user: AuthUser, alias: string, params: unknown[]): string {
    this.authorise(user);
    if (user.role === 'ADMIN') return 'TRUE';
    params.push(user.orgUnitCode);
    return `${alias}.org_chain @> ARRAY[$${params.length}::text]`;
  }

  /** The caller's scope in the summaries (libs/domain/dashboard.ts): their org, or '*' for ADMIN. */
  private scopeKey(user: AuthUser): string {
    this.authorise(user);
    return user.role === 'ADMIN' ? '*' : user.orgUnitCode;
  }

  /**
   * How many in-progress dossiers of the caller's scope were due before `now`: whole UTC days before today
   * from the pre-aggregate, today's from the overdue index (only today's due instants are compared one by one).
   */
  private overdueToday(user: AuthUser, now: Date, columns: string): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [`${now.toISOString().slice(0, 10)}T00:00:00Z`, now.toISOString()];
    const where = this.scope(user, 'd', params);
    return this.ds.query(
      `SELECT ${columns ? `${columns}, ` : ''}count(*)::int AS overdue FROM dossiers d
       WHERE ${where} AND d.status = 'IN_PROGRESS' AND d.current_due_at >= $1 AND d.current_due_at < $2
       ${columns ? `GROUP BY ${columns}` : ''}`,
      params,
    );
  }

  /**
   * How far the summaries are up to date: the instant of the oldest change the dashboard writer has not counted
   * yet (its dirty mark), or now when it has counted everything. Read before the figures, so they include at least
   * every change before it.
   */
  private async asOf(now: Date): Promise<string> {
    const [{ behind }] = (await this.ds.query(`SELECT min(marked_at) AS behind FROM summary_dirty`)) as {
      behind: Date | null;
    }[];
    return (behind && behind < now ? behind : now).toISOString();
  }

  async summary(user: AuthUser, now = new Date()): Promise<Summary> {
    const scope = this.scopeKey(user);
    const asOf = await this.asOf(now);
    const today = now.toISOString().slice(0, 10);
    const byStatus: { status: string; count: number }[] = await this.ds.query(
      `SELECT status, sum(n)::int AS count FROM summary_dossier_counts WHERE scope = $1
       GROUP BY status HAVING sum(n) <> 0`,
      [scope],
    );
    const todays = await this.overdueToday(user, now, 'd.current_stage_name, d.current_level');
    // Today's overdue rows join the whole days' counts, then the rows are grouped as the old query grouped them.
    const grouped = (column: 'stage' | 'level'): Promise<CountRow[]> =>
      this.ds.query(
        `WITH c AS (
           SELECT stage, level, n AS count, CASE WHEN due_day < $2::date THEN n ELSE 0 END AS overdue
           FROM summary_dossier_counts WHERE scope = $1 AND status = 'IN_PROGRESS'
           UNION ALL
           SELECT t.stage, t.level, 0, t.overdue FROM jsonb_to_recordset($3::jsonb) AS t(stage varchar(32), level varchar(16), overdue int)
         )
         SELECT ${column} AS key, sum(count)::int AS count, sum(overdue)::int AS overdue FROM c
         GROUP BY ${column} HAVING sum(count) <> 0 ORDER BY ${column}`,
        [
          scope,
          today,
          JSON.stringify(
            todays.map((r) => ({ stage: r.current_stage_name, level: r.current_level, overdue: r.overdue })),
          ),
        ],
      );
    const inProgressByStage = await grouped('stage');
    const inProgressByLevel = await grouped('level');
    const statuses = Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, 0])) as Record<string, number>;
    for (const r of byStatus) statuses[r.status] = r.count;
    return {
      asOf,
      scope: user.role === 'ADMIN' ? null : user.orgUnitCode,
      total: byStatus.reduce((n, r) => n + r.count, 0),
      overdue: inProgressByStage.reduce((n, r) => n + r.overdue, 0),
      byStatus: statuses,
      inProgressByStage,
      inProgressByLevel,
    };
  }

  async overdue(
    user: AuthUser,
    q: OverdueQuery,
    now = new Date(),
  ): Promise<{ asOf: string; total: number; items: OverdueItem[] }> {
    const asOf = await this.asOf(now);
    const params: unknown[] = [now.toISOString()];
    const where = `${this.scope(user, 'd', params)} AND d.status = 'IN_PROGRESS' AND d.current_due_at < $1`;
    const [{ before }]: { before: number }[] = await this.ds.query(
      `SELECT coalesce(sum(n), 0)::int AS before FROM summary_dossier_counts
       WHERE scope = $1 AND status = 'IN_PROGRESS' AND due_day < $2::date`,
      [this.scopeKey(user), now.toISOString().slice(0, 10)],
    );
    const [{ overdue: dueToday }] = (await this.overdueToday(user, now, '')) as { overdue: number }[];
    const total = before + dueToday;
    params.push(q.limit ?? 100);
    const rows: {
      id: string;
      award_code: string;
      nominee_name: string;
      origin_org_code: string;
      current_stage_name: string;
      current_level: string;
      current_org_code: string;
      current_actor_role: string;
      current_due_at: Date;
      must_act: string[] | null;
    }[] = await this.ds.query(
      `SELECT d.id, d.award_code, d.nominee_name, d.origin_org_code, d.current_stage_name, d.current_level,
              d.current_org_code, d.current_actor_role, d.current_due_at,
              (SELECT array_agg(u.username ORDER BY u.username) FROM users u JOIN org_units o ON o.id = u.org_unit_id
                WHERE o.code = d.current_org_code AND u.role = d.current_actor_role AND u.active) AS must_act
       FROM dossiers d WHERE ${where}
       ORDER BY d.current_due_at, d.id LIMIT $${params.length}`,
      params,
    );
    const cal = await loadWorkingCalendar(this.ds);
    const today = vietnamDate(now);
    return {
      asOf,
      total,
      items: rows.map((r) => ({
        id: r.id,
        awardCode: r.award_code,
        nomineeName: r.nominee_name,
        originOrgUnitCode: r.origin_org_code,
        stage: r.current_stage_name,
        level: r.current_level,
        orgUnitCode: r.current_org_code,
        role: r.current_actor_role,
        mustAct: r.must_act ?? [],
        dueAt: r.current_due_at.toISOString(),
        overdueWorkingDays: Math.max(0, cal.workingDaysBetween(vietnamDate(r.current_due_at), today)),
      })),
    };
  }

  async bottlenecks(user: AuthUser, now = new Date()): Promise<{ asOf: string; items: Bottleneck[] }> {
    const scope = this.scopeKey(user);
    const asOf = await this.asOf(now);
    // Three independent reads, asked at once on three of the pool's connections: the request waits for the
    // slowest rather than for their sum.
    const [histogram, open, cal] = await Promise.all([
      // One row per (stage, org, level), its histogram of working days as one JSON array of [value, how many] in
      // ascending order (JSON.parse reads it natively; two integer arrays went through the driver's
      // character-by-character parser). The buckets are read in the order of their unique index, so the grouping
      // and the order within each group need no sort (its unique index, migration 1764800000000).
      this.ds.query<HistogramRow[]>(
        `SELECT stage_name, org_code, level, sum(n)::int AS completed, sum(returned)::int AS returned,
           json_agg(json_build_array(working_days, n) ORDER BY working_days)
             FILTER (WHERE working_days IS NOT NULL AND n <> 0) AS days
         FROM summary_passage_days WHERE scope = $1
         GROUP BY stage_name, org_code, level HAVING sum(n) <> 0`,
        [scope],
      ),
      // Open and waiting passages of each (stage, org, level), with the entry time of the first one waiting in the
      // caller's subtree, kept by the dashboard writer (activities/dashboard-writer.ts).
      this.ds.query<OpenPassagesRow[]>(
        `SELECT stage_name, org_code, level, waiting, floor(extract(epoch FROM oldest_wait) * 1000)::float8 AS oldest_ms
         FROM summary_open_passages WHERE scope = $1 AND open <> 0`,
        [scope],
      ),
      loadWorkingCalendar(this.ds),
    ]);
    // One item per (stage, org, level), built in place from both reads: 1,300 of them for the country.
    const byKey = new Map<string, Bottleneck>();
    const item = (r: { stage_name: string; org_code: string; level: string }): Bottleneck => {
      const key = `${r.stage_name}\u0000${r.org_code}\u0000${r.level}`;
      let it = byKey.get(key);
      if (!it) {
        it = {
          stage: r.stage_name,
          orgUnitCode: r.org_code,
          level: r.level,
          waiting: 0,
          oldestWaitSince: null,
          oldestWaitWorkingDays: null,
          completedPassages: 0,
          medianWorkingDays: null,
          p90WorkingDays: null,
          returnRate: null,
        };
        byKey.set(key, it);
      }
      return it;
    };
    const today = vietnamDate(now);
    // Working days since each day an oldest wait began, counted once per day (many rows share one).
    const workingDaysSince = new Map<string, number>();
    const waited = (day: string): number => {
      let n = workingDaysSince.get(day);
      if (n === undefined) {
        n = Math.max(0, cal.workingDaysBetween(day, today));
        workingDaysSince.set(day, n);
      }
      return n;
    };
    for (const r of open) {
      const it = item(r);
      it.waiting = r.waiting;
      if (r.oldest_ms !== null) {
        const oldest = new Date(r.oldest_ms);
        it.oldestWaitSince = oldest.toISOString();
        it.oldestWaitWorkingDays = waited(vietnamDate(oldest));
      }
    }
    for (const r of histogram) {
      const it = item(r);
      [it.medianWorkingDays, it.p90WorkingDays] = percentilesCont(r.days ?? [], [0.5, 0.9]);
      it.completedPassages = r.completed;
      it.returnRate = share(r.returned, r.completed);
    }
    const items = [...byKey.values()];
    // Where dossiers pile up first, then where they take longest.
    items.sort(
      (a, b) =>
        b.waiting - a.waiting ||
        (b.p90WorkingDays ?? -1) - (a.p90WorkingDays ?? -1) ||
        a.stage.localeCompare(b.stage) ||
        a.orgUnitCode.localeCompare(b.orgUnitCode),
    );
    return { asOf, items };
  }

  /** The days from..to (Vietnam time), both included; by default the last 365 days. */
  private range(q: PeriodQuery, now: Date): [string, string] {
    const to = q.to ?? vietnamDate(now);
    const from = q.from ?? vietnamDate(new Date(new Date(`${to}T00:00:00+07:00`).getTime() - 365 * 86400_000));
    if (from > to) throw AppError.field('from', 'must not be after to');
    return [from, to];
  }

  async throughput(
    user: AuthUser,
    q: ThroughputQuery,
    now = new Date(),
  ): Promise<{ asOf: string; period: string; rows: ThroughputRow[] }> {
    const period = q.period ?? 'month';
    const [from, to] = this.range(q, now);
    const asOf = await this.asOf(now);
    // Buckets of whole Vietnam days, so a day's counts fall in the same bucket as its events did.
    const rows: { bucket: string; submitted: number; decided: number; returned: number }[] = await this.ds.query(
      `SELECT to_char(date_trunc($1, day::timestamp), 'YYYY-MM-DD') AS bucket,
         sum(submitted)::int AS submitted, sum(decided)::int AS decided, sum(returned)::int AS returned
       FROM summary_event_days
       WHERE scope = $4 AND day >= $2::date AND day <= $3::date
       GROUP BY 1 HAVING sum(submitted) + sum(decided) + sum(returned) > 0 ORDER BY 1`,
      [period, from, to, this.scopeKey(user)],
    );
    return {
      asOf,
      period,
      rows: rows.map((r) => ({ period: r.bucket, submitted: r.submitted, decided: r.decided, returned: r.returned })),
    };
  }

  async priorityShare(
    user: AuthUser,
    q: PriorityShareQuery,
    now = new Date(),
  ): Promise<{
    asOf: string;
    period: string;
    smallCollectiveMaxMembers: number;
    basis: string;
    rows: PriorityShareRow[];
    totals: PriorityShareRow[];
  }> {
    const period = q.period ?? 'year';
    const [from, to] = this.range(q, now);
    const asOf = await this.asOf(now);
    // The fewest summary rows that add up to the approvals of [from, to] (approval-segments.ts: whole years from the
    // year rollup when the buckets are years, whole months from the month rollup, a leading partial month as its month
    // row less the days before `from` when that is fewer rows, the month or year of `to` from its row when nothing was
    // counted after `to` in it), each segment an index range, all read in one statement (one snapshot, the probes
    // too). The rows carry the priority class fixed when they were counted (at most 3 per period and org), under the
    // dashboard writer's rules in force (summary_writer, read in the same statement; while a changed rule is being
    // recounted, `asOf` is behind). One grouping by (bucket, org), labelled as text only on the groups it leaves.
    const params: unknown[] = [period, this.scopeKey(user), DASHBOARD_RULES.smallCollectiveMaxMembers];
    const at = (value: string) => `$${params.push(value)}::date`;
    const TABLE = {
      days: ['summary_approval_days', 'day'],
      months: ['summary_approval_months', 'month'],
      years: ['summary_approval_years', 'year'],
    } as const;
    const branches = approvalSegments(from, to, period).map((seg) => {
      const [table, column] = TABLE[seg.table];
      const probes = seg.when.map(
        (c) =>
          ` AND ${c.counted === 'none' ? 'NOT ' : ''}EXISTS (SELECT FROM summary_approval_days
             WHERE scope = $2 AND day > ${at(to)} AND day < ${at(c.probeUntil)})`,
      );
      return `SELECT ${column} AS d, origin_org_code, direct_worker, small_collective,
          ${seg.sign < 0 ? '-approved' : 'approved'} AS approved
        FROM ${table} WHERE scope = $2 AND ${column} >= ${at(seg.from)} AND ${column} < ${at(seg.until)}${probes.join('')}`;
    });
    const rows: {
      max: number;
      bucket: string | null;
      org: string;
      approved: number;
      direct: number;
      small: number;
    }[] = await this.ds.query(
      `SELECT coalesce((cfg.rules->>'smallCollectiveMaxMembers')::int, $3) AS max,
         to_char(r.bucket, 'YYYY-MM-DD') AS bucket, r.org, r.approved, r.direct, r.small
       FROM summary_writer cfg LEFT JOIN (
         SELECT date_trunc($1, d::timestamp) AS bucket, origin_org_code AS org, sum(approved)::int AS approved,
           coalesce(sum(approved) FILTER (WHERE direct_worker), 0)::int AS direct,
           coalesce(sum(approved) FILTER (WHERE small_collective), 0)::int AS small
         FROM (${branches.join('\n UNION ALL ')}) a
         GROUP BY 1, 2 HAVING sum(approved) > 0
       ) r ON true
       ORDER BY r.bucket, r.org`,
      params,
    );
    // One row even when nothing was approved (the writer's row, with no counts joined).
    const smallCollectiveMaxMembers = rows[0].max;
    const counted = rows.filter((r): r is typeof r & { bucket: string } => r.bucket !== null);
    const out: PriorityShareRow[] = counted.map((r) => ({
      period: r.bucket,
      orgUnitCode: r.org,
      approved: r.approved,
      directWorkers: r.direct,
      smallCollectives: r.small,
      priorityShare: share(r.direct + r.small, r.approved),
    }));
    const totals = new Map<string, PriorityShareRow>();
    for (const r of out) {
      const t = totals.get(r.period) ?? {
        period: r.period,
        orgUnitCode: null,
        approved: 0,
        directWorkers: 0,
        smallCollectives: 0,
        priorityShare: null,
      };
      t.approved += r.approved;
      t.directWorkers += r.directWorkers;
      t.smallCollectives += r.smallCollectives;
      t.priorityShare = share(t.directWorkers + t.smallCollectives, t.approved);
      totals.set(r.period, t);
    }
    return {
      asOf,
      period,
      smallCollectiveMaxMembers,
      basis: PRIORITY_RULES.basis,
      rows: out,
      totals: [...totals.values()],
    };
  }
}
