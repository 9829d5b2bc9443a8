import { countGrouped, pairedWith } from '../shared/grouped.repository';
import type { Sql } from '@social/kit/orm';

/**
 * Likes: one row per (post, member). The primary key makes a like idempotent and the count
 * exact: likeCount is COUNT(*) over this key prefix, so no counter can drift or become a hot row.
 */

/** 1 when the like is new, 0 when it was there already. */
export function insertLike(tx: Sql, postId: string, userId: string, at: Date): Promise<number> {
  return tx.run('insert ignore into likes (post_id, user_id, created_at) values (?, ?, ?)', [
    postId,
    userId,
    at,
  ]);
}

/** 1 when a like was removed, 0 when there was none. */
export function deleteLike(tx: Sql, postId: string, userId: string): Promise<number> {
  return tx.run('delete from likes where post_id = ? and user_id = ?', [postId, userId]);
}

export function countLikes(sql: Sql, postIds: readonly string[]): Promise<Map<string, number>> {
  return countGrouped(sql, 'likes', 'post_id', postIds);
}

/** Which of the posts `userId` likes. */
export function likedPosts(
  sql: Sql,
  userId: string,
  postIds: readonly string[],
): Promise<Set<string>> {
  return pairedWith(sql, 'likes', { owner: 'user_id', id: 'post_id' }, userId, postIds);
}
