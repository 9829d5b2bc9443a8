import { createEvent } from '@social/events';
import { ForbiddenError, NotFoundError, isId, requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeEvent } from '../outbox/outbox.writer';
import { lockLivePost } from '../post/post.lock';
import { all, run } from '../shared/sql';
import { validBody } from '../shared/text';
import { inTransaction } from '../shared/transaction';
import { Comment } from './comment.entity';

export const MAX_COMMENT_LENGTH = 500;

@Resolver(() => Comment)
export class CommentResolver {
  @Mutation(() => Comment)
  async addComment(
    @Arg('postId', () => ID) postId: string,
    @Arg('body', () => String) body: string,
    @Ctx() context: ActivityContext,
  ): Promise<Comment> {
    const viewer = requireViewer(context.viewer);
    const text = validBody('body', body, MAX_COMMENT_LENGTH);
    const { id, at } = context.nextId();
    await inTransaction(context, async (tx) => {
      const postAuthorId = await lockLivePost(tx, postId, 'share');
      await run(
        tx,
        'insert into comments (id, post_id, author_id, body, created_at) values (?, ?, ?, ?, ?)',
        [id, postId, viewer.userId, text, at],
      );
      const payload = { commentId: id, postId, postAuthorId, authorId: viewer.userId };
      await writeEvent(
        tx,
        createEvent('comment.created', viewer.userId, payload, at),
        context.requestId,
      );
    });
    return { id, postId, authorId: viewer.userId, body: text, createdAt: at };
  }

  @Mutation(() => Boolean, { description: "The comment's author or the post's author" })
  async deleteComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: ActivityContext,
  ): Promise<boolean> {
    const viewer = requireViewer(context.viewer);
    if (!isId(id)) throw new NotFoundError('No such comment');
    await inTransaction(context, async (tx) => {
      const [comment] = await all<{ post_id: string; author_id: string }>(
        tx,
        'select post_id, author_id from comments where id = ? for update',
        [id],
      );
      if (!comment) throw new NotFoundError('No such comment');
      const postAuthorId = await lockLivePost(tx, comment.post_id, 'share');
      if (viewer.userId !== comment.author_id && viewer.userId !== postAuthorId) {
        throw new ForbiddenError("Only the comment's author or the post's author can delete it");
      }
      await run(tx, 'delete from comments where id = ?', [id]);
      const payload = {
        commentId: id,
        postId: comment.post_id,
        postAuthorId,
        authorId: comment.author_id,
      };
      await writeEvent(
        tx,
        createEvent('comment.deleted', viewer.userId, payload),
        context.requestId,
      );
    });
    return true;
  }
}
