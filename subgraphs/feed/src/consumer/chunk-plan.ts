import type { ActivityEvent } from '@social/events';
import { list, type Sql } from '@social/kit/orm';
import { fansOut, type FeedConfig } from '../config';

/**
 * How many of `events` one transaction takes. Ordinary events cost a few rows each, but a
 * post.created fans out to every follower; a chunk stops before the fan-out rows would exceed
 * one multi-row batch, and a larger fan-out ends its chunk: its first batch commits with the
 * chunk and the rest follows one batch per transaction (post-effects.ts). That bounds a
 * transaction's locks and undo, and the first followers see the post at once.
 * Counts may move within the chunk (follows in it), so this is a budget, not a promise.
 */
export async function chunkLength(
  sql: Sql,
  events: ActivityEvent[],
  fresh: boolean[],
  config: FeedConfig,
): Promise<number> {
  const followers = await followerCounts(
    sql,
    events.filter((event, i) => fresh[i] && event.type === 'post.created'),
  );
  let rows = 0;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i];
    const count =
      fresh[i] && event.type === 'post.created' ? (followers.get(event.payload.authorId) ?? 0) : 0;
    const fanOut = fansOut(count, config) ? count : 0;
    if (i > 0 && rows + fanOut > config.batchSize) return i;
    rows += fanOut;
    // A fan-out of a full batch or more ends its chunk: it may go on after the commit.
    if (rows >= config.batchSize) return i + 1;
  }
  return events.length;
}

async function followerCounts(sql: Sql, posts: ActivityEvent[]): Promise<Map<string, number>> {
  const authors = [
    ...new Set(posts.map((event) => (event.type === 'post.created' ? event.payload.authorId : ''))),
  ];
  if (authors.length === 0) return new Map();
  const rows = await sql.all<{ user_id: string; followers: number }>(
    `SELECT user_id, followers FROM follower_counts WHERE user_id IN (${list(authors.length)})`,
    authors,
  );
  return new Map(rows.map((row) => [row.user_id, Number(row.followers)]));
}
