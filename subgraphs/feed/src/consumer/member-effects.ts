import type { PayloadOf } from '@social/events';
import type { Sql } from '@social/kit/orm';

/**
 * The account is gone: its feed, every notification it received or caused, its copy of the
 * follow graph (keeping the others' follower counts exact) and its recent posts in other feeds.
 * Activity follows with follow.deleted, like.deleted, comment.deleted and post.deleted for
 * everything of the member's; each finds what this already removed gone and changes nothing,
 * and one that arrives first (another topic, so no order) removes its part the usual way.
 */
export async function onMemberDeleted(
  sql: Sql,
  payload: PayloadOf<'member.deleted'>,
): Promise<void> {
  const { memberId } = payload;
  await sql.run('DELETE FROM feed_entries WHERE owner_id = ?', [memberId]);
  await sql.run('DELETE FROM feed_sizes WHERE owner_id = ?', [memberId]);
  await sql.run('DELETE FROM notifications WHERE recipient_id = ?', [memberId]);
  await sql.run('DELETE FROM notifications WHERE actor_id = ?', [memberId]);
  // Those the member followed lose a follower now, so a later follow.deleted counts nothing twice.
  await sql.run(
    `UPDATE follower_counts c JOIN follows f ON f.followee_id = c.user_id
     SET c.followers = GREATEST(c.followers, 1) - 1 WHERE f.follower_id = ?`,
    [memberId],
  );
  await sql.run('DELETE FROM follows WHERE follower_id = ?', [memberId]);
  await sql.run('DELETE FROM follows WHERE followee_id = ?', [memberId]);
  await sql.run('DELETE FROM follower_counts WHERE user_id = ?', [memberId]);
  // Their recent posts (author_posts keeps the newest of each author) leave every feed now; an
  // older one still in a feed goes with its post.deleted.
  await sql.run(
    `DELETE e FROM feed_entries e JOIN author_posts p ON p.post_id = e.post_id
     WHERE p.author_id = ?`,
    [memberId],
  );
  await sql.run('DELETE FROM author_posts WHERE author_id = ?', [memberId]);
}
