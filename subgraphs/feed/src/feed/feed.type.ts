import { connectionTypes } from '@social/kit';
import { Field, ObjectType } from 'type-graphql';
import { PostRef } from '../post/post.type';

@ObjectType()
export class FeedItem {
  @Field(() => PostRef)
  post: PostRef;

  @Field(() => Date, {
    description: "The post's creation time: the feed's order, the same for every copy of a post",
  })
  addedAt: Date;
}

export const { Edge: FeedEdge, Connection: FeedConnection } = connectionTypes(
  () => FeedItem,
  'Feed',
);
export type FeedConnection = InstanceType<typeof FeedConnection>;
