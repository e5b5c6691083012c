/**
 * What each dossier contributes to the leadership dashboards' summary rows (issue 14, "one dashboard writer").
 *
 * The rules live here, once, as pure functions: the dashboard writer (activities/dashboard-writer.ts) loads a
 * dossier's facts from the read model, asks `dossierContribution` what it adds to which summary rows, and
 * applies the difference from what it added last time (`contributionDelta`). Summary rows are sums, so a batch
 * of dossiers merges into one delta per row (`mergeDeltas`) and each row is written once per batch.
 *
 * Every row is counted once per scope it is visible in: each org of the dossier's (or passage's) org chain, and
 * '*' for ADMIN, so a scope's figure is one index range.
 */
import { vietnamDate } from './deadlines';
import { PRIORITY_RULES } from './priority';

/** The classification rules a contribution depends on (a release that changes them recounts every dossier). */
export interface DashboardRules {
  smallCollectiveMaxMembers: number;
}

export const DASHBOARD_RULES: DashboardRules = { smallCollectiveMaxMembers: PRIORITY_RULES.smallCollectiveMaxMembers };

/** What the dashboards count of one dossier, as the read model has it. */
export interface DashboardFacts {
  status: string;
  orgChain: readonly string[];
  stage: string | null;
  level: string | null;
  /** An instant: a Date, ISO text, or epoch milliseconds. */
  dueAt: Date | string | number | null;
  originOrgCode: string;
  nomineeKind: string;
  /** The nominee's `directWorker` flag (individuals only count it). */
  directWorker: boolean;
  /** The nominee's member count (collectives only count it). */
  memberCount: number | null;
  events: readonly { action: string; toStatus: string | null; occurredAt: Date | string | number }[];
  passages: readonly {
    stageName: string;
    orgCode: string;
    level: string;
    orgChain: readonly string[];
    /**
     * The entry instant as fixed-width UTC text with microseconds (`2026-03-04T01:02:03.456789Z`), as PostgreSQL
     * keeps it: text order is time order, and the oldest wait is exact (a Date would drop the microseconds).
     */
    enteredAt: string;
    closed: boolean;
    workingDays: number | null;
    returns: number;
  }[];
}

/** The summary tables, their keys (scope first) and counters: the writer's SQL and the tests are built from these. */
export const SUMMARY_TABLES = {
  dossierCounts: {
    table: 'summary_dossier_counts',
    key: ['scope', 'status', 'stage', 'level', 'due_day'],
    types: ['text', 'text', 'text', 'text', 'date'],
    counters: ['n'],
  },
  eventDays: {
    table: 'summary_event_days',
    key: ['scope', 'day'],
    types: ['text', 'date'],
    counters: ['submitted', 'decided', 'returned'],
  },
  approvalDays: {
    table: 'summary_approval_days',
    key: ['scope', 'day', 'origin_org_code', 'direct_worker', 'small_collective'],
    types: ['text', 'date', 'text', 'boolean', 'boolean'],
    counters: ['approved'],
  },
  approvalMonths: {
    table: 'summary_approval_months',
    key: ['scope', 'month', 'origin_org_code', 'direct_worker', 'small_collective'],
    types: ['text', 'date', 'text', 'boolean', 'boolean'],
    counters: ['approved'],
  },
  // The year rollup: the priority share by year reads one row an org and class for a whole year (migration
  // 1765000000001).
  approvalYears: {
    table: 'summary_approval_years',
    key: ['scope', 'year', 'origin_org_code', 'direct_worker', 'small_collective'],
    types: ['text', 'date', 'text', 'boolean', 'boolean'],
    counters: ['approved'],
  },
  passageDays: {
    table: 'summary_passage_days',
    key: ['scope', 'stage_name', 'org_code', 'level', 'working_days'],
    types: ['text', 'text', 'text', 'text', 'int'],
    counters: ['n', 'returned'],
  },
  openPassages: {
    table: 'summary_open_passages',
    key: ['scope', 'stage_name', 'org_code', 'level'],
    types: ['text', 'text', 'text', 'text'],
    counters: ['open', 'waiting'],
  },
} as const;

export type SummaryTable = keyof typeof SUMMARY_TABLES;
export type KeyValue = string | number | boolean | null;

/**
 * One dossier's contribution, compact (it is stored beside the summaries, one per dossier): scope lists by
 * index, and rows `[table, scope list, ...key without scope, ...counters]`. An open-passage row carries one more
 * value: the entry instant (fixed-width text, see DashboardFacts) of the dossier's earliest waiting passage there,
 * or null.
 */
export interface Contribution {
  scopes: string[][];
  rows: (string | number | boolean | null)[][];
}

export const EMPTY_CONTRIBUTION: Contribution = { scopes: [], rows: [] };

