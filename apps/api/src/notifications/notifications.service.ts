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
});

const COLUMNS = 'id, kind, dossier_id, stage_name, title, body, due_at, created_at, read_at';

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
    let where = 'recipient_org_code = $1 AND recipient_role = $2';
    if (q.unread) where += ' AND read_at IS NULL';
    if (q.cursor) {
      params.push(q.cursor);
      where += ` AND id < $${params.length}`;
    }
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM notifications WHERE ${where} ORDER BY id DESC LIMIT $3`,
      params,
    );
    const items = rows.slice(0, limit).map(view);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Row[], number] = await this.ds.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
       WHERE id = $1 AND recipient_org_code = $2 AND recipient_role = $3 RETURNING ${COLUMNS}`,
      [id, user.orgUnitCode, user.role],
    );
    // Someone else's notification is as unknown as a missing one.
    if (rows.length === 0) throw new AppError('NOT_FOUND', `Notification ${id} not found`);
    return view(rows[0]);
  }
}
