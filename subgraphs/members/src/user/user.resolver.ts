import { BadUserInputError } from '@social/kit';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { MembersContext } from '../context';
import { defaultAvatarUrl } from './default-avatar';
import { User } from './user.entity';
import { UserLookupArgs } from './user-lookup.args';

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
    return context.em.findOne(User, { handle: String(handle).trim().toLowerCase() });
  }

  @FieldResolver(() => String, { description: 'The chosen https avatar, or the generated default' })
  avatarUrl(@Root() user: User, @Ctx() context: MembersContext): string {
    return user.customAvatarUrl ?? defaultAvatarUrl(context.app.config.publicUrl, user.id);
  }
}
