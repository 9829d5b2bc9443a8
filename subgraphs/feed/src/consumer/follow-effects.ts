import type { PayloadOf } from '@social/events';
import type { Sql } from '@social/kit/orm';
import type { FeedConfig } from '../config';
import { growFeeds } from './feed-trim';

/**
 * Keeps the feed's copy of the follow graph and backfills the followee's recent fanned-out
 * posts. Posts the followee made above the fan-out threshold are not copied: reads merge them
 * in for as long as the follow lasts, whatever the threshold is later.
 */
export async function onFollowCreated(
  sql: Sql,
  payload: PayloadOf<'follow.created'>,
  config: FeedConfig,
): Promise<void> {
  const { followerId, followeeId } = payload;
  const added = await sql.run(
    'INSERT IGNORE INTO follows (followee_id, follower_id) VALUES (?, ?)',
    [followeeId, followerId],
  );
  if (added > 0) {
    await sql.run(
      'INSERT INTO follower_counts (user_id, followers) VALUES (?, 1) ON DUPLICATE KEY UPDATE followers = followers + 1',
      [followeeId],
    );
  }
  const inserted = await sql.run(
    `INSERT IGNORE INTO feed_entries (owner_id, post_created_at, post_id, author_id)
     SELECT ?, created_at, post_id, author_id FROM author_posts
     WHERE author_id = ? AND fanned_out = 1 ORDER BY created_at DESC, post_id DESC LIMIT ?`,
    [followerId, followeeId, config.maxEntries],
  );
  await growFeeds(sql, [followerId], inserted, config);
}

/** Unfollow takes every post of the followee out of the follower's feed. */
export async function onFollowDeleted(
  sql: Sql,
  payload: PayloadOf<'follow.deleted'>,
): Promise<void> {
  const { followerId, followeeId } = payload;
  const removed = await sql.run('DELETE FROM follows WHERE followee_id = ? AND follower_id = ?', [
    followeeId,
    followerId,
  ]);
  if (removed > 0) {
    // GREATEST keeps the unsigned column from wrapping if the copy ever drifted.
    await sql.run(
      'UPDATE follower_counts SET followers = GREATEST(followers, 1) - 1 WHERE user_id = ?',
      [followeeId],
    );
  }
  await sql.run('DELETE FROM feed_entries WHERE owner_id = ? AND author_id = ?', [
    followerId,
    followeeId,
  ]);
}
