import { createEvent } from '@social/events';
import { ForbiddenError, NotFoundError, isId, requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeEvent } from '../outbox/outbox.writer';
import { run } from '../shared/sql';
import { validBody } from '../shared/text';
import { inTransaction } from '../shared/transaction';
import { Post } from './post.entity';
import { lockLivePost } from './post.lock';

export const MAX_POST_LENGTH = 1000;

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
    const { id, at } = context.nextId();
    await inTransaction(context, async (tx) => {
      await run(tx, 'insert into posts (id, author_id, body, created_at) values (?, ?, ?, ?)', [
        id,
        viewer.userId,
        text,
        at,
      ]);
      const payload = { postId: id, authorId: viewer.userId, createdAt: at.toISOString() };
      await writeEvent(
        tx,
        createEvent('post.created', viewer.userId, payload, at),
        context.requestId,
      );
    });
    return {
      id,
      authorId: viewer.userId,
      body: text,
      createdAt: at,
      editedAt: null,
      deletedAt: null,
    };
  }

  @Mutation(() => Post, { description: 'Author only' })
  async editPost(
    @Arg('id', () => ID) id: string,
    @Arg('body', () => String) body: string,
    @Ctx() context: ActivityContext,
  ): Promise<Post> {
    const viewer = requireViewer(context.viewer);
    const text = validBody('body', body, MAX_POST_LENGTH);
    const editedAt = new Date();
    await inTransaction(context, async (tx) => {
      const authorId = await lockLivePost(tx, id, 'update');
      if (authorId !== viewer.userId) throw new ForbiddenError('Only the author can edit a post');
      await run(tx, 'update posts set body = ?, edited_at = ? where id = ?', [text, editedAt, id]);
      const payload = { postId: id, authorId, editedAt: editedAt.toISOString() };
      await writeEvent(
        tx,
        createEvent('post.edited', viewer.userId, payload, editedAt),
        context.requestId,
      );
    });
    return loadLivePost(context, id);
  }

  @Mutation(() => Boolean, { description: 'Author only; the post is gone from every read' })
  async deletePost(
    @Arg('id', () => ID) id: string,
    @Ctx() context: ActivityContext,
  ): Promise<boolean> {
    const viewer = requireViewer(context.viewer);
    await inTransaction(context, async (tx) => {
      const authorId = await lockLivePost(tx, id, 'update');
      if (authorId !== viewer.userId) throw new ForbiddenError('Only the author can delete a post');
      await run(tx, 'update posts set deleted_at = ? where id = ?', [new Date(), id]);
      await writeEvent(
        tx,
        createEvent('post.deleted', viewer.userId, { postId: id, authorId }),
        context.requestId,
      );
    });
    return true;
  }
}

/** After a committed change: a post deleted meanwhile by another request is NOT_FOUND. */
export async function loadLivePost(context: ActivityContext, id: string): Promise<Post> {
  const post = await context.loaders.postById.load(id);
  if (!post) throw new NotFoundError('No such post');
  return post;
}
