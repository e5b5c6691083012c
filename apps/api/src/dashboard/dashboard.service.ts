import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WorkingCalendar } from '../../../../libs/calendar';
import { vietnamDate } from '../../../../libs/domain/deadlines';
import { DOSSIER_STATUSES } from '../../../../libs/domain/dossier-machine';
import { PRIORITY_RULES } from '../../../../libs/domain/priority';
import { loadWorkingCalendar } from '../../../../libs/persistence/calendar';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { OverdueQuery, PeriodQuery, PriorityShareQuery, ThroughputQuery } from './dashboard.dto';

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

@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The caller's subtree for everyone but ADMIN. Written `org_chain @> ARRAY[:org]`, the same test as
   * `:org = ANY(org_chain)`, because only the containment operator can use the GIN index on org_chain.
   */
  private scope(user: AuthUser, alias: string, params: unknown[]): string {
    if (!DASHBOARD_ROLES.includes(user.role)) {
      throw new AppError('FORBIDDEN', 'The dashboards are for LEADER, APPROVER and ADMIN');
    }
    if (user.role === 'ADMIN') return 'TRUE';
    params.push(user.orgUnitCode);
    return `${alias}.org_chain @> ARRAY[$${params.length}::text]`;
  }

  async summary(user: AuthUser, now = new Date()): Promise<Summary> {
    const params: unknown[] = [now.toISOString()];
    const where = this.scope(user, 'd', params);
    const byStatus: { status: string; count: number }[] = await this.ds.query(
      `SELECT status, count(*)::int AS count FROM dossiers d WHERE $1::timestamptz IS NOT NULL AND ${where} GROUP BY status`,
      params,
    );
    const grouped = (column: string): Promise<CountRow[]> =>
      this.ds.query(
        `SELECT ${column} AS key, count(*)::int AS count, count(*) FILTER (WHERE current_due_at < $1)::int AS overdue
         FROM dossiers d WHERE ${where} AND status = 'IN_PROGRESS' GROUP BY ${column} ORDER BY ${column}`,
        params,
      );
    const inProgressByStage = await grouped('current_stage_name');
    const inProgressByLevel = await grouped('current_level');
    const statuses = Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, 0])) as Record<string, number>;
    for (const r of byStatus) statuses[r.status] = r.count;
    return {
      asOf: now.toISOString(),
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
    const params: unknown[] = [now.toISOString()];
    const where = `${this.scope(user, 'd', params)} AND d.status = 'IN_PROGRESS' AND d.current_due_at < $1`;
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM dossiers d WHERE ${where}`,
      params,
    );
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
      asOf: now.toISOString(),
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
    const params: unknown[] = [];
    const where = this.scope(user, 'p', params);
    const rows: {
      stage_name: string;
      org_code: string;
      level: string;
      waiting: number;
      oldest: Date | null;
      completed: number;
      median: number | null;
      p90: number | null;
      returned: number;
    }[] = await this.ds.query(
      `SELECT p.stage_name, p.org_code, p.level,
         count(*) FILTER (WHERE p.left_at IS NULL AND d.status = 'IN_PROGRESS')::int AS waiting,
         min(p.entered_at) FILTER (WHERE p.left_at IS NULL AND d.status = 'IN_PROGRESS') AS oldest,
         count(*) FILTER (WHERE p.left_at IS NOT NULL)::int AS completed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY p.working_days) FILTER (WHERE p.left_at IS NOT NULL) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY p.working_days) FILTER (WHERE p.left_at IS NOT NULL) AS p90,
         count(*) FILTER (WHERE p.left_at IS NOT NULL AND p.returns > 0)::int AS returned
       FROM stage_passages p JOIN dossiers d ON d.id = p.dossier_id
       WHERE ${where}
       GROUP BY p.stage_name, p.org_code, p.level`,
      params,
    );
    const cal: WorkingCalendar = await loadWorkingCalendar(this.ds);
    const today = vietnamDate(now);
    const items = rows.map((r) => ({
      stage: r.stage_name,
      orgUnitCode: r.org_code,
      level: r.level,
      waiting: r.waiting,
      oldestWaitSince: r.oldest ? r.oldest.toISOString() : null,
      oldestWaitWorkingDays: r.oldest ? Math.max(0, cal.workingDaysBetween(vietnamDate(r.oldest), today)) : null,
      completedPassages: r.completed,
      medianWorkingDays: r.median === null ? null : Number(r.median),
      p90WorkingDays: r.p90 === null ? null : Number(r.p90),
      returnRate: share(r.returned, r.completed),
    }));
    // Where dossiers pile up first, then where they take longest.
    items.sort(
      (a, b) =>
        b.waiting - a.waiting ||
        (b.p90WorkingDays ?? -1) - (a.p90WorkingDays ?? -1) ||
        a.stage.localeCompare(b.stage) ||
        a.orgUnitCode.localeCompare(b.orgUnitCode),
    );
    return { asOf: now.toISOString(), items };
  }

  /** [from 00:00, to + 1 day 00:00) in Vietnam time; by default the last 365 days. */
  private range(q: PeriodQuery, now: Date): [string, string] {
    const to = q.to ?? vietnamDate(now);
    const from = q.from ?? vietnamDate(new Date(new Date(`${to}T00:00:00+07:00`).getTime() - 365 * 86400_000));
    if (from > to) throw AppError.field('from', 'must not be after to');
    const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86400_000);
    return [new Date(`${from}T00:00:00+07:00`).toISOString(), end.toISOString()];
  }

  async throughput(
    user: AuthUser,
    q: ThroughputQuery,
    now = new Date(),
  ): Promise<{ period: string; rows: ThroughputRow[] }> {
    const period = q.period ?? 'month';
    const [from, to] = this.range(q, now);
    const params: unknown[] = [period, from, to];
    const where = this.scope(user, 'd', params);
    const rows: { bucket: string; submitted: number; decided: number; returned: number }[] = await this.ds.query(
      `SELECT to_char(date_trunc($1, e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') AS bucket,
         count(*) FILTER (WHERE e.action = 'submit')::int AS submitted,
         count(*) FILTER (WHERE e.to_status IN ('APPROVED','REJECTED'))::int AS decided,
         count(*) FILTER (WHERE e.action = 'return')::int AS returned
       FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
       WHERE (e.action IN ('submit','return') OR e.to_status IN ('APPROVED','REJECTED'))
         AND e.occurred_at >= $2 AND e.occurred_at < $3 AND ${where}
       GROUP BY 1 ORDER BY 1`,
      params,
    );
    return {
      period,
      rows: rows.map((r) => ({ period: r.bucket, submitted: r.submitted, decided: r.decided, returned: r.returned })),
    };
  }

  async priorityShare(
    user: AuthUser,
    q: PriorityShareQuery,
    now = new Date(),
  ): Promise<{
    period: string;
    smallCollectiveMaxMembers: number;
    basis: string;
    rows: PriorityShareRow[];
    totals: PriorityShareRow[];
  }> {
    const period = q.period ?? 'year';
    const [from, to] = this.range(q, now);
    const params: unknown[] = [period, from, to, PRIORITY_RULES.smallCollectiveMaxMembers];
    const where = this.scope(user, 'd', params);
    const rows: { bucket: string; org: string; approved: number; direct: number; small: number }[] =
      await this.ds.query(
        `SELECT to_char(date_trunc($1, e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') AS bucket,
           d.origin_org_code AS org, count(*)::int AS approved,
           count(*) FILTER (WHERE d.nominee_kind = 'INDIVIDUAL' AND d.nominee->>'directWorker' = 'true')::int AS direct,
           count(*) FILTER (WHERE d.nominee_kind = 'COLLECTIVE' AND (d.nominee->>'memberCount')::int <= $4)::int AS small
         FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
         WHERE e.to_status = 'APPROVED' AND e.occurred_at >= $2 AND e.occurred_at < $3 AND ${where}
         GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      );
    const out: PriorityShareRow[] = rows.map((r) => ({
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
      period,
      smallCollectiveMaxMembers: PRIORITY_RULES.smallCollectiveMaxMembers,
      basis: PRIORITY_RULES.basis,
      rows: out,
      totals: [...totals.values()],
    };
  }
}
