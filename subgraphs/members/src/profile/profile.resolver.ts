import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { unauthenticated } from '../shared/request-auth';
import { User } from '../user/user.entity';
import { Me } from './me.type';
import { updateProfile } from './profile.service';
import { UpdateProfileInput } from './update-profile.input';

@Resolver()
export class ProfileResolver {
  @Query(() => Me, { description: 'UNAUTHENTICATED without a valid token' })
  async me(@Ctx() ctx: MembersContext): Promise<Me> {
    const viewer = await ctx.viewer();
    const user = await ctx.loaders.userById.load(viewer.userId);
    if (!user) throw unauthenticated('TOKEN_INVALID');
    return Me.of(user);
  }

  @Mutation(() => User)
  async updateProfile(
    @Ctx() ctx: MembersContext,
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
  ): Promise<User> {
    const viewer = await ctx.viewer();
    return updateProfile(ctx.deps, { viewer, changes: input });
  }
}
