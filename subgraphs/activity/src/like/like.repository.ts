import { bumpCount, readCounts } from '../post/post-counts.repository';
import { pairedWith } from '../shared/grouped.repository';
import type { Sql } from '@social/kit/orm';

/**
 * Likes: one row per (post, member). The primary key makes a like idempotent; the count moves
 * with the row, in its transaction (post-counts.repository.ts).
 */

/** 1 when the like is new, 0 when it was there already. */
export async function insertLike(
  tx: Sql,
  postId: string,
  userId: string,
  at: Date,
): Promise<number> {
  const added = await tx.run(
    'insert ignore into likes (post_id, user_id, created_at) values (?, ?, ?)',
    [postId, userId, at],
  );
  await bumpCount(tx, postId, 'likes', added);
  return added;
}

/** 1 when a like was removed, 0 when there was none. */
export async function deleteLike(tx: Sql, postId: string, userId: string): Promise<number> {
  const removed = await tx.run('delete from likes where post_id = ? and user_id = ?', [
    postId,
    userId,
  ]);
  await bumpCount(tx, postId, 'likes', -removed);
  return removed;
}

export function countLikes(sql: Sql, postIds: readonly string[]): Promise<Map<string, number>> {
  return readCounts(sql, 'likes', postIds);
}

/** Which of the posts `userId` likes. */
export function likedPosts(
  sql: Sql,
  userId: string,
  postIds: readonly string[],
): Promise<Set<string>> {
  return pairedWith(sql, 'likes', { owner: 'user_id', id: 'post_id' }, userId, postIds);
}
