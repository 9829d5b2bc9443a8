import { createEvent } from '@social/events';
import { requireViewer } from '@social/kit';
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
  async likePost(
    @Arg('postId', () => ID) postId: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    const viewer = requireViewer(context.viewer);
    await inTransaction(context, async (tx) => {
      const postAuthorId = await lockLivePost(tx, postId, 'share');
      const payload = { postId, postAuthorId, likerId: viewer.userId };
      await writeChange(
        tx,
        () => insertLike(tx, postId, viewer.userId, new Date()),
        () => createEvent('like.created', viewer.userId, payload),
        context.requestId,
      );
    });
    return loadLivePost(context.loaders.postById, postId);
  }

  @Mutation(() => Post, { description: 'Idempotent' })
  async unlikePost(
    @Arg('postId', () => ID) postId: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    const viewer = requireViewer(context.viewer);
    await inTransaction(context, async (tx) => {
      const postAuthorId = await lockLivePost(tx, postId, 'share');
      const payload = { postId, postAuthorId, likerId: viewer.userId };
      await writeChange(
        tx,
        () => deleteLike(tx, postId, viewer.userId),
        () => createEvent('like.deleted', viewer.userId, payload),
        context.requestId,
      );
    });
    return loadLivePost(context.loaders.postById, postId);
  }
}
