import type { EntityManager } from '@mikro-orm/mysql';
import { NotFoundError, isId } from '@social/kit';
import { all } from '../shared/sql';

/**
 * Reads a live post's author with a row lock inside the caller's transaction. `share` lets
 * likes and comments run side by side while a delete waits for them (and they for it), so no
 * event about a post is written after its post.deleted; `update` is for the author's changes.
 */
export async function lockLivePost(
  tx: EntityManager,
  postId: string,
  mode: 'share' | 'update',
): Promise<string> {
  if (!isId(postId)) throw new NotFoundError('No such post');
  const lock = mode === 'share' ? 'lock in share mode' : 'for update';
  const [row] = await all<{ author_id: string }>(
    tx,
    `select author_id from posts where id = ? and deleted_at is null ${lock}`,
    [postId],
  );
  if (!row) throw new NotFoundError('No such post');
  return row.author_id;
}
