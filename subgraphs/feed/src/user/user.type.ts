import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to the `User` entity; members and activity resolve its fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('User')
export class UserRef {
  @Field(() => ID)
  id: string;
}
