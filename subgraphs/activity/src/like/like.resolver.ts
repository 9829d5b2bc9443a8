import { createEvent } from '@social/events';
import { requireViewer } from '@social/kit';
import type { Sql } from '@social/kit/orm';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeChange } from '../outbox/outbox.writer';
import { Post } from '../post/post.entity';
import { loadLivePost, lockLivePost } from '../post/post.service';
import { inTransaction } from '../shared/transaction';
import { deleteLike, insertLike } from './like.repository';

@Resolver()
export class LikeResolver {
  @Mutation(() => Post, { description: 'Idempotent' })
  likePost(
    @Arg('postId', () => ID) postId: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    return changeLike(context, postId, 'like.created', (tx, likerId) =>
      insertLike(tx, postId, likerId, new Date()),
    );
  }

  @Mutation(() => Post, { description: 'Idempotent' })
  unlikePost(
    @Arg('postId', () => ID) postId: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    return changeLike(context, postId, 'like.deleted', (tx, likerId) =>
      deleteLike(tx, postId, likerId),
    );
  }
}

/**
 * Liking and unliking alike: the live post is share-locked (it cannot be deleted meanwhile),
 * then the write and, only when it changed a row, its event; answers the post as it is now.
 */
async function changeLike(
  context: ActivityContext,
  postId: string,
  type: 'like.created' | 'like.deleted',
  write: (tx: Sql, likerId: string) => Promise<number>,
): Promise<Post> {
  const viewer = requireViewer(context.viewer);
  await context.limits.spend('like', viewer.userId);
  await inTransaction(context, async (tx) => {
    const postAuthorId = await lockLivePost(tx, postId, 'share');
    const payload = { postId, postAuthorId, likerId: viewer.userId };
    await writeChange(
      tx,
      () =>
        context.limits.pairChange('like', viewer.userId, postId, () => write(tx, viewer.userId)),
      () => createEvent(type, viewer.userId, payload),
      context.requestId,
    );
  });
  return loadLivePost(context.loaders.postById, postId);
}
