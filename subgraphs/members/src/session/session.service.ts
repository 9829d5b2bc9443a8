import type { EntityManager } from '@mikro-orm/mysql';
import { signAccessToken, type KeyStore } from '@social/auth';
import {
  AppError,
  type Clock,
  EmailNotVerifiedError,
  isId,
  type Logger,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
  type Viewer,
} from '@social/kit';
import type { Config } from '../config';
import type { AuthLimits } from '../rate-limit/auth-limits';
import type { PasswordHasher } from '../shared/password-hasher';
import { normalizeEmail } from '../shared/validation';
import type { User } from '../user/user.entity';
import { findUserById, findUserWithPasswordHash } from '../user/user.repository';
import { AuthPayload } from './auth-payload.type';
import type { ClientInfo } from './client-info';
import type { Session } from './session.entity';
import type { SessionRepository } from './session.repository';
import { SessionInfo } from './session.type';

/** What issuing a token pair needs; every use case below that logs someone in has these. */
export interface TokenDeps {
  em: EntityManager;
  sessions: SessionRepository;
  keyStore: KeyStore;
  clock: Clock;
  config: Pick<Config, 'sessions'>;
}

// One message for unknown email and wrong password, so the answer reveals nothing.
const INVALID_CREDENTIALS = 'The email or password is incorrect';

/** The payload and the refresh token, which the resolver sends by cookie, body or both. */
export interface IssuedTokens {
  payload: AuthPayload;
  refreshToken: string;
}

