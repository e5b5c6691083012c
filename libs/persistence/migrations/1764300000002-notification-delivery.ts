import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail addresses of users, e-mail delivery of notifications, and one daily digest per recipient and day. */
export class NotificationDelivery1764300000002 implements MigrationInterface {
  name = 'NotificationDelivery1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email varchar(255) NULL`);
    await q.query(`ALTER TABLE notifications ADD COLUMN body text NULL`);
    await q.query(`ALTER TABLE notifications ADD COLUMN digest_date date NULL`);
    // Set once the e-mails for the row went out (or there was no one to send to); NULL: still to send.
    await q.query(`ALTER TABLE notifications ADD COLUMN emailed_at timestamptz NULL`);
    await q.query(
      `CREATE UNIQUE INDEX uq_notifications_digest ON notifications (recipient_org_code, recipient_role, digest_date) WHERE kind = 'DIGEST'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_notifications_digest`);
    await q.query(`ALTER TABLE notifications DROP COLUMN emailed_at`);
    await q.query(`ALTER TABLE notifications DROP COLUMN digest_date`);
    await q.query(`ALTER TABLE notifications DROP COLUMN body`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
  }
}
