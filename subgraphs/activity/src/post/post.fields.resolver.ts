import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ActivityContext } from '../context';
import { CommentConnection } from '../shared/connections.type';
import { pageRequest } from '../shared/page-loader';
import { UserRef } from '../user/user.type';
import { Post } from './post.entity';

/** Cross-entity fields of `Post`, each through a per-request loader. */
@Resolver(() => Post)
export class PostFieldsResolver {
  @FieldResolver(() => UserRef)
  author(@Root() post: Post): UserRef {
    return { id: post.authorId };
  }

  @FieldResolver(() => Boolean, {
    description:
      'True only for a post deleted after a feed listed it: its body is empty; clients skip it',
  })
  deleted(@Root() post: Post): boolean {
    return post.deletedAt !== null;
  }

  @FieldResolver(() => Int)
  likeCount(@Root() post: Post, @Ctx() context: ActivityContext): Promise<number> {
    return context.loaders.likeCount.load(post.id);
  }

  @FieldResolver(() => Boolean)
  async viewerHasLiked(@Root() post: Post, @Ctx() context: ActivityContext): Promise<boolean> {
    return context.loaders.viewerLikes?.load(post.id) ?? false;
  }

  @FieldResolver(() => Int)
  commentCount(@Root() post: Post, @Ctx() context: ActivityContext): Promise<number> {
    return context.loaders.commentCount.load(post.id);
  }

  @FieldResolver(() => CommentConnection, { description: 'Newest first' })
  comments(
    @Root() post: Post,
    @Ctx() context: ActivityContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CommentConnection> {
    return context.loaders.commentsByPost.load(pageRequest(post.id, first, after));
  }
}
