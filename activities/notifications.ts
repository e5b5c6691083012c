import type { DataSource } from 'typeorm';
import { vietnamDate } from '../libs/domain/deadlines';
import type { Mailer } from './mailer';

interface PendingRow {
  id: string;
  recipient_role: string;
  recipient_org_code: string;
  title: string;
  body: string | null;
}

/**
 * Sends the e-mails of notifications not yet delivered, to every active user with the recipient role at the
 * recipient org who has an address, and marks each row delivered after its mails went out. At least once: a
 * crash between sending and marking sends again on retry. Without SMTP the rows are marked with nothing sent,
 * so turning SMTP on later does not flood anyone with old alerts.
 */
export async function deliverPending(ds: DataSource, mailer: Mailer | undefined, where: { ids: string[] }) {
  if (where.ids.length === 0) return;
  const rows: PendingRow[] = await ds.query(
    `SELECT id, recipient_role, recipient_org_code, title, body FROM notifications
     WHERE id = ANY($1::bigint[]) AND emailed_at IS NULL ORDER BY id`,
    [where.ids],
  );
  for (const n of rows) {
    if (mailer) {
      const users: { email: string }[] = await ds.query(
        `SELECT u.email FROM users u JOIN org_units o ON o.id = u.org_unit_id
         WHERE o.code = $1 AND u.role = $2 AND u.active AND u.email IS NOT NULL ORDER BY u.username`,
        [n.recipient_org_code, n.recipient_role],
      );
      for (const u of users) await mailer.send({ to: u.email, subject: n.title, text: n.body ?? n.title });
    }
    await ds.query(`UPDATE notifications SET emailed_at = now() WHERE id = $1`, [n.id]);
  }
}

interface OrgBacklog {
  org: string;
  waiting: number;
  overdue: number;
  oldest_due_at: Date | null;
}

/**
 * The daily digest (bản tin hằng ngày): for each org unit where dossiers wait, one notification to its APPROVER
 * and LEADER with how many wait and how many are overdue. One per org, role and Vietnam day.
 */
export async function sendDailyDigests(ds: DataSource, mailer: Mailer | undefined, at: string): Promise<number> {
  const day = vietnamDate(at);
  const backlog: OrgBacklog[] = await ds.query(
    `SELECT current_org_code AS org, count(*)::int AS waiting,
            count(*) FILTER (WHERE current_due_at < $1)::int AS overdue, min(current_due_at) AS oldest_due_at
     FROM dossiers WHERE status = 'IN_PROGRESS' AND current_org_code IS NOT NULL
     GROUP BY current_org_code ORDER BY current_org_code`,
    [at],
  );
  const ids: string[] = [];
  for (const b of backlog) {
    const title = `Bản tin ${day}: ${b.waiting} hồ sơ đang chờ, ${b.overdue} quá hạn (${b.org})`;
    const body =
      `${b.waiting} dossier(s) wait at ${b.org}; ${b.overdue} overdue.` +
      (b.oldest_due_at ? ` Earliest due: ${new Date(b.oldest_due_at).toISOString()}.` : '');
    for (const role of ['APPROVER', 'LEADER']) {
      const inserted: { id: string }[] = await ds.query(
        `INSERT INTO notifications (recipient_role, recipient_org_code, kind, title, body, digest_date, created_at)
         VALUES ($1, $2, 'DIGEST', $3, $4, $5, $6)
         ON CONFLICT (recipient_org_code, recipient_role, digest_date) WHERE kind = 'DIGEST' DO NOTHING
         RETURNING id`,
        [role, b.org, title, body, day, at],
      );
      ids.push(...inserted.map((r) => r.id));
    }
  }
  // Also rows of an earlier attempt that inserted but did not finish mailing.
  const pending: { id: string }[] = await ds.query(
    `SELECT id FROM notifications WHERE kind = 'DIGEST' AND digest_date = $1 AND emailed_at IS NULL`,
    [day],
  );
  await deliverPending(ds, mailer, { ids: [...new Set([...ids, ...pending.map((p) => p.id)])] });
  return backlog.length;
}
