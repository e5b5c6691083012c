import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { NotificationsQuery } from './notifications.dto';

export interface NotificationView {
  id: string;
  kind: 'REMINDER' | 'ESCALATION' | 'DIGEST';
  dossierId: string | null;
  stageName: string | null;
  title: string;
  body: string | null;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
  /** The dossier's nominee and award, and the name of the org the stage sits at: what the page names it by. */
  nomineeName: string | null;
  awardCode: string | null;
  orgUnitName: string | null;
}

interface Row {
  id: string;
  kind: NotificationView['kind'];
  dossier_id: string | null;
  stage_name: string | null;
  title: string;
  body: string | null;
  due_at: Date | null;
  created_at: Date;
  read_at: Date | null;
  nominee_name: string | null;
  award_code: string | null;
  org_name: string | null;
}

const view = (r: Row): NotificationView => ({
  id: String(r.id),
  kind: r.kind,
  dossierId: r.dossier_id,
  stageName: r.stage_name,
  title: r.title,
  body: r.body,
  dueAt: r.due_at ? r.due_at.toISOString() : null,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
  nomineeName: r.nominee_name,
  awardCode: r.award_code,
  orgUnitName: r.org_name,
});

const COLUMNS = 'id, kind, dossier_id, stage_name, title, body, due_at, created_at, read_at';
/**
 * Notification rows of `source` (the table, or a CTE of the same columns) with their dossier's nominee and award and
 * their org's name, as `n`.
 */
const named = (source = 'notifications') => `SELECT n.id, n.kind, n.dossier_id, n.stage_name, n.title, n.body,
    n.due_at, n.created_at, n.read_at, d.nominee_name, d.award_code, o.name AS org_name
  FROM ${source} n
  LEFT JOIN dossiers d ON d.id = n.dossier_id
  LEFT JOIN org_units o ON o.code = n.recipient_org_code`;

/**
 * In-app notifications are addressed to a role at an org unit (the stage's role, the org's APPROVER and
 * LEADER), so every holder of that role there sees them, and a read mark is shared between them.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(user: AuthUser, q: NotificationsQuery): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 20;
    const params: unknown[] = [user.orgUnitCode, user.role, limit + 1];
    let where = 'n.recipient_org_code = $1 AND n.recipient_role = $2';
    if (q.unread) where += ' AND n.read_at IS NULL';
    if (q.cursor) {
      params.push(q.cursor);
      where += ` AND n.id < $${params.length}`;
    }
    const rows: Row[] = await this.ds.query(`${named()} WHERE ${where} ORDER BY n.id DESC LIMIT $3`, params);
    const items = rows.slice(0, limit).map(view);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const rows: Row[] = await this.ds.query(
      `WITH updated AS (
         UPDATE notifications SET read_at = COALESCE(read_at, now())
         WHERE id = $1 AND recipient_org_code = $2 AND recipient_role = $3 RETURNING ${COLUMNS}, recipient_org_code)
       ${named('updated')}`,
      [id, user.orgUnitCode, user.role],
    );
    // Someone else's notification is as unknown as a missing one.
    if (rows.length === 0) throw new AppError('NOT_FOUND', `Notification ${id} not found`);
    return view(rows[0]);
  }

  /** How many the caller has not read: the header's badge. */
  async unreadCount(user: AuthUser): Promise<{ unread: number }> {
    const [{ unread }]: { unread: number }[] = await this.ds.query(
      `SELECT count(*)::int AS unread FROM notifications
       WHERE recipient_org_code = $1 AND recipient_role = $2 AND read_at IS NULL`,
      [user.orgUnitCode, user.role],
    );
    return { unread };
  }

  /** Marks every notification of the caller read; answers how many it marked. */
  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const [{ marked }]: { marked: number }[] = await this.ds.query(
      `WITH m AS (UPDATE notifications SET read_at = now()
         WHERE recipient_org_code = $1 AND recipient_role = $2 AND read_at IS NULL RETURNING 1)
       SELECT count(*)::int AS marked FROM m`,
      [user.orgUnitCode, user.role],
    );
    return { marked };
  }
}
