import { ArgsType, Field } from 'type-graphql';

// An argument class keeps the SDL's argument order as in API.graphql: parameter decorators
// run last to first, so separate @Arg parameters come out reversed.
@ArgsType()
export class LoginArgs {
  @Field(() => String)
  email: string;

  @Field(() => String)
  password: string;
}
