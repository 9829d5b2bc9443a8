import { createEvent } from '@social/events';
import { BadUserInputError, NotFoundError, isId, requireViewer } from '@social/kit';
import type { Sql } from '@social/kit/orm';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { ActivityContext } from '../context';
import { writeChange } from '../outbox/outbox.writer';
import { inTransaction } from '../shared/transaction';
import { UserRef } from '../user/user.type';
import { deleteFollow, insertFollow, isDeletedMember } from './follow.repository';

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
    return changeFollow(context, viewer.userId, userId, 'follow.created', async (tx) => {
      // The directory may still cache a member who has just deleted the account.
      if (await isDeletedMember(tx, userId)) throw new NotFoundError('No such user');
      return insertFollow(tx, viewer.userId, userId, new Date());
    });
  }

  @Mutation(() => UserRef, { description: 'Idempotent' })
  async unfollow(
    @Arg('userId', () => ID) userId: string,
    @Ctx() context: ActivityContext,
  ): Promise<UserRef> {
    const viewer = requireViewer(context.viewer);
    if (!isId(userId)) throw new NotFoundError('No such user');
    await context.limits.spend('follow', viewer.userId);
    return changeFollow(context, viewer.userId, userId, 'follow.deleted', (tx) =>
      deleteFollow(tx, viewer.userId, userId),
    );
  }
}

/**
 * Following and unfollowing alike: the write (counted against the pair's toggle budget when
 * it changed a row) and, only then, its event, in one transaction.
 */
async function changeFollow(
  context: ActivityContext,
  followerId: string,
  followeeId: string,
  type: 'follow.created' | 'follow.deleted',
  write: (tx: Sql) => Promise<number>,
): Promise<UserRef> {
  const payload = { followerId, followeeId };
  await inTransaction(context, (tx) =>
    writeChange(
      tx,
      () => context.limits.pairChange('follow', followerId, followeeId, () => write(tx)),
      () => createEvent(type, followerId, payload),
      context.requestId,
    ),
  );
  return { id: followeeId };
}
