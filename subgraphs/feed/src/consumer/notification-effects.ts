import { createHash } from 'node:crypto';
import type { ActivityEvent } from '@social/events';
import { sqlTime, type Sql } from '../db/sql';

export type NotificationKind = 'FOLLOWED' | 'POST_LIKED' | 'POST_COMMENTED';

/**
 * A notification's id is derived from what it is about (who followed whom, who liked which
 * post, which comment), so the event that takes it back finds it without a lookup and a
 * redelivered event cannot create a second one.
 */
export function notificationId(naturalKey: string): string {
  const hex = createHash('sha256').update(naturalKey).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Change {
  action: 'notify' | 'retract';
  naturalKey: string;
  kind: NotificationKind;
  recipientId: string;
  actorId: string;
  postId: string | null;
}

/** The notification an event gives or takes back; none for acting on yourself. */
function changeOf(event: ActivityEvent): Change | null {
  switch (event.type) {
    case 'follow.created':
    case 'follow.deleted': {
      const { followerId, followeeId } = event.payload;
      const action = event.type === 'follow.created' ? 'notify' : 'retract';
      return { action, naturalKey: `followed:${followerId}:${followeeId}`, kind: 'FOLLOWED', recipientId: followeeId, actorId: followerId, postId: null };
    }
    case 'like.created':
    case 'like.deleted': {
      const { postId, postAuthorId, likerId } = event.payload;
      const action = event.type === 'like.created' ? 'notify' : 'retract';
      return { action, naturalKey: `liked:${postId}:${likerId}`, kind: 'POST_LIKED', recipientId: postAuthorId, actorId: likerId, postId };
    }
    case 'comment.created':
    case 'comment.deleted': {
      const { commentId, postId, postAuthorId, authorId } = event.payload;
      const action = event.type === 'comment.created' ? 'notify' : 'retract';
      return { action, naturalKey: `commented:${commentId}`, kind: 'POST_COMMENTED', recipientId: postAuthorId, actorId: authorId, postId };
    }
    default:
      return null;
  }
}

export async function applyNotification(sql: Sql, event: ActivityEvent): Promise<void> {
  const change = changeOf(event);
  if (!change || change.recipientId === change.actorId) return;
  const id = notificationId(change.naturalKey);
  if (change.action === 'retract') {
    await sql.run('DELETE FROM notifications WHERE id = ?', [id]);
    return;
  }
  await sql.run(
    `INSERT IGNORE INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, read_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL)`,
    [id, change.recipientId, change.kind, change.actorId, change.postId, sqlTime(event.occurredAt)],
  );
}
