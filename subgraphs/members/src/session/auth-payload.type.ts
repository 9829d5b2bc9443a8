import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.entity';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String)
  accessToken: string;

  @Field(() => Date)
  accessTokenExpiresAt: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'For clients that keep it themselves and send it as the argument. Null when it travels in the httpOnly refresh_token cookie only: the refresh came from that cookie, or the request said x-session-transport: cookie',
  })
  refreshToken: string | null;

  @Field(() => Date)
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}
