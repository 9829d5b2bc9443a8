import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String)
  accessToken: string;

  @Field(() => Date)
  accessTokenExpiresAt: Date;

  @Field(() => String, { description: 'Browsers also get it as an httpOnly cookie' })
  refreshToken: string;

  @Field(() => Date)
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}
