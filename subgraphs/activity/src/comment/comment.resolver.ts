import { createEvent } from '@social/events';
import { ForbiddenError, NotFoundError, isId, requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeChange } from '../outbox/outbox.writer';
import { lockLivePost } from '../post/post.service';
import { validBody } from '../shared/text';
import { inTransaction } from '../shared/transaction';
import { Comment } from './comment.entity';
import { deleteComment, insertComment, lockComment } from './comment.repository';

const MAX_COMMENT_LENGTH = 500;

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
    await context.limits.spend('comment', viewer.userId);
    const { id, at } = context.nextId();
    const comment: Comment = { id, postId, authorId: viewer.userId, body: text, createdAt: at };
    await inTransaction(context, async (tx) => {
      const postAuthorId = await lockLivePost(tx, postId, 'share');
      const payload = { commentId: id, postId, postAuthorId, authorId: viewer.userId };
      await writeChange(
        tx,
        () => insertComment(tx, comment),
        () => createEvent('comment.created', viewer.userId, payload, at),
        context.requestId,
      );
    });
    return comment;
  }

  @Mutation(() => Boolean, { description: "The comment's author or the post's author" })
  async deleteComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: ActivityContext,
  ): Promise<boolean> {
    const viewer = requireViewer(context.viewer);
    if (!isId(id)) throw new NotFoundError('No such comment');
    await context.limits.spend('comment', viewer.userId);
    await inTransaction(context, async (tx) => {
      const comment = await lockComment(tx, id);
      if (!comment) throw new NotFoundError('No such comment');
      const postAuthorId = await lockLivePost(tx, comment.postId, 'share');
      if (viewer.userId !== comment.authorId && viewer.userId !== postAuthorId) {
        throw new ForbiddenError("Only the comment's author or the post's author can delete it");
      }
      const payload = {
        commentId: id,
        postId: comment.postId,
        postAuthorId,
        authorId: comment.authorId,
      };
      await writeChange(
        tx,
        () => deleteComment(tx, id, comment.postId),
        () => createEvent('comment.deleted', viewer.userId, payload),
        context.requestId,
      );
    });
    return true;
  }
}
