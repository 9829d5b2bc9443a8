export type TokenErrorReason = 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

// The message is safe to show a client: it never echoes the token or says which check
// failed, so a prober learns nothing. `detail` says which check failed, for logs and
// metrics only.
const SAFE_MESSAGES: Record<TokenErrorReason, string> = {
  TOKEN_EXPIRED: 'The access token has expired.',
  TOKEN_INVALID: 'The access token is invalid.',
};

export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(
    readonly reason: TokenErrorReason,
    readonly detail: string = reason,
  ) {
    super(SAFE_MESSAGES[reason]);
  }
}

export function invalidToken(detail: string): TokenError {
  return new TokenError('TOKEN_INVALID', detail);
}
