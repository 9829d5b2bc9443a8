import { PageInfo } from '@social/kit';
import { Field, ObjectType } from 'type-graphql';
import { PostRef } from '../federation/post-ref.type';

@ObjectType()
export class FeedItem {
  @Field(() => PostRef)
  post: PostRef;

  @Field(() => Date, {
    description: "The post's creation time: the feed's order, the same for every copy of a post",
  })
  addedAt: Date;
}

@ObjectType()
export class FeedEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => FeedItem)
  node: FeedItem;
}

@ObjectType()
export class FeedConnection {
  @Field(() => [FeedEdge])
  edges: FeedEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
