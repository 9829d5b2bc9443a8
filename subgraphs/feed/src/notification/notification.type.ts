import { connectionTypes } from '@social/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PostRef } from '../post/post.type';
import { UserRef } from '../user/user.type';

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

export const { Edge: NotificationEdge, Connection: NotificationConnection } = connectionTypes(
  () => Notification,
  'Notification',
);
export type NotificationConnection = InstanceType<typeof NotificationConnection>;
