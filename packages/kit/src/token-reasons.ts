// The reasons an UNAUTHENTICATED error gives, and which of them make the response a 401.

export type UnauthenticatedReason =
  | 'TOKEN_MISSING'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID'
  | 'TOKEN_REVOKED'
  | 'INVALID_CREDENTIALS'
  | 'REFRESH_TOKEN_EXPIRED'
  | 'REFRESH_TOKEN_INVALID'
  | 'REFRESH_TOKEN_REUSED';

export type AccessTokenReason =
  | 'TOKEN_MISSING'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID'
  | 'TOKEN_REVOKED';

const ACCESS_TOKEN_MESSAGES: Record<AccessTokenReason, string> = {
  TOKEN_MISSING: 'An access token is required',
  TOKEN_EXPIRED: 'The access token has expired',
  TOKEN_INVALID: 'The access token is invalid',
  TOKEN_REVOKED: 'The session of this access token has ended',
};

export function isAccessTokenReason(reason: unknown): reason is AccessTokenReason {
  return typeof reason === 'string' && Object.hasOwn(ACCESS_TOKEN_MESSAGES, reason);
}

export function accessTokenMessage(reason: AccessTokenReason): string {
  return ACCESS_TOKEN_MESSAGES[reason];
}

/** The reasons that mean "the token the caller sent, or did not send, is the problem". */
const TOKEN_REASONS: ReadonlySet<string> = new Set<UnauthenticatedReason>([
  'TOKEN_MISSING',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'TOKEN_REVOKED',
  'REFRESH_TOKEN_EXPIRED',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
]);

export function isTokenReason(reason: unknown): reason is UnauthenticatedReason {
  return typeof reason === 'string' && TOKEN_REASONS.has(reason);
}

/**
 * The WWW-Authenticate challenge of a 401 for `reason`, or null when the reason is no token
 * problem (INVALID_CREDENTIALS: a failed login is not a 401). RFC 6750 §3.1: a request with
 * no credentials gets the bare challenge, one with bad ones `error="invalid_token"`.
 */
export function tokenChallenge(reason: unknown): [string, string] | null {
  if (!isTokenReason(reason)) return null;
  return [
    'www-authenticate',
    reason === 'TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"',
  ];
}
