import { ArgsType, Field } from 'type-graphql';

// Argument classes keep the SDL's argument order as in API.graphql: parameter decorators
// run last to first, so separate @Arg parameters come out reversed.

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  currentPassword: string;

  @Field(() => String)
  newPassword: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field(() => String)
  token: string;

  @Field(() => String)
  newPassword: string;
}
