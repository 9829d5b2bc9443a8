import { connectionTypes } from '@social/kit';
import { Directive } from 'type-graphql';
import { Comment } from '../comment/comment.entity';
import { Post } from '../post/post.entity';
import { UserRef } from '../user/user.type';

export const { Edge: UserEdge, Connection: UserConnection } = connectionTypes(
  () => UserRef,
  'User',
);
export type UserConnection = InstanceType<typeof UserConnection>;
// Members' searchUsers returns the same UserConnection: federation merges a type that two
// subgraphs resolve only when both definitions are identical and @shareable.
Directive('@shareable')(UserEdge);
Directive('@shareable')(UserConnection);

export const { Edge: PostEdge, Connection: PostConnection } = connectionTypes(() => Post, 'Post');
export type PostConnection = InstanceType<typeof PostConnection>;

export const { Edge: CommentEdge, Connection: CommentConnection } = connectionTypes(
  () => Comment,
  'Comment',
);
export type CommentConnection = InstanceType<typeof CommentConnection>;
