import { Arg, Args, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { AuthPayload } from './auth-payload.type';
import { LoginArgs } from './credentials.args';
import { login, logout, logoutAllSessions, refreshToken } from './session-flows';

@Resolver()
export class SessionResolver {
  @Mutation(() => AuthPayload, { description: 'Unverified email: EMAIL_NOT_VERIFIED' })
  login(@Ctx() ctx: MembersContext, @Args(() => LoginArgs) args: LoginArgs): Promise<AuthPayload> {
    return login(ctx, args.email, args.password);
  }

  @Mutation(() => AuthPayload, {
    description: 'The argument, or the refresh_token cookie; rotates',
  })
  refreshToken(
    @Ctx() ctx: MembersContext,
    @Arg('refreshToken', () => String, { nullable: true }) token?: string | null,
  ): Promise<AuthPayload> {
    return refreshToken(ctx, token);
  }

  @Mutation(() => Boolean, {
    description: 'Ends this session; its access token stops working at once',
  })
  logout(
    @Ctx() ctx: MembersContext,
    @Arg('refreshToken', () => String, { nullable: true }) token?: string | null,
  ): Promise<boolean> {
    return logout(ctx, token);
  }

  @Mutation(() => Int, { description: 'Sessions ended' })
  logoutAllSessions(@Ctx() ctx: MembersContext): Promise<number> {
    return logoutAllSessions(ctx);
  }
}
