import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

/** The org and its ancestors, nearest first (codes only). */
export async function orgChainCodes(ds: DataSource, code: string): Promise<string[]> {
  const rows: { code: string }[] = await ds.query(
    `WITH RECURSIVE chain AS (
       SELECT id, code, parent_id, 0 AS depth FROM org_units WHERE code = $1
       UNION ALL
       SELECT o.id, o.code, o.parent_id, c.depth + 1 FROM org_units o JOIN chain c ON o.id = c.parent_id
     )
     SELECT code FROM chain ORDER BY depth`,
    [code],
  );
  return rows.map((r) => r.code);
}

/** A caller sees what belongs to their org subtree; ADMIN sees everything. */
export async function inCallerSubtree(ds: DataSource, user: AuthUser, orgCode: string): Promise<boolean> {
  if (user.role === 'ADMIN') return true;
  return (await orgChainCodes(ds, orgCode)).includes(user.orgUnitCode);
}

/** Today in Vietnam (UTC+7), YYYY-MM-DD: the day rules in force are picked by. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
