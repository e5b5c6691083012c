import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard writer loads each batch's counted events (activities/dashboard-writer.ts, FACTS_SQL.events: submit,
 * return, approval, rejection). Through the (dossier_id, seq) index it visited every heap page holding any of a
 * dossier's events: ≈ 6 pages a dossier, 3,088 for a batch of 500 at 200,000 dossiers (bench/reads.bench.ts, EXPLAIN
 * of the load), and a dossier's events lie further apart the longer it lives beside others. This index holds just
 * those events with what the writer reads of them, so the load is an index-only scan: the audit log is append-only,
 * its pages become all-visible after the first vacuum. Built in the migrate step (inserts into dossier_events wait
 * for it: about a minute at ten million events).
 */
export class CountedEventsIndex1765000000000 implements MigrationInterface {
  name = 'CountedEventsIndex1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX idx_dossier_events_counted ON dossier_events (dossier_id) INCLUDE (action, to_status, occurred_at)
       WHERE action IN ('submit', 'return') OR to_status IN ('APPROVED', 'REJECTED')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_dossier_events_counted`);
  }
}
