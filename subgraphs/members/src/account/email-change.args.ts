import { ArgsType, Field } from 'type-graphql';

// A class keeps the SDL's argument order (newEmail, password), see login.args.ts.
@ArgsType()
export class EmailChangeArgs {
  @Field(() => String)
  newEmail: string;

  @Field(() => String, { description: 'The current password' })
  password: string;
}
