import { EmailNotVerifiedError, UnauthenticatedError } from '@social/kit';
import { normalizeEmail } from '../account/validation';
import type { MembersContext } from '../context';
import { clearRefreshCookie, readRefreshCookie } from '../session/refresh-cookie';
import { User } from '../user/user.entity';
import type { AuthPayload } from './auth-payload.type';
import { issueAuthPayload } from './issue-tokens';

// One message for unknown email and wrong password, so the answer reveals nothing.
const INVALID_CREDENTIALS = 'The email or password is incorrect';

export async function login(
  ctx: MembersContext,
  rawEmail: string,
  password: string,
): Promise<AuthPayload> {
  const { limits, hasher, sessions } = ctx.app;
  await limits.perAddress('login', ctx.address);
  const email = normalizeEmail(rawEmail);
  const attempt = await limits.loginAttempt(email);
  const user = await ctx.em.findOne(User, { email }, { populate: ['passwordHash'] });
  // Unknown email: the hasher still verifies against a dummy hash, so timing is alike.
  const valid = await hasher.verify(user?.passwordHash ?? null, password);
  if (!user || !valid) throw new UnauthenticatedError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
  await attempt.succeeded();
  // Checked only after the password: without it nobody learns whether an account is verified.
  if (!user.emailVerifiedAt) throw new EmailNotVerifiedError();
  if (hasher.needsRehash(user.passwordHash)) {
    user.passwordHash = await hasher.hash(password);
    await ctx.em.flush();
  }
  const { session, refreshToken } = await sessions.start(ctx.em, user.id);
  return issueAuthPayload(ctx, session, refreshToken, user);
}

const REFRESH_MESSAGES = {
  reused: 'This refresh token was already used; the session has been ended. Log in again.',
  expired: 'The session has expired. Log in again.',
  invalid: 'The refresh token is not valid. Log in again.',
} as const;
const REFRESH_REASONS = {
  reused: 'REFRESH_TOKEN_REUSED',
  expired: 'REFRESH_TOKEN_EXPIRED',
  invalid: 'REFRESH_TOKEN_INVALID',
} as const;

/** Rotates the refresh token given as the argument or, for browsers, the cookie. */
export async function refreshToken(
  ctx: MembersContext,
  argument: string | null | undefined,
): Promise<AuthPayload> {
  await ctx.app.limits.perAddress('refreshToken', ctx.address);
  const fromCookie = argument ? null : readRefreshCookie(ctx.req);
  const presented = argument ?? fromCookie;
  const outcome = presented
    ? await ctx.app.sessions.refresh(ctx.em, presented)
    : ({ kind: 'invalid' } as const);
  if (outcome.kind === 'rotated' || outcome.kind === 'grace') {
    const user = await ctx.loaders.userById.load(outcome.session.userId);
    if (user) return issueAuthPayload(ctx, outcome.session, outcome.refreshToken, user);
  }
  const failed = outcome.kind === 'rotated' || outcome.kind === 'grace' ? 'invalid' : outcome.kind;
  // A dead cookie is dropped so the browser stops sending it.
  if (fromCookie) clearRefreshCookie(ctx.res, ctx.app.config.secureCookies);
  throw new UnauthenticatedError(REFRESH_REASONS[failed], REFRESH_MESSAGES[failed]);
}

/**
 * Ends the session of the refresh token (argument or cookie) and of the access token, if
 * one came along and is valid. False when there was nothing left to end: logging out twice
 * is not an error.
 */
export async function logout(
  ctx: MembersContext,
  argument: string | null | undefined,
): Promise<boolean> {
  const { sessions, config } = ctx.app;
  const presented = argument ?? readRefreshCookie(ctx.req);
  const viewer = await ctx.optionalViewer();
  clearRefreshCookie(ctx.res, config.secureCookies);
  const ids = new Set<string>();
  const session = presented ? await sessions.findByRefreshToken(ctx.em, presented) : null;
  if (session) ids.add(session.id);
  if (viewer) ids.add(viewer.sessionId);
  if (ids.size === 0) return false;
  const ended = await ctx.em.transactional((tx) =>
    sessions.revoke(tx, { id: { $in: [...ids] } }, 'logout'),
  );
  return ended > 0;
}

export async function logoutAllSessions(ctx: MembersContext): Promise<number> {
  const viewer = await ctx.viewer();
  clearRefreshCookie(ctx.res, ctx.app.config.secureCookies);
  return ctx.em.transactional((tx) =>
    ctx.app.sessions.revoke(tx, { userId: viewer.userId }, 'logout_all'),
  );
}
