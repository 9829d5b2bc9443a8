import type { ActivityEvent } from '@social/events';
import type { Sql } from '@social/kit/orm';
import type { FeedConfig } from '../config';
import { onFollowCreated, onFollowDeleted } from './follow-effects';
import { onMemberDeleted } from './member-effects';
import type { NotificationWriter } from './notification-effects';
import { onPostCreated, onPostDeleted } from './post-effects';

/**
 * Every write one event causes, inside the caller's transaction; notification writes are
 * handed to the chunk's writer, which the caller flushes before it commits.
 */
export async function applyEffects(
  sql: Sql,
  event: ActivityEvent,
  config: FeedConfig,
  notes: NotificationWriter,
  /** The event is the chunk's last: a large fan-out may go on after the commit (post-effects.ts). */
  last = false,
): Promise<void> {
  switch (event.type) {
    case 'post.created':
      return onPostCreated(sql, event.payload, config, last);
    case 'post.deleted':
      // The deletion takes the post's notifications: those still pending must land first.
      await notes.flush();
      return onPostDeleted(sql, event.payload);
    case 'follow.created':
      // Activity refuses self-follows; the guard keeps one from hiding the author's own posts.
      if (event.payload.followerId === event.payload.followeeId) return;
      await onFollowCreated(sql, event.payload, config);
      return notes.add(event);
    case 'follow.deleted':
      if (event.payload.followerId === event.payload.followeeId) return;
      await onFollowDeleted(sql, event.payload);
      return notes.add(event);
    case 'post.edited':
      // Feeds hold references; activity serves the edited body.
      return;
    case 'member.deleted':
      // Pending notifications of the chunk may be the member's: they must land to be removed.
      await notes.flush();
      return onMemberDeleted(sql, event.payload);
    default:
      return notes.add(event);
  }
}