/** The scopes a row with this org chain is visible in: each org once, then '*'. */
export function scopesOf(chain: readonly string[]): string[] {
  return [...new Set([...chain, '*'])];
}

const utcDay = (at: Date | string | number): string => new Date(at).toISOString().slice(0, 10);
const isDecision = (toStatus: string | null) => toStatus === 'APPROVED' || toStatus === 'REJECTED';

/** Whether an event counts in the throughput (and so whether the writer needs to load it). */
export const isCountedEvent = (e: { action: string; toStatus: string | null }): boolean =>
  e.action === 'submit' || e.action === 'return' || isDecision(e.toStatus);

/** What a dossier adds to the summaries; null facts (no dossier row) add nothing, whatever rows refer to it. */
export function dossierContribution(facts: DashboardFacts | null, rules: DashboardRules): Contribution {
  if (!facts) return EMPTY_CONTRIBUTION;
  const scopes: string[][] = [];
  const scopeIndex = new Map<string, number>();
  // By the scopes themselves (two chains may give the same), so a scoped row has one entry.
  const scopeOf = (chain: readonly string[]): number => {
    const list = scopesOf(chain);
    const key = list.join('\u0000');
    let i = scopeIndex.get(key);
    if (i === undefined) {
      i = scopes.push(list) - 1;
      scopeIndex.set(key, i);
    }
    return i;
  };
  const own = scopeOf(facts.orgChain);
  // Rows of one key are summed here, so the stored contribution has each key once.
  const rows = new Map<string, (string | number | boolean | null)[]>();
  const add = (head: (string | number | boolean | null)[], counters: number[], oldest?: string | null) => {
    const k = JSON.stringify(head);
    const row = rows.get(k);
    if (!row) {
      rows.set(k, oldest === undefined ? [...head, ...counters] : [...head, ...counters, oldest]);
      return;
    }
    counters.forEach((c, i) => ((row[head.length + i] as number) += c));
    if (oldest !== undefined && oldest !== null) {
      const at = head.length + counters.length;
      row[at] = row[at] === null || oldest < (row[at] as string) ? oldest : row[at];
    }
  };
  add(['dossierCounts', own, facts.status, facts.stage, facts.level, facts.dueAt ? utcDay(facts.dueAt) : null], [1]);
  const direct = facts.nomineeKind === 'INDIVIDUAL' && facts.directWorker;
  const small =
    facts.nomineeKind === 'COLLECTIVE' &&
    facts.memberCount !== null &&
    facts.memberCount <= rules.smallCollectiveMaxMembers;
  for (const e of facts.events) {
    if (!isCountedEvent(e)) continue;
    const day = vietnamDate(new Date(e.occurredAt));
    add(
      ['eventDays', own, day],
      [e.action === 'submit' ? 1 : 0, isDecision(e.toStatus) ? 1 : 0, e.action === 'return' ? 1 : 0],
    );
    if (e.toStatus === 'APPROVED') {
      add(['approvalDays', own, day, facts.originOrgCode, direct, small], [1]);
      add(['approvalMonths', own, `${day.slice(0, 7)}-01`, facts.originOrgCode, direct, small], [1]);
      add(['approvalYears', own, `${day.slice(0, 4)}-01-01`, facts.originOrgCode, direct, small], [1]);
    }
  }
  for (const p of facts.passages) {
    const s = scopeOf(p.orgChain);
    if (p.closed) {
      add(['passageDays', s, p.stageName, p.orgCode, p.level, p.workingDays], [1, p.returns > 0 ? 1 : 0]);
    } else {
      const waiting = facts.status === 'IN_PROGRESS';
      add(['openPassages', s, p.stageName, p.orgCode, p.level], [1, waiting ? 1 : 0], waiting ? p.enteredAt : null);
    }
  }
  return { scopes, rows: [...rows.values()] };
}

/** How many key values (without the scope) a table's rows have. */
const keyLength = (table: SummaryTable): number => SUMMARY_TABLES[table].key.length - 1;
const counterCount = (table: SummaryTable): number => SUMMARY_TABLES[table].counters.length;

/** A summary row's change: its full key (scope first) and what to add to each counter. */
export interface RowDelta {
  table: SummaryTable;
  key: KeyValue[];
  counters: number[];
}

/**
 * A batch's change to the open passages' oldest waits, per (scope, stage, org, level): the earliest entry of a
 * passage that now waits there (lowers the kept value), and the earliest of those that no longer do (where that was
 * the head, the writer looks the new head up).
 */
export interface WaitChange {
  key: KeyValue[];
  earliestAdded: string | null;
  earliestRemoved: string | null;
}

export interface BatchDelta {
  rows: RowDelta[];
  waits: WaitChange[];
}

interface Expanded {
  table: SummaryTable;
  key: KeyValue[];
  counters: number[];
  oldest: string | null;
}

