import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import {
  FieldProblems,
  checkAvatarUrl,
  checkDisplayName,
  checkGreeting,
} from '../account/validation';
import { unauthenticated } from '../auth/request-auth';
import type { MembersContext } from '../context';
import { Me } from './me.type';
import { UpdateProfileInput } from './update-profile.input';
import { User } from './user.entity';

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
    const changes = profileChanges(input);
    const user = await ctx.em.findOne(User, viewer.userId);
    if (!user) throw unauthenticated('TOKEN_INVALID');
    Object.assign(user, changes);
    await ctx.em.flush();
    return user;
  }
}

/** Omitted fields stay; displayName and greeting cannot be null, avatarUrl null means the default. */
function profileChanges(input: UpdateProfileInput): Partial<User> {
  const problems = new FieldProblems();
  const changes: Partial<User> = {};
  if (input.displayName === null) problems.add('displayName', 'must not be null');
  else if (input.displayName !== undefined)
    changes.displayName = checkDisplayName(problems, 'displayName', input.displayName);
  if (input.greeting === null) problems.add('greeting', 'must not be null; use "" for no greeting');
  else if (input.greeting !== undefined)
    changes.greeting = checkGreeting(problems, 'greeting', input.greeting);
  if (input.avatarUrl === null) changes.customAvatarUrl = null;
  else if (input.avatarUrl !== undefined)
    changes.customAvatarUrl = checkAvatarUrl(problems, 'avatarUrl', input.avatarUrl);
  problems.throwIfAny();
  return changes;
}
