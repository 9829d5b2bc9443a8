import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ActivityContext } from '../context';
import { PostConnection, UserConnection } from '../shared/connections.type';
import { pageRequest } from '../shared/page-loader';
import { UserRef } from './user.type';

/** Activity's fields of `User`: readable anonymously, the viewer field is then false. */
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

  @FieldResolver(() => Boolean, { description: 'Does the caller follow this user' })
  async viewerFollows(@Root() user: UserRef, @Ctx() context: ActivityContext): Promise<boolean> {
    return context.loaders.viewerFollows?.load(user.id) ?? false;
  }

  @FieldResolver(() => UserConnection)
  async followers(
    @Root() user: UserRef,
    @Ctx() context: ActivityContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    return usersPage(await context.loaders.followers.load(pageRequest(user.id, first, after)));
  }

  @FieldResolver(() => UserConnection)
  async following(
    @Root() user: UserRef,
    @Ctx() context: ActivityContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<UserConnection> {
    return usersPage(await context.loaders.following.load(pageRequest(user.id, first, after)));
  }

  @FieldResolver(() => PostConnection, { description: "The user's posts, newest first" })
  posts(
    @Root() user: UserRef,
    @Ctx() context: ActivityContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PostConnection> {
    return context.loaders.postsByAuthor.load(pageRequest(user.id, first, after));
  }
}

function usersPage(page: {
  edges: Array<{ cursor: string; node: { user: UserRef } }>;
  pageInfo: UserConnection['pageInfo'];
}): UserConnection {
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.user })),
    pageInfo: page.pageInfo,
  };
}
