import { Field, InputType } from 'type-graphql';

@InputType('SignUpInput')
export class SignUpInput {
  @Field(() => String)
  email: string;

  @Field(() => String, { description: 'At least 10 chars; checked against common passwords' })
  password: string;

  @Field(() => String)
  handle: string;

  @Field(() => String)
  displayName: string;
}