export async function login(
  deps: TokenDeps & { limits: AuthLimits; hasher: PasswordHasher },
  input: { email: string; password: string; address: string; client: ClientInfo },
): Promise<IssuedTokens> {
  const { em, limits, hasher, sessions } = deps;
  const email = normalizeEmail(input.email);
  // The limits and the account are read at once (a refusal still stops before the hasher):
  // every round trip of a login is paid in members' CPU, so independent ones overlap.
  const [attempt, user] = await Promise.all([
    limits.loginAttempt(email, input.address),
    findUserWithPasswordHash(em, { email }),
  ]);
  // Unknown email: the hasher still verifies against a dummy hash, so timing is alike.
  const valid = await hasher.verify(user?.passwordHash ?? null, input.password);
  if (!user || !valid) throw new UnauthenticatedError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
  // Checked only after the password: without it nobody learns whether an account is verified.
  if (!user.emailVerifiedAt) {
    await attempt.succeeded();
    throw new EmailNotVerifiedError();
  }
  if (hasher.needsRehash(user.passwordHash)) {
    user.passwordHash = await hasher.hash(input.password);
    await em.flush();
  }
  // The failure count's reset and the session row at once (started together, so neither can
  // fail unobserved while the other is still being awaited).
  const [, { session, refreshToken }] = await Promise.all([
    attempt.succeeded(),
    sessions.start(em, user.id, input.client),
  ]);
  return issueTokens(deps, session, refreshToken, user);
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

/** A refused refresh is a result, not a throw: the resolver drops a dead cookie first. */
export type RefreshResult = { issued: IssuedTokens } | { refused: UnauthenticatedError };

/** Rotates the presented refresh token (the argument or, for browsers, the cookie). */
export async function refresh(
  deps: TokenDeps & { limits: AuthLimits },
  input: { token: string | null; address: string; client: ClientInfo },
): Promise<RefreshResult> {
  await deps.limits.perAddress('refreshToken', input.address);
  const outcome = input.token
    ? await deps.sessions.refresh(deps.em, input.token, input.client)
    : ({ kind: 'invalid' } as const);
  if (outcome.kind === 'rotated' || outcome.kind === 'grace') {
    const user = await findUserById(deps.em, outcome.session.userId);
    if (user) return { issued: issueTokens(deps, outcome.session, outcome.refreshToken, user) };
  }
  const failed = outcome.kind === 'rotated' || outcome.kind === 'grace' ? 'invalid' : outcome.kind;
  return { refused: new UnauthenticatedError(REFRESH_REASONS[failed], REFRESH_MESSAGES[failed]) };
}

type LogoutDeps = { em: EntityManager; sessions: SessionRepository; log: Logger };

/**
 * Ends the session of the refresh token and of the access token, if a valid one came along.
 * False when there was nothing left to end: logging out twice is not an error.
 */
export function logout(
  deps: LogoutDeps,
  input: { token: string | null; viewer: () => Promise<Viewer | null> },
): Promise<boolean> {
  const { em, sessions } = deps;
  return orStillActive(deps.log, async () => {
    const ids = new Set<string>();
    const session = input.token ? await sessions.findByRefreshToken(em, input.token) : null;
    if (session) ids.add(session.id);
    const viewer = await input.viewer();
    if (viewer) ids.add(viewer.sessionId);
    if (ids.size === 0) return false;
    const ended = await em.transactional((tx) =>
      sessions.revoke(tx, { id: { $in: [...ids] } }, 'logout'),
    );
    return ended > 0;
  });
}

/** How many of the member's sessions were still usable. */
export function logoutAllSessions(deps: LogoutDeps, viewer: Viewer): Promise<number> {
  return orStillActive(deps.log, () =>
    deps.em.transactional((tx) =>
      deps.sessions.revoke(tx, { userId: viewer.userId }, 'logout_all'),
    ),
  );
}

/** The caller's sessions that can still refresh, newest first, theirs marked current. */
export async function listSessions(
  deps: { em: EntityManager; sessions: SessionRepository },
  viewer: Viewer,
): Promise<SessionInfo[]> {
  const live = await deps.sessions.listLive(deps.em, viewer.userId);
  return live.map((session) => SessionInfo.of(session, viewer.sessionId));
}

/**
 * Ends one of the caller's sessions, like logout does (access token refused at once, refresh
 * token dead). Someone else's session, an unknown, ended or malformed id: the same NOT_FOUND,
 * so the answer never confirms that a session id exists.
 */
export async function endSession(
  deps: LogoutDeps,
  input: { viewer: Viewer; id: string },
): Promise<boolean> {
  const { viewer, id } = input;
  const ended = isId(id)
    ? await orStillActive(deps.log, () =>
        deps.em.transactional((tx) =>
          deps.sessions.revoke(tx, { id, userId: viewer.userId }, 'ended'),
        ),
      )
    : 0;
  if (ended === 0) throw new NotFoundError('No such session');
  return true;
}

/**
 * A revocation that could not be written (Redis or the database failing) rolls back, so the
 * sessions stay usable: the caller is told so with SERVICE_UNAVAILABLE (HTTP 503), never a
 * "logged out" while the tokens still work.
 */
async function orStillActive<T>(log: Logger, end: () => Promise<T>): Promise<T> {
  try {
    return await end();
  } catch (error) {
    if (error instanceof AppError) throw error;
    log.error({ err: error }, 'logout failed: the sessions stay active');
    throw new ServiceUnavailableError(
      'The session could not be ended and is still active; try again shortly',
    );
  }
}

/** A fresh access token for the session, next to its refresh token. */
function issueTokens(
  deps: Pick<TokenDeps, 'keyStore' | 'clock' | 'config'>,
  session: Session,
  refreshToken: string,
  user: User,
): IssuedTokens {
  const access = signAccessToken(deps.keyStore, {
    sub: user.id,
    sid: session.id,
    ttlSeconds: deps.config.sessions.accessTokenTtl,
    now: new Date(deps.clock()),
  });
  const payload = Object.assign(new AuthPayload(), {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    // The idle expiry is already capped by the absolute one, so this is the session's real end.
    refreshTokenExpiresAt: session.idleExpiresAt,
    user,
  });
  return { payload, refreshToken };
}
