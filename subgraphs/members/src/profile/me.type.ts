import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity';

/** The caller's own account: the public profile plus what only its owner sees. */
@ObjectType('Me')
export class Me {
  @Field(() => User)
  user: User;

  @Field(() => String)
  email: string;

  @Field(() => Boolean)
  emailVerified: boolean;

  static of(user: User): Me {
    return Object.assign(new Me(), {
      user,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
    });
  }
}
