import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity';

@ObjectType('SignUpPayload')
export class SignUpPayload {
  @Field(() => User)
  user: User;

  /** False when the mail server failed: the account exists, resendVerificationEmail retries. */
  @Field(() => Boolean)
  verificationEmailSent: boolean;
}
