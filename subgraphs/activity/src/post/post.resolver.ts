import { createEvent } from '@social/events';
import { ForbiddenError, isId, requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeChange } from '../outbox/outbox.writer';
import { validBody } from '../shared/text';
import { inTransaction } from '../shared/transaction';
import { Post } from './post.entity';
import { insertPost, markPostDeleted, updatePostBody } from './post.repository';
import { loadLivePost, lockLivePost } from './post.service';

const MAX_POST_LENGTH = 1000;

@Resolver(() => Post)
export class PostResolver {
  @Query(() => Post, { nullable: true, description: 'null when absent or deleted' })
  post(
    @Arg('id', () => ID) id: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post | null> | null {
    return isId(id) ? context.loaders.postById.load(id) : null;
  }

  @Mutation(() => Post)
  async createPost(
    @Arg('body', () => String) body: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    const viewer = requireViewer(context.viewer);
    const text = validBody('body', body, MAX_POST_LENGTH);
    await context.limits.spend('post', viewer.userId);
    const { id, at } = context.nextId();
    const post: Post = {
      id,
      authorId: viewer.userId,
      body: text,
      createdAt: at,
      editedAt: null,
      deletedAt: null,
    };
    await inTransaction(context, (tx) =>
      writeChange(
        tx,
        () => insertPost(tx, post),
        () => {
          const payload = { postId: id, authorId: viewer.userId, createdAt: at.toISOString() };
          return createEvent('post.created', viewer.userId, payload, at);
        },
        context.requestId,
      ),
    );
    return post;
  }

  @Mutation(() => Post, { description: 'Author only' })
  async editPost(
    @Arg('id', () => ID) id: string,
    @Arg('body', () => String) body: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    const viewer = requireViewer(context.viewer);
    const text = validBody('body', body, MAX_POST_LENGTH);
    await context.limits.spend('post', viewer.userId);
    const editedAt = new Date();
    await inTransaction(context, async (tx) => {
      const authorId = await lockLivePost(tx, id, 'update');
      if (authorId !== viewer.userId) throw new ForbiddenError('Only the author can edit a post');
      await writeChange(
        tx,
        () => updatePostBody(tx, id, text, editedAt),
        () => {
          const payload = { postId: id, authorId, editedAt: editedAt.toISOString() };
          return createEvent('post.edited', viewer.userId, payload, editedAt);
        },
        context.requestId,
      );
    });
    return loadLivePost(context.loaders.postById, id);
  }

  @Mutation(() => Boolean, { description: 'Author only; the post is gone from every read' })
  async deletePost(
    @Arg('id', () => ID) id: string,
    @Ctx() context: ActivityContext,
  ): Promise<boolean> {
    const viewer = requireViewer(context.viewer);
    await context.limits.spend('post', viewer.userId);
    await inTransaction(context, async (tx) => {
      const authorId = await lockLivePost(tx, id, 'update');
      if (authorId !== viewer.userId) throw new ForbiddenError('Only the author can delete a post');
      await writeChange(
        tx,
        () => markPostDeleted(tx, id, new Date()),
        () => createEvent('post.deleted', viewer.userId, { postId: id, authorId }),
        context.requestId,
      );
    });
    return true;
  }
}
