import { PageInfo } from '@social/kit';
import { Field, ObjectType } from 'type-graphql';
import { Comment } from '../comment/comment.entity';
import { Post } from '../post/post.entity';
import { UserRef } from '../user/user.type';

@ObjectType()
export class UserEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => UserRef)
  node: UserRef;
}

@ObjectType()
export class UserConnection {
  @Field(() => [UserEdge])
  edges: UserEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType()
export class PostEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Post)
  node: Post;
}

@ObjectType()
export class PostConnection {
  @Field(() => [PostEdge])
  edges: PostEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType()
export class CommentEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Comment)
  node: Comment;
}

@ObjectType()
export class CommentConnection {
  @Field(() => [CommentEdge])
  edges: CommentEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
