import { bumpCount, readCounts } from '../post/post-counts.repository';
import type { KeysetSource } from '../shared/keyset.repository';
import { toDate, type Sql } from '@social/kit/orm';
import type { Comment } from './comment.entity';

interface CommentRow {
  id: string;
  post_id: string;
  author_id: string;
  body: string;
  created_at: Date | string;
}

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: toDate(row.created_at),
  };
}

/** A post's comments, newest first. */
export const commentsByPost: KeysetSource<Comment, CommentRow> = {
  table: 'comments',
  parentColumn: 'post_id',
  atColumn: 'created_at',
  idColumn: 'id',
  columns: 'id, post_id, author_id, body, created_at',
  map: toComment,
  cursorOf: (comment) => ({ at: comment.createdAt, id: comment.id }),
};

export function countComments(sql: Sql, postIds: readonly string[]): Promise<Map<string, number>> {
  return readCounts(sql, 'comments', postIds);
}

export async function insertComment(tx: Sql, comment: Comment): Promise<number> {
  const added = await tx.run(
    'insert into comments (id, post_id, author_id, body, created_at) values (?, ?, ?, ?, ?)',
    [comment.id, comment.postId, comment.authorId, comment.body, comment.createdAt],
  );
  await bumpCount(tx, comment.postId, 'comments', added);
  return added;
}

/** The comment's post and author, its row locked for the rest of the transaction; null if absent. */
export async function lockComment(
  tx: Sql,
  id: string,
): Promise<Pick<Comment, 'postId' | 'authorId'> | null> {
  const [row] = await tx.all<{ post_id: string; author_id: string }>(
    'select post_id, author_id from comments where id = ? for update',
    [id],
  );
  return row ? { postId: row.post_id, authorId: row.author_id } : null;
}

/** Deleting a comment removes the row: the deletion event carries every id the feed needs. */
export async function deleteComment(tx: Sql, id: string, postId: string): Promise<number> {
  const removed = await tx.run('delete from comments where id = ?', [id]);
  await bumpCount(tx, postId, 'comments', -removed);
  return removed;
}
