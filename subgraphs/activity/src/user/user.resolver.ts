import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ActivityContext } from '../context';
import { UserRef } from './user.type';

@Resolver(() => UserRef)
export class UserFieldsResolver {
  @FieldResolver(() => Int)
  followerCount(@Root() user: UserRef, @Ctx() context: ActivityContext): Promise<number> {
    return context.loaders.followerCount.load(user.id);
  }

  @FieldResolver(() => Int)
  followingCount(@Root() user: UserRef, @Ctx() context: ActivityContext): Promise<number> {
    return context.loaders.followingCount.load(user.id);
  }
}
