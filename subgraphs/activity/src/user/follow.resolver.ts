import { createEvent } from '@social/events';
import { BadUserInputError, NotFoundError, isId, requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeEvent } from '../outbox/outbox.writer';
import { run } from '../shared/sql';
import { inTransaction } from '../shared/transaction';
import { UserRef } from './user.type';

@Resolver()
export class FollowResolver {
  @Mutation(() => UserRef, {
    description: 'Idempotent; yourself: BAD_USER_INPUT; unknown user: NOT_FOUND',
  })
  async follow(
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: ActivityContext,
  ): Promise<UserRef> {
    const viewer = requireViewer(context.viewer);
    if (userId === viewer.userId) {
      throw new BadUserInputError([{ field: 'userId', message: 'you cannot follow yourself' }]);
    }
    if (!(await context.users.exists(userId))) throw new NotFoundError('No such user');
    await inTransaction(context, async (tx) => {
      const inserted = await run(
        tx,
        'insert ignore into follows (follower_id, followee_id, created_at) values (?, ?, ?)',
        [viewer.userId, userId, new Date()],
      );
      // Only a row that was really inserted has news for the feed: repeats emit nothing.
      if (inserted === 0) return;
      const payload = { followerId: viewer.userId, followeeId: userId };
      await writeEvent(
        tx,
        createEvent('follow.created', viewer.userId, payload),
        context.requestId,
      );
    });
    return { id: userId };
  }

  @Mutation(() => UserRef, { description: 'Idempotent' })
  async unfollow(
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: ActivityContext,
  ): Promise<UserRef> {
    const viewer = requireViewer(context.viewer);
    if (!isId(userId)) throw new NotFoundError('No such user');
    await inTransaction(context, async (tx) => {
      const deleted = await run(
        tx,
        'delete from follows where follower_id = ? and followee_id = ?',
        [viewer.userId, userId],
      );
      if (deleted === 0) return;
      const payload = { followerId: viewer.userId, followeeId: userId };
      await writeEvent(
        tx,
        createEvent('follow.deleted', viewer.userId, payload),
        context.requestId,
      );
    });
    return { id: userId };
  }
}
