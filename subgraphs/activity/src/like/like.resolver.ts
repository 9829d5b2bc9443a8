import { createEvent } from '@social/events';
import { requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeEvent } from '../outbox/outbox.writer';
import { Post } from '../post/post.entity';
import { lockLivePost } from '../post/post.lock';
import { loadLivePost } from '../post/post.resolver';
import { run } from '../shared/sql';
import { inTransaction } from '../shared/transaction';

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
      const inserted = await run(
        tx,
        'insert ignore into likes (post_id, user_id, created_at) values (?, ?, ?)',
        [postId, viewer.userId, new Date()],
      );
      if (inserted === 0) return;
      const payload = { postId, postAuthorId, likerId: viewer.userId };
      await writeEvent(tx, createEvent('like.created', viewer.userId, payload), context.requestId);
    });
    return loadLivePost(context, postId);
  }

  @Mutation(() => Post, { description: 'Idempotent' })
  async unlikePost(
    @Arg('postId', () => ID) postId: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    const viewer = requireViewer(context.viewer);
    await inTransaction(context, async (tx) => {
      const postAuthorId = await lockLivePost(tx, postId, 'share');
      const deleted = await run(tx, 'delete from likes where post_id = ? and user_id = ?', [
        postId,
        viewer.userId,
      ]);
      if (deleted === 0) return;
      const payload = { postId, postAuthorId, likerId: viewer.userId };
      await writeEvent(tx, createEvent('like.deleted', viewer.userId, payload), context.requestId);
    });
    return loadLivePost(context, postId);
  }
}