/** A contribution as one entry per scoped summary row, by the row's identity. */
function expand(c: Contribution): Map<string, Expanded> {
  const out = new Map<string, Expanded>();
  for (const row of c.rows) {
    const table = row[0] as SummaryTable;
    const n = keyLength(table);
    const m = counterCount(table);
    const rest = row.slice(2, 2 + n) as KeyValue[];
    const counters = row.slice(2 + n, 2 + n + m) as number[];
    const oldest = table === 'openPassages' ? ((row[2 + n + m] as string | null) ?? null) : null;
    for (const scope of c.scopes[row[1] as number]) {
      const key = [scope, ...rest];
      out.set(JSON.stringify([table, ...key]), { table, key, counters, oldest });
    }
  }
  return out;
}

/**
 * Both contributions without the rows they have in common (same table, scopes, key, counters and wait): most of a
 * moving dossier's rows (its past events and passages) do not change, and need not be expanded per scope.
 */
function withoutCommonRows(before: Contribution, after: Contribution): { before: Contribution; after: Contribution } {
  const id = (c: Contribution, row: Contribution['rows'][number]) =>
    JSON.stringify([c.scopes[row[1] as number], row[0], ...row.slice(2)]);
  const was = new Set(before.rows.map((r) => id(before, r)));
  const common = new Set<string>();
  for (const r of after.rows) {
    const k = id(after, r);
    if (was.has(k)) common.add(k);
  }
  if (!common.size) return { before, after };
  return {
    before: { scopes: before.scopes, rows: before.rows.filter((r) => !common.has(id(before, r))) },
    after: { scopes: after.scopes, rows: after.rows.filter((r) => !common.has(id(after, r))) },
  };
}

/**
 * The change from one contribution of a dossier to the next, merged over a batch of dossiers: each summary row that
 * changes once, its counters summed, and the oldest-wait changes per open-passage row. Sorted by key.
 */
export function mergeDeltas(changes: readonly { before: Contribution; after: Contribution }[]): BatchDelta {
  const rows = new Map<string, RowDelta>();
  const waits = new Map<string, WaitChange>();
  const wait = (id: string, key: KeyValue[]): WaitChange => {
    let w = waits.get(id);
    if (!w) waits.set(id, (w = { key, earliestAdded: null, earliestRemoved: null }));
    return w;
  };
  const min = (a: string | null, b: string) => (a === null || b < a ? b : a);
  for (const change of changes) {
    const { before, after } = withoutCommonRows(change.before, change.after);
    const was = expand(before);
    const now = expand(after);
    for (const [id, e] of now) {
      const old = was.get(id);
      const r = rows.get(id) ?? { table: e.table, key: e.key, counters: e.counters.map(() => 0) };
      e.counters.forEach((c, i) => (r.counters[i] += c - (old?.counters[i] ?? 0)));
      rows.set(id, r);
      if (e.table === 'openPassages' && e.oldest !== (old?.oldest ?? null)) {
        const w = wait(id, e.key);
        if (e.oldest !== null) w.earliestAdded = min(w.earliestAdded, e.oldest);
        if (old?.oldest != null) w.earliestRemoved = min(w.earliestRemoved, old.oldest);
      }
    }
    for (const [id, old] of was) {
      if (now.has(id)) continue;
      const r = rows.get(id) ?? { table: old.table, key: old.key, counters: old.counters.map(() => 0) };
      old.counters.forEach((c, i) => (r.counters[i] -= c));
      rows.set(id, r);
      if (old.oldest !== null) {
        const w = wait(id, old.key);
        w.earliestRemoved = min(w.earliestRemoved, old.oldest);
      }
    }
  }
  const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  // A row whose change sums to zero is left alone (most of a moving dossier's rows: its past events and passages),
  // unless the oldest wait is to be looked up there: then it is locked, in key order, with the others.
  for (const [id, r] of rows) if (r.counters.every((c) => c === 0) && !waits.has(id)) rows.delete(id);
  return {
    rows: [...rows.entries()].sort(byKey).map(([, r]) => r),
    waits: [...waits.entries()].sort(byKey).map(([, w]) => w),
  };
}

/** The waiting passages a contribution counts: one per open-passage row that has a wait, with its scopes. */
export function waitsOf(
  c: Contribution,
): { stageName: string; orgCode: string; level: string; scopes: string[]; enteredAt: string }[] {
  const out = [];
  for (const row of c.rows) {
    if (row[0] !== 'openPassages' || row[7] === null || row[7] === undefined) continue;
    out.push({
      stageName: row[2] as string,
      orgCode: row[3] as string,
      level: row[4] as string,
      scopes: c.scopes[row[1] as number],
      enteredAt: row[7] as string,
    });
  }
  return out;
}
