import { ArgsType, Field, ID } from 'type-graphql';

/** A class, not two @Arg parameters, so the SDL keeps API.graphql's order: user(id, handle). */
@ArgsType()
export class UserLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  handle?: string | null;
}
