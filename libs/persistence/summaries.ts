/**
 * The dashboard writer's marks and rules, for whoever writes the read model (the projection, the migrate step,
 * repairs and tests). The writer itself: activities/dashboard-writer.ts; its tables: migration 1764800000000.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { DASHBOARD_RULES, type DashboardRules } from '../domain/dashboard';

/**
 * How every mark is written: a dossier already marked keeps its first mark's instant, and the no-op update takes the
 * mark's row lock (DO NOTHING would not: a batch could then take the mark before the marking change commits).
 */
export const KEEP_FIRST_MARK = 'ON CONFLICT (dossier_id) DO UPDATE SET marked_at = summary_dirty.marked_at';

/**
 * The SQL that marks a dossier dirty, for a statement that writes it (the projection's). The no-op update takes the
 * mark's row lock until the writing transaction commits, so a batch cannot take the mark before the change is
 * visible; the first mark's instant is kept (it is how far behind the dashboards are).
 */
export const markDirtySql = (dossierIdPlaceholder: string): string =>
  `INSERT INTO summary_dirty (dossier_id) VALUES (${dossierIdPlaceholder}::uuid) ${KEEP_FIRST_MARK}`;

/** Marks dossiers dirty (rows written outside the projection: repairs, imports, tests). */
export async function markDirty(ds: DataSource | EntityManager, dossierIds: readonly string[]): Promise<void> {
  await ds.query(
    `INSERT INTO summary_dirty (dossier_id) SELECT DISTINCT unnest($1::uuid[]) ORDER BY 1 ${KEEP_FIRST_MARK}`,
    [dossierIds],
  );
}

/** A rebuild: every dossier of the read model, and every dossier counted before, is recounted. */
export async function markAllDirty(ds: DataSource | EntityManager): Promise<void> {
  await ds.query(
    `INSERT INTO summary_dirty (dossier_id)
     SELECT id FROM dossiers UNION SELECT dossier_id FROM summary_contributions ORDER BY 1 ${KEEP_FIRST_MARK}`,
  );
}

/**
 * When a release changes the rules the contributions are counted under, every dossier is recounted: the new rules
 * are stored and all dossiers marked, in one transaction. Returns whether it did.
 */
export async function adoptRules(ds: DataSource, rules: DashboardRules = DASHBOARD_RULES): Promise<boolean> {
  return ds.transaction(async (m) => {
    const changed: unknown[] = await m.query(
      `WITH changed AS (
         UPDATE summary_writer SET rules = $1::jsonb WHERE rules IS DISTINCT FROM $1::jsonb RETURNING id)
       SELECT id FROM changed`,
      [JSON.stringify(rules)],
    );
    if (changed.length) await markAllDirty(m);
    return changed.length > 0;
  });
}
