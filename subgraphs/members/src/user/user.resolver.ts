import { BadUserInputError } from '@social/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { User } from './user.entity';
import { UserLookupArgs } from './user-lookup.args';
import { findUserByHandle } from './user.repository';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, {
    nullable: true,
    description: 'Exactly one of id or handle; null when absent',
  })
  async user(
    @Ctx() context: MembersContext,
    @Args(() => UserLookupArgs) args: UserLookupArgs,
  ): Promise<User | null> {
    const { id, handle } = args;
    const given = [id, handle].filter((value) => value !== null && value !== undefined);
    if (given.length !== 1) {
      throw new BadUserInputError([{ field: 'id', message: 'give exactly one of id or handle' }]);
    }
    if (typeof id === 'string') return context.loaders.userById.load(id);
    return findUserByHandle(context.em, String(handle).trim().toLowerCase());
  }
}
