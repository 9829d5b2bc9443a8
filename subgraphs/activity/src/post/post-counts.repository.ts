import { list, type Sql } from '@social/kit/orm';

/**
 * Each post's like and comment counts, kept in `post_counts` by the same transaction that adds
 * or removes a like or comment row, and only when a row really changed: so a count is exact
 * (concurrent likes of one post queue on its counter row for the moment of their commit) and
 * reading it costs one primary-key lookup, not a COUNT(*) over every like of a popular post.
 */
export type CountColumn = 'likes' | 'comments';

/** Moves `postId`'s count by `delta` (a changed row's +1 or -1, or a round's -n). */
export async function bumpCount(
  tx: Sql,
  postId: string,
  column: CountColumn,
  delta: number,
): Promise<void> {
  if (delta > 0) {
    await tx.run(
      `insert into post_counts (post_id, ${column}) values (?, ?) on duplicate key update ${column} = ${column} + values(${column})`,
      [postId, delta],
    );
  } else if (delta < 0) {
    // GREATEST keeps the unsigned column from wrapping should it ever have drifted.
    await tx.run(
      `update post_counts set ${column} = greatest(${column}, ?) - ? where post_id = ?`,
      [-delta, -delta, postId],
    );
  }
}

/** One count of each post, from its counter row (0 for a post without one). */
export async function readCounts(
  sql: Sql,
  column: CountColumn,
  postIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await sql.all<{ post_id: string; n: number | string }>(
    `select post_id, ${column} as n from post_counts where post_id in (${list(postIds.length)})`,
    [...postIds],
  );
  return new Map(rows.map((row) => [row.post_id, Number(row.n)]));
}

/** Removes `-1` per row for each post in `postIds` (one per removed like or comment). */
export async function bumpEach(tx: Sql, postIds: string[], column: CountColumn): Promise<void> {
  const perPost = new Map<string, number>();
  for (const id of postIds) perPost.set(id, (perPost.get(id) ?? 0) + 1);
  for (const [postId, removed] of perPost) await bumpCount(tx, postId, column, -removed);
}
