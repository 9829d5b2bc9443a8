import { signAccessToken } from '@social/auth';
import type { MembersContext } from '../context';
import { setRefreshCookie } from '../session/refresh-cookie';
import type { Session } from '../session/session.entity';
import type { User } from '../user/user.entity';
import { AuthPayload } from './auth-payload.type';

/** A fresh access token for the session, and its refresh token in the body and the cookie. */
export function issueAuthPayload(
  ctx: MembersContext,
  session: Session,
  refreshToken: string,
  user: User,
): AuthPayload {
  const { config, keyStore } = ctx.app;
  const now = ctx.now();
  const access = signAccessToken(keyStore, {
    sub: user.id,
    sid: session.id,
    ttlSeconds: config.accessTokenTtl,
    now,
  });
  // The idle expiry is already capped by the absolute one, so this is the session's real end.
  const refreshTokenExpiresAt = session.idleExpiresAt;
  setRefreshCookie(ctx.res, refreshToken, refreshTokenExpiresAt, now, config.secureCookies);
  return Object.assign(new AuthPayload(), {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt,
    user,
  });
}
