import { olderThan, sqlTime, toDate, type Sql } from '@social/kit/orm';
import type { FeedCursor } from './feed.cursor';

export interface FeedRow {
  postId: string;
  authorId: string;
  createdAt: Date;
}

interface RawRow {
  post_id: string;
  author_id: string;
  created_at: Date | string;
}

const STORED = `SELECT post_id, author_id, post_created_at AS created_at FROM feed_entries WHERE owner_id = ?`;
// Posts of followed authors that were never fanned out (they had too many followers then).
const MERGED = `SELECT p.post_id, p.author_id, p.created_at FROM follows f
  JOIN author_posts p ON p.author_id = f.followee_id AND p.fanned_out = 0
  WHERE f.follower_id = ?`;

/**
 * Up to `limit` rows of a feed after `after`, newest first by (post time, post id): the stored
 * entries merged with the read-time posts of popular authors, in one order and one cursor
 * space. Both sources are keyset ranges on immutable keys, so concurrent inserts and deletes
 * never make a page skip or repeat an item that stays in the feed.
 *
 * The FEED_MAX_ENTRIES bound is applied by position: the cursor carries how many items the walk
 * has returned, and a walk stops after `maxEntries` items. So a page reads at most `limit` rows
 * per source, however deep it is, instead of both sources' whole window to find the oldest item
 * shown. Within a walk this is the same bound as "the newest `maxEntries` items" of the feed as
 * it was when the walk began; posts arriving above the cursor meanwhile are not counted (the
 * walk does not show them either). A forged count only reveals posts of followed authors still
 * kept in `author_posts`, so it is a size bound, not an access rule.
 */
export async function readFeed(
  sql: Sql,
  ownerId: string,
  after: FeedCursor | null,
  limit: number,
  maxEntries: number,
) {
  const take = Math.min(limit, maxEntries - (after?.shown ?? 0));
  if (take <= 0) return [];
  // Already in feed order. A post is in one source only (its fanned_out flag decides); the
  // guard keeps a post from showing twice should that ever not hold.
  const rows = distinctPosts(await bothSources(sql, ownerId, after, take));
  if (!after || after.shown !== null) return rows;
  // A cursor issued before cursors carried a count: fall back to the window's oldest item.
  const floor = await feedFloor(sql, ownerId, maxEntries);
  return floor ? rows.filter((row) => compareNewestFirst(row, floor) <= 0) : rows;
}

// The followed authors that have posts kept for read-time merging: one index probe per followee.
const MERGED_AUTHORS = `SELECT f.followee_id AS author_id FROM follows f
  WHERE f.follower_id = ? AND EXISTS (
    SELECT 1 FROM author_posts p WHERE p.author_id = f.followee_id AND p.fanned_out = 0)`;
// One merged author's newest posts: a backward range of author_posts_merged, at most LIMIT rows.
const MERGED_OF_AUTHOR = `SELECT post_id, author_id, created_at FROM author_posts
  WHERE author_id = ? AND fanned_out = 0`;

/**
 * Both sources' pages in one statement (one round trip on the feed's hottest read, after the
 * probe for merged authors): each branch is its own keyset range with its own ORDER BY and
 * LIMIT, so each reads at most `limit` rows from its index; the outer ORDER BY merges the
 * short lists. The merged posts get a branch per author: one join over every followed
 * author's posts would read all of them (MariaDB has no LATERAL join) and sort them, a cost
 * that grew with the merged authors' post counts instead of with the page (bench growth curve).
 */
async function bothSources(
  sql: Sql,
  ownerId: string,
  after: FeedCursor | null,
  limit: number,
): Promise<FeedRow[]> {
  const authors = await sql.all<{ author_id: string }>(MERGED_AUTHORS, [ownerId]);
  const branch = (base: string, timeColumn: string, idColumn: string) =>
    `(${base}${after ? ` AND ${olderThan(timeColumn, idColumn)}` : ''} ORDER BY ${timeColumn} DESC, ${idColumn} DESC LIMIT ?)`;
  const params = (id: string) =>
    after ? [id, sqlTime(after.at), sqlTime(after.at), after.postId, limit] : [id, limit];
  const branches = [
    branch(STORED, 'post_created_at', 'post_id'),
    ...authors.map(() => branch(MERGED_OF_AUTHOR, 'created_at', 'post_id')),
  ];
  const rows = await sql.all<RawRow>(
    `${branches.join(' UNION ALL ')} ORDER BY created_at DESC, post_id DESC LIMIT ?`,
    [...params(ownerId), ...authors.flatMap((a) => params(a.author_id)), limit],
  );
  return rows.map(toRow);
}

function toRow(row: RawRow): FeedRow {
  return { postId: row.post_id, authorId: row.author_id, createdAt: toDate(row.created_at) };
}

async function page(
  sql: Sql,
  base: string,
  timeColumn: string,
  idColumn: string,
  ownerId: string,
  after: FeedCursor | null,
  limit: number,
): Promise<FeedRow[]> {
  const keyset = after ? ` AND ${olderThan(timeColumn, idColumn)}` : '';
  const params = after
    ? [ownerId, sqlTime(after.at), sqlTime(after.at), after.postId, limit]
    : [ownerId, limit];
  const rows = await sql.all<RawRow>(
    `${base}${keyset} ORDER BY ${timeColumn} DESC, ${idColumn} DESC LIMIT ?`,
    params,
  );
  return rows.map(toRow);
}

/**
 * The oldest item a feed shows now: reads up to `maxEntries` rows of each source. Only for
 * cursors without a count; remove once they have expired.
 */
async function feedFloor(sql: Sql, ownerId: string, maxEntries: number): Promise<FeedRow | null> {
  const merged = await page(sql, MERGED, 'p.created_at', 'p.post_id', ownerId, null, maxEntries);
  if (merged.length === 0) return null;
  const stored = await page(sql, STORED, 'post_created_at', 'post_id', ownerId, null, maxEntries);
  return mergeNewestFirst(stored, merged)[maxEntries - 1] ?? null;
}

export function compareNewestFirst(a: FeedRow, b: FeedRow): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.postId < b.postId ? 1 : a.postId > b.postId ? -1 : 0;
}

function mergeNewestFirst(a: FeedRow[], b: FeedRow[]): FeedRow[] {
  return distinctPosts([...a, ...b].sort(compareNewestFirst));
}

function distinctPosts(rows: FeedRow[]): FeedRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.postId) && seen.add(row.postId));
}
