import { createHash } from 'node:crypto';
import type { ActivityEvent } from '@social/events';
import { list, sqlTime, tuples, type Sql } from '@social/kit/orm';

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
      return {
        action,
        naturalKey: `followed:${followerId}:${followeeId}`,
        kind: 'FOLLOWED',
        recipientId: followeeId,
        actorId: followerId,
        postId: null,
      };
    }
    case 'like.created':
    case 'like.deleted': {
      const { postId, postAuthorId, likerId } = event.payload;
      const action = event.type === 'like.created' ? 'notify' : 'retract';
      return {
        action,
        naturalKey: `liked:${postId}:${likerId}`,
        kind: 'POST_LIKED',
        recipientId: postAuthorId,
        actorId: likerId,
        postId,
      };
    }
    case 'comment.created':
    case 'comment.deleted': {
      const { commentId, postId, postAuthorId, authorId } = event.payload;
      const action = event.type === 'comment.created' ? 'notify' : 'retract';
      return {
        action,
        naturalKey: `commented:${commentId}`,
        kind: 'POST_COMMENTED',
        recipientId: postAuthorId,
        actorId: authorId,
        postId,
      };
    }
    default:
      return null;
  }
}

/**
 * Collects the notification writes of a chunk's events into multi-row statements. A run of
 * the same action is flushed as one statement when the action changes, so a notify and a
 * retract of the same notification still land in event order; callers flush before anything
 * else that touches notifications (a post deletion) and at the end of the chunk.
 */
export function createNotificationWriter(sql: Sql) {
  let action: Change['action'] = 'notify';
  let pending: Array<{ id: string; change: Change; at: string }> = [];

  async function flush(): Promise<void> {
    const rows = pending;
    pending = [];
    if (rows.length === 0) return;
    if (action === 'retract') {
      await sql.run(
        `DELETE FROM notifications WHERE id IN (${list(rows.length)})`,
        rows.map((row) => row.id),
      );
      return;
    }
    await sql.run(
      `INSERT IGNORE INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, read_at) VALUES ${tuples(rows.length, 7)}`,
      rows.flatMap(({ id, change, at }) => [
        id,
        change.recipientId,
        change.kind,
        change.actorId,
        change.postId,
        at,
        null,
      ]),
    );
  }

  return {
    flush,
    async add(event: ActivityEvent): Promise<void> {
      const change = changeOf(event);
      if (!change || change.recipientId === change.actorId) return;
      if (change.action !== action) await flush();
      action = change.action;
      pending.push({
        id: notificationId(change.naturalKey),
        change,
        at: sqlTime(event.occurredAt),
      });
    },
  };
}

export type NotificationWriter = ReturnType<typeof createNotificationWriter>;
