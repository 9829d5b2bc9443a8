import { Arg, Args, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { AuthPayload } from './auth-payload.type';
import { LoginArgs } from './login.args';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';
import { login, logout, logoutAllSessions, refresh } from './session.service';

/** The refresh cookie is HTTP's business, so it is set and cleared here, never in a use case. */
@Resolver()
export class SessionResolver {
  @Mutation(() => AuthPayload, { description: 'Unverified email: EMAIL_NOT_VERIFIED' })
  async login(
    @Ctx() ctx: MembersContext,
    @Args(() => LoginArgs) args: LoginArgs,
  ): Promise<AuthPayload> {
    const payload = await login(ctx.deps, {
      email: args.email,
      password: args.password,
      address: ctx.address,
    });
    return withCookie(ctx, payload);
  }

  @Mutation(() => AuthPayload, {
    description: 'The argument, or the refresh_token cookie; rotates',
  })
  async refreshToken(
    @Ctx() ctx: MembersContext,
    @Arg('refreshToken', () => String, { nullable: true }) token?: string | null,
  ): Promise<AuthPayload> {
    const fromCookie = token ? null : readRefreshCookie(ctx.req);
    const result = await refresh(ctx.deps, { token: token ?? fromCookie, address: ctx.address });
    if ('payload' in result) return withCookie(ctx, result.payload);
    // A dead cookie is dropped so the browser stops sending it.
    if (fromCookie) clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    throw result.refused;
  }

  @Mutation(() => Boolean, {
    description: 'Ends this session; its access token stops working at once',
  })
  async logout(
    @Ctx() ctx: MembersContext,
    @Arg('refreshToken', () => String, { nullable: true }) token?: string | null,
  ): Promise<boolean> {
    const presented = token ?? readRefreshCookie(ctx.req);
    const viewer = await ctx.optionalViewer();
    clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    return logout(ctx.deps, { token: presented, viewer });
  }

  @Mutation(() => Int, { description: 'Sessions ended' })
  async logoutAllSessions(@Ctx() ctx: MembersContext): Promise<number> {
    const viewer = await ctx.viewer();
    clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    return logoutAllSessions(ctx.deps, viewer);
  }
}

function withCookie(ctx: MembersContext, payload: AuthPayload): AuthPayload {
  setRefreshCookie(
    ctx.res,
    payload.refreshToken,
    payload.refreshTokenExpiresAt,
    ctx.now(),
    ctx.app.config.sessions.secureCookies,
  );
  return payload;
}
