import { NotFoundError, isId } from '@social/kit';
import type DataLoader from 'dataloader';
import type { Sql } from '@social/kit/orm';
import type { Post } from './post.entity';
import { lockLivePostAuthor } from './post.repository';

/**
 * Locks a live post inside the caller's transaction and answers its author (see
 * `lockLivePostAuthor`), so no like or comment event is written after its post.deleted.
 */
export async function lockLivePost(
  tx: Sql,
  postId: string,
  mode: 'share' | 'update',
): Promise<string> {
  const authorId = isId(postId) ? await lockLivePostAuthor(tx, postId, mode) : null;
  if (authorId === null) throw new NotFoundError('No such post');
  return authorId;
}

/** After a committed change: a post deleted meanwhile by another request is NOT_FOUND. */
export async function loadLivePost(
  postById: DataLoader<string, Post | null>,
  id: string,
): Promise<Post> {
  const post = await postById.load(id);
  if (!post) throw new NotFoundError('No such post');
  return post;
}
