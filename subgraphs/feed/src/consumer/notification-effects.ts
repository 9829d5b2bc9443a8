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
 * Follows and likes are taken back softly (retracted_at), because they can be given again:
 * given again within `renotifyAfterSeconds` of being taken back, the notification comes back
 * where it was, read if it was read, instead of being raised anew; so a follow/unfollow or
 * like/unlike storm never re-raises one. Later than that it is a new notification. A comment
 * is never given again (a new comment has a new id): its notification is deleted outright.
 * Retracted rows older than the window are pruned (maintenance/processed-events-prune.ts).
 *
 * Collects the notification writes of a chunk's events into multi-row statements. A run of
 * the same action is flushed as one statement when the action changes, so a notify and a
 * retract of the same notification still land in event order; callers flush before anything
 * else that touches notifications (a post deletion) and at the end of the chunk.
 */
export function createNotificationWriter(sql: Sql, renotifyAfterSeconds: number) {
  let action: Change['action'] = 'notify';
  let pending: Array<{ id: string; change: Change; at: string }> = [];

  async function flush(): Promise<void> {
    const rows = pending;
    pending = [];
    if (rows.length === 0) return;
    if (action === 'retract') {
      await retract(rows);
      return;
    }
    // Assignments run left to right: created_at and read_at still see the old retracted_at.
    // A duplicate (redelivered) notify of a live row changes nothing.
    const stale = `retracted_at IS NOT NULL AND retracted_at < VALUES(created_at) - INTERVAL ${renotifyAfterSeconds} SECOND`;
    await sql.run(
      `INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, read_at) VALUES ${tuples(rows.length, 7)}
       ON DUPLICATE KEY UPDATE created_at = IF(${stale}, VALUES(created_at), created_at),
         read_at = IF(${stale}, NULL, read_at), retracted_at = NULL`,
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

  async function retract(rows: typeof pending): Promise<void> {
    const comments = rows.filter((row) => row.change.kind === 'POST_COMMENTED');
    const revivable = rows.filter((row) => row.change.kind !== 'POST_COMMENTED');
    if (comments.length > 0)
      await sql.run(
        `DELETE FROM notifications WHERE id IN (${list(comments.length)})`,
        comments.map((row) => row.id),
      );
    if (revivable.length > 0)
      await sql.run(
        `UPDATE notifications SET retracted_at = CASE id ${revivable.map(() => 'WHEN ? THEN ?').join(' ')} END
         WHERE id IN (${list(revivable.length)}) AND retracted_at IS NULL`,
        [...revivable.flatMap((row) => [row.id, row.at]), ...revivable.map((row) => row.id)],
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
