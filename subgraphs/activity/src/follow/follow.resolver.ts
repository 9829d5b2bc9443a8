import { createEvent } from '@social/events';
import { BadUserInputError, NotFoundError, isId, requireViewer } from '@social/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeChange } from '../outbox/outbox.writer';
import { inTransaction } from '../shared/transaction';
import { UserRef } from '../user/user.type';
import { deleteFollow, insertFollow } from './follow.repository';

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
    await context.limits.spend('follow', viewer.userId);
    if (!(await context.users.exists(userId))) throw new NotFoundError('No such user');
    const payload = { followerId: viewer.userId, followeeId: userId };
    await inTransaction(context, (tx) =>
      writeChange(
        tx,
        () =>
          context.limits.pairChange('follow', viewer.userId, userId, () =>
            insertFollow(tx, viewer.userId, userId, new Date()),
          ),
        () => createEvent('follow.created', viewer.userId, payload),
        context.requestId,
      ),
    );
    return { id: userId };
  }

  @Mutation(() => UserRef, { description: 'Idempotent' })
  async unfollow(
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: ActivityContext,
  ): Promise<UserRef> {
    const viewer = requireViewer(context.viewer);
    if (!isId(userId)) throw new NotFoundError('No such user');
    await context.limits.spend('follow', viewer.userId);
    const payload = { followerId: viewer.userId, followeeId: userId };
    await inTransaction(context, (tx) =>
      writeChange(
        tx,
        () =>
          context.limits.pairChange('follow', viewer.userId, userId, () =>
            deleteFollow(tx, viewer.userId, userId),
          ),
        () => createEvent('follow.deleted', viewer.userId, payload),
        context.requestId,
      ),
    );
    return { id: userId };
  }
}
