import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The current stage's due instant on the read model, and the in-app notifications raised by deadline timers. */
export class Deadlines1764300000001 implements MigrationInterface {
  name = 'Deadlines1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossiers ADD COLUMN current_due_at timestamptz NULL`);
    // "What is late": only running dossiers have a clock, so the partial index stays small.
    await q.query(
      `CREATE INDEX idx_dossiers_overdue ON dossiers (current_due_at) WHERE status = 'IN_PROGRESS' AND current_due_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        recipient_role varchar(16) NOT NULL,
        recipient_org_code varchar(64) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('REMINDER','ESCALATION','DIGEST')),
        dossier_id uuid NULL,
        passage int NOT NULL DEFAULT 0,
        sequence int NOT NULL DEFAULT 0,
        stage_name varchar(32) NULL,
        title text NOT NULL,
        due_at timestamptz NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_notifications_alert ON notifications (dossier_id, passage, kind, sequence, recipient_role, recipient_org_code)`,
    );
    await q.query(`CREATE INDEX idx_notifications_recipient ON notifications (recipient_org_code, recipient_role, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP INDEX idx_dossiers_overdue`);
    await q.query(`ALTER TABLE dossiers DROP COLUMN current_due_at`);
  }
}
