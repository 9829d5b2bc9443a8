import { PageInfo } from '@social/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PostRef } from '../federation/post-ref.type';
import { UserRef } from '../federation/user-ref.type';

export enum NotificationKind {
  FOLLOWED = 'FOLLOWED',
  POST_LIKED = 'POST_LIKED',
  POST_COMMENTED = 'POST_COMMENTED',
}

registerEnumType(NotificationKind, { name: 'NotificationKind' });

@ObjectType()
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field(() => UserRef, { description: 'Who followed, liked or commented' })
  actor: UserRef;

  @Field(() => PostRef, { nullable: true, description: 'Null for FOLLOWED' })
  post: PostRef | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Boolean)
  read: boolean;
}

@ObjectType()
export class NotificationEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Notification)
  node: Notification;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationEdge])
  edges: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
