import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Activity's part of the `User` entity: the follow graph and posts of a member. */
@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}
