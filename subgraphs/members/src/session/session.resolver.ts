import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { AuthPayload } from './auth-payload.type';
import { LoginArgs } from './login.args';
import {
  clearRefreshCookie,
  readRefreshCookie,
  setRefreshCookie,
  usesCookieTransport,
} from './refresh-cookie';
import {
  endSession,
  listSessions,
  login,
  logout,
  logoutAllSessions,
  refresh,
  type IssuedTokens,
} from './session.service';
import { SessionInfo } from './session.type';

/** The refresh cookie is HTTP's business, so it is set and cleared here, never in a use case. */
@Resolver()
export class SessionResolver {
  @Mutation(() => AuthPayload, { description: 'Unverified email: EMAIL_NOT_VERIFIED' })
  async login(
    @Ctx() ctx: MembersContext,
    @Args(() => LoginArgs) args: LoginArgs,
  ): Promise<AuthPayload> {
    const issued = await login(ctx.deps, {
      email: args.email,
      password: args.password,
      address: ctx.address,
      client: ctx.client,
    });
    return deliver(ctx, issued, usesCookieTransport(ctx.req, false));
  }

  @Mutation(() => AuthPayload, {
    description: 'The argument, or the refresh_token cookie; rotates',
  })
  async refreshToken(
    @Ctx() ctx: MembersContext,
    @Arg('refreshToken', () => String, { nullable: true }) token?: string | null,
  ): Promise<AuthPayload> {
    const fromCookie = token ? null : readRefreshCookie(ctx.req);
    const result = await refresh(ctx.deps, {
      token: token ?? fromCookie,
      address: ctx.address,
      client: ctx.client,
    });
    if ('issued' in result)
      return deliver(ctx, result.issued, usesCookieTransport(ctx.req, fromCookie !== null));
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
    // Revoked first: if that fails, the cookie stays and the browser stays signed in.
    const ended = await logout(ctx.deps, { token: presented, viewer: () => ctx.optionalViewer() });
    clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    return ended;
  }

  @Mutation(() => Int, { description: 'Sessions ended' })
  async logoutAllSessions(@Ctx() ctx: MembersContext): Promise<number> {
    const viewer = await ctx.viewer();
    const ended = await logoutAllSessions(ctx.deps, viewer);
    clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    return ended;
  }

  @Query(() => [SessionInfo], {
    description: "The caller's live sessions, newest first; UNAUTHENTICATED without a token",
  })
  async mySessions(@Ctx() ctx: MembersContext): Promise<SessionInfo[]> {
    return listSessions(ctx.deps, await ctx.viewer());
  }

  @Mutation(() => Boolean, {
    description:
      "Ends one of the caller's sessions like logout; another member's or an unknown id: NOT_FOUND",
  })
  async endSession(@Ctx() ctx: MembersContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const viewer = await ctx.viewer();
    const ended = await endSession(ctx.deps, { viewer, id });
    // Ending one's own session is a logout: the browser's cookie goes too.
    if (id === viewer.sessionId) clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    return ended;
  }
}

/** The cookie always; the body too unless this client keeps the token in the cookie only. */
function deliver(ctx: MembersContext, issued: IssuedTokens, cookieOnly: boolean): AuthPayload {
  setRefreshCookie(
    ctx.res,
    issued.refreshToken,
    issued.payload.refreshTokenExpiresAt,
    ctx.now(),
    ctx.app.config.sessions.secureCookies,
  );
  return Object.assign(issued.payload, { refreshToken: cookieOnly ? null : issued.refreshToken });
}
