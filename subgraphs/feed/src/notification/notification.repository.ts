import type { Cursor } from '@social/kit';
import { olderThan, sqlTime, toDate, type Sql } from '@social/kit/orm';
import type { Notification, NotificationKind } from './notification.type';

interface RawNotification {
  id: string;
  kind: string;
  actor_id: string;
  post_id: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

/** A recipient's notifications after `after`, newest first by (created_at, id). */
export async function readNotifications(
  sql: Sql,
  recipientId: string,
  after: Cursor | null,
  limit: number,
): Promise<Notification[]> {
  const keyset = after ? ` AND ${olderThan('created_at', 'id')}` : '';
  const params = after
    ? [recipientId, sqlTime(after.at), sqlTime(after.at), after.id, limit]
    : [recipientId, limit];
  const rows = await sql.all<RawNotification>(
    `SELECT id, kind, actor_id, post_id, created_at, read_at FROM notifications
     WHERE recipient_id = ? AND retracted_at IS NULL${keyset} ORDER BY created_at DESC, id DESC LIMIT ?`,
    params,
  );
  return rows.map(toNotification);
}

function toNotification(row: RawNotification): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    actor: { id: row.actor_id },
    post: row.post_id ? { id: row.post_id } : null,
    createdAt: toDate(row.created_at),
    read: row.read_at !== null,
  };
}

export async function countUnread(sql: Sql, recipientId: string): Promise<number> {
  const [row] = await sql.all<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = ? AND read_at IS NULL AND retracted_at IS NULL',
    [recipientId],
  );
  return Number(row?.n ?? 0);
}

/** Marks every unread notification of the recipient read; answers how many changed. */
export function markAllRead(sql: Sql, recipientId: string, now: Date): Promise<number> {
  return sql.run(
    'UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL AND retracted_at IS NULL',
    [sqlTime(now), recipientId],
  );
}
