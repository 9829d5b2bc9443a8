import { NotFoundError } from '@social/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ActivityContext } from '../context';
import { Post } from '../post/post.entity';
import { UserRef } from '../user/user.type';
import { Comment } from './comment.entity';

@Resolver(() => Comment)
export class CommentFieldsResolver {
  @FieldResolver(() => Post)
  async post(@Root() comment: Comment, @Ctx() context: ActivityContext): Promise<Post> {
    const post = await context.loaders.postById.load(comment.postId);
    if (!post) throw new NotFoundError('The post of this comment was deleted');
    return post;
  }

  @FieldResolver(() => UserRef)
  author(@Root() comment: Comment): UserRef {
    return { id: comment.authorId };
  }
}
