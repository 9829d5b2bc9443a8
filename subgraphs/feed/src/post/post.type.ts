import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to activity's `Post`: the feed knows only ids; activity resolves the fields. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Post')
export class PostRef {
  @Field(() => ID)
  id: string;
}
