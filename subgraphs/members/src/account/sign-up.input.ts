import { Field, InputType, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity';

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

@ObjectType('SignUpPayload')
export class SignUpPayload {
  @Field(() => User)
  user: User;

  /** False when the mail server failed: the account exists, resendVerificationEmail retries. */
  @Field(() => Boolean)
  verificationEmailSent: boolean;
}
