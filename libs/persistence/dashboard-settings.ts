import type { DataSource } from 'typeorm';
import { PRIORITY_RULES } from '../domain/priority';

/**
 * Brings the small-collective threshold the approval pre-aggregates are classified with (`dashboard_settings`,
 * migration 1764720000001) to the code's rule, and reclassifies them when it differed: a release that changes
 * PRIORITY_RULES.smallCollectiveMaxMembers. Runs in the migrate step, before the API serves and the worker
 * projects. One transaction under an advisory lock, so of two starters one rebuilds and the other then finds the
 * value in place; the approval tables are locked against the triggers' writes meanwhile, so no projection counts
 * under the old threshold into rows that are being recomputed. Returns the change, or null when there was none.
 */
export async function syncDashboardSettings(
  ds: DataSource,
  smallCollectiveMaxMembers: number = PRIORITY_RULES.smallCollectiveMaxMembers,
): Promise<{ from: number; to: number } | null> {
  return ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('dashboard_settings'))`);
    const [stored] = (await m.query(
      `SELECT small_collective_max_members AS max FROM dashboard_settings FOR UPDATE`,
    )) as {
      max: number;
    }[];
    if (stored.max === smallCollectiveMaxMembers) return null;
    await m.query(`LOCK TABLE dashboard_approval_days, dashboard_approval_months IN EXCLUSIVE MODE`);
    await m.query(`UPDATE dashboard_settings SET small_collective_max_members = $1`, [smallCollectiveMaxMembers]);
    await m.query(`SELECT dashboard_rebuild_approvals()`);
    return { from: stored.max, to: smallCollectiveMaxMembers };
  });
}
