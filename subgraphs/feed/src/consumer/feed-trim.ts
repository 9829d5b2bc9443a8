import type { FeedConfig } from '../config';
import { list, sqlTime, tuples, type Sql } from '@social/kit/orm';

/**
 * Records that up to `added` entries went into each owner's feed and trims the feeds that may
 * now hold more than `maxEntries + trimSlack` back to `maxEntries`, so a full feed is trimmed
 * once per `trimSlack` posts, not on every one. The bound only ever over-counts (ignored
 * duplicates and removals are not subtracted), so a trim can be needless but is never missed;
 * a trim resets the bound to the exact count.
 */
export async function growFeeds(
  sql: Sql,
  owners: string[],
  added: number,
  { maxEntries, trimSlack }: Pick<FeedConfig, 'maxEntries' | 'trimSlack'>,
): Promise<void> {
  if (owners.length === 0 || added <= 0) return;
  await sql.run(
    `INSERT INTO feed_sizes (owner_id, entries_bound) VALUES ${tuples(owners.length, 2)}
     ON DUPLICATE KEY UPDATE entries_bound = entries_bound + VALUES(entries_bound)`,
    owners.flatMap((owner) => [owner, added]),
  );
  const over = await sql.all<{ owner_id: string }>(
    `SELECT owner_id FROM feed_sizes WHERE owner_id IN (${list(owners.length)}) AND entries_bound > ?`,
    [...owners, maxEntries + trimSlack],
  );
  if (over.length > 0)
    await trimFeeds(
      sql,
      over.map((row) => row.owner_id),
      maxEntries,
    );
}

/**
 * How much a post adds to its feeds' size bounds. Exactly 1 without slack; with slack, one post
 * in `k` (chosen by its id's random bits, k = trimSlack / 10) adds `k` and the others nothing,
 * so nine fan-outs in ten skip the bound's upsert, a random write per follower as dear as the
 * entry's own. The bound then follows the feed's size on average instead of over-counting it:
 * between two trims (about trimSlack posts) it strays by about sqrt(trimSlack * k) entries (30
 * at the defaults), so a feed may pass maxEntries + trimSlack by that much before it is
 * trimmed back; readers never see more than maxEntries either way.
 */
export function sizeWeight(postId: string, { trimSlack }: Pick<FeedConfig, 'trimSlack'>): number {
  const k = Math.max(1, Math.floor(trimSlack / 10));
  return parseInt(postId.slice(-8), 16) % k === 0 ? k : 0;
}

/** Keeps the newest `maxEntries` entries of each feed, in the feed's own order. */
async function trimFeeds(sql: Sql, owners: string[], maxEntries: number): Promise<void> {
  await sql.run(
    `DELETE fe FROM feed_entries fe JOIN (
       SELECT owner_id, post_created_at, post_id FROM (
         SELECT owner_id, post_created_at, post_id,
           ROW_NUMBER() OVER (PARTITION BY owner_id ORDER BY post_created_at DESC, post_id DESC) AS position
         FROM feed_entries WHERE owner_id IN (${list(owners.length)})
       ) ranked WHERE position > ?
     ) old ON fe.owner_id = old.owner_id AND fe.post_created_at = old.post_created_at AND fe.post_id = old.post_id`,
    [...owners, maxEntries],
  );
  await sql.run(
    `UPDATE feed_sizes s SET entries_bound = (SELECT COUNT(*) FROM feed_entries e WHERE e.owner_id = s.owner_id)
     WHERE s.owner_id IN (${list(owners.length)})`,
    owners,
  );
}

/** Keeps an author's newest `keep` posts: enough to backfill or merge a full feed. */
export async function trimAuthorPosts(sql: Sql, authorId: string, keep: number): Promise<void> {
  const [cutoff] = await sql.all<{ created_at: Date; post_id: string }>(
    `SELECT created_at, post_id FROM author_posts WHERE author_id = ?
     ORDER BY created_at DESC, post_id DESC LIMIT 1 OFFSET ?`,
    [authorId, keep],
  );
  if (!cutoff) return;
  const at = sqlTime(cutoff.created_at);
  await sql.run(
    `DELETE FROM author_posts WHERE author_id = ? AND (created_at < ? OR (created_at = ? AND post_id <= ?))`,
    [authorId, at, at, cutoff.post_id],
  );
}
