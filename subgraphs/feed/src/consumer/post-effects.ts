import type { PayloadOf } from '@social/events';
import { sqlTime, tuples, type Sql } from '@social/kit/orm';
import { fansOut, type FeedConfig } from '../config';
import { growFeeds, sizeWeight, trimAuthorPosts } from './feed-trim';

interface FeedEntry {
  postId: string;
  authorId: string;
  createdAt: string;
}

/**
 * Fan-out on write: the author's own feed always gets the post; followers' feeds get it in
 * multi-row batches unless the author has more followers than the threshold, in which case the
 * post stays in author_posts (fanned_out = 0) and readers merge it in.
 *
 * With `defer` (the event ends its chunk, see chunk-plan.ts), only the first batch is written in
 * the event's transaction and, when more followers remain, a `pending_fanouts` row with the last
 * follower written: `continueFanOut` writes the rest one batch per transaction, so the first
 * followers see the post as soon as the event's transaction commits and a crash resumes from
 * the last committed batch. Otherwise the whole fan-out is in the event's transaction.
 */
export async function onPostCreated(
  sql: Sql,
  payload: PayloadOf<'post.created'>,
  config: FeedConfig,
  defer = false,
): Promise<void> {
  const entry: FeedEntry = {
    postId: payload.postId,
    authorId: payload.authorId,
    createdAt: sqlTime(payload.createdAt),
  };
  const fanOut = fansOut(await followerCount(sql, payload.authorId), config);
  await sql.run(
    'INSERT IGNORE INTO author_posts (author_id, created_at, post_id, fanned_out) VALUES (?, ?, ?, ?)',
    [entry.authorId, entry.createdAt, entry.postId, fanOut ? 1 : 0],
  );
  await trimAuthorPosts(sql, payload.authorId, config.maxEntries + config.trimSlack);
  // The author's own feed rides along with the first batch of followers: one statement fewer.
  let owners = [payload.authorId];
  let after = '';
  for (;;) {
    const batch = fanOut ? await followerBatch(sql, payload.authorId, after, config.batchSize) : [];
    // A follower count that is a multiple of the batch size ends with an empty batch.
    if (owners.length + batch.length > 0)
      await addToFeeds(sql, [...owners, ...batch], entry, config);
    if (batch.length < config.batchSize) return;
    owners = [];
    after = batch[batch.length - 1];
    if (defer) {
      await sql.run(
        `INSERT IGNORE INTO pending_fanouts (post_id, author_id, post_created_at, after_follower_id)
         VALUES (?, ?, ?, ?)`,
        [entry.postId, entry.authorId, entry.createdAt, after],
      );
      return;
    }
  }
}

/**
 * One more batch of a deferred fan-out, in the caller's transaction: the followers after the
 * recorded one, then the new position, or the row's deletion once the batch comes up short.
 * Answers whether the fan-out is finished (also when nothing was pending).
 */
export async function continueFanOut(
  sql: Sql,
  postId: string,
  config: FeedConfig,
): Promise<boolean> {
  const [pending] = await sql.all<{
    author_id: string;
    post_created_at: Date | string;
    after_follower_id: string;
  }>(
    'SELECT author_id, post_created_at, after_follower_id FROM pending_fanouts WHERE post_id = ? FOR UPDATE',
    [postId],
  );
  if (!pending) return true;
  const entry: FeedEntry = {
    postId,
    authorId: pending.author_id,
    createdAt: sqlTime(pending.post_created_at),
  };
  const batch = await followerBatch(
    sql,
    entry.authorId,
    pending.after_follower_id,
    config.batchSize,
  );
  if (batch.length > 0) await addToFeeds(sql, batch, entry, config);
  if (batch.length < config.batchSize) {
    await sql.run('DELETE FROM pending_fanouts WHERE post_id = ?', [postId]);
    return true;
  }
  await sql.run('UPDATE pending_fanouts SET after_follower_id = ? WHERE post_id = ?', [
    batch[batch.length - 1],
    postId,
  ]);
  return false;
}

/** A deleted post leaves every feed, the author's recent posts and its notifications. */
export async function onPostDeleted(sql: Sql, payload: PayloadOf<'post.deleted'>): Promise<void> {
  // Never pending here (its fan-out finished before this later event), but a stale row must
  // not resurrect the post.
  await sql.run('DELETE FROM pending_fanouts WHERE post_id = ?', [payload.postId]);
  await sql.run('DELETE FROM feed_entries WHERE post_id = ?', [payload.postId]);
  await sql.run('DELETE FROM author_posts WHERE post_id = ?', [payload.postId]);
  await sql.run('DELETE FROM notifications WHERE post_id = ?', [payload.postId]);
}

export async function followerCount(sql: Sql, userId: string): Promise<number> {
  const [row] = await sql.all<{ followers: number }>(
    'SELECT followers FROM follower_counts WHERE user_id = ?',
    [userId],
  );
  return Number(row?.followers ?? 0);
}

// Keyset over the followee's clustered range, so each batch is one short index scan.
async function followerBatch(
  sql: Sql,
  authorId: string,
  after: string,
  size: number,
): Promise<string[]> {
  const rows = await sql.all<{ follower_id: string }>(
    'SELECT follower_id FROM follows WHERE followee_id = ? AND follower_id > ? ORDER BY follower_id LIMIT ?',
    [authorId, after, size],
  );
  return rows.map((row) => row.follower_id);
}

// INSERT IGNORE on the natural key makes a redo harmless even outside the event's transaction.
async function addToFeeds(
  sql: Sql,
  owners: string[],
  entry: FeedEntry,
  config: FeedConfig,
): Promise<void> {
  await sql.run(
    `INSERT IGNORE INTO feed_entries (owner_id, post_created_at, post_id, author_id) VALUES ${tuples(owners.length, 4)}`,
    owners.flatMap((owner) => [owner, entry.createdAt, entry.postId, entry.authorId]),
  );
  await growFeeds(sql, owners, sizeWeight(entry.postId, config), config);
}
