import { readBearer, TokenError, type AccessClaims, type AccessTokenVerifier } from '@social/auth';
import type { Request } from 'express';

export type AuthFailure = 'TOKEN_MISSING' | 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'TOKEN_REVOKED';

export type AuthState =
  | { kind: 'valid'; token: string; claims: AccessClaims }
  | { kind: 'missing' }
  | { kind: 'failed'; reason: Exclude<AuthFailure, 'TOKEN_MISSING'> };

/** Every Authorization header as sent: Node keeps only the first in `req.headers`. */
function authorizationHeaders(req: Request): string[] {
  const values: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === 'authorization') values.push(req.rawHeaders[i + 1] ?? '');
  }
  return values;
}

/**
 * Works out who is calling without deciding anything: whether a failure matters depends on
 * the operation, which the auth plugin knows once the document is resolved.
 */
export function createAuthenticator(deps: {
  verifier: AccessTokenVerifier;
  isRevoked: (sessionId: string) => Promise<boolean>;
}) {
  return async (req: Request): Promise<AuthState> => {
    const headers = authorizationHeaders(req);
    let token: string;
    try {
      const bearer = readBearer(headers.length > 1 ? headers : headers[0]);
      if ('missing' in bearer) return { kind: 'missing' };
      token = bearer.token;
    } catch {
      return { kind: 'failed', reason: 'TOKEN_INVALID' };
    }
    let claims: AccessClaims;
    try {
      claims = await deps.verifier.verify(token);
    } catch (error) {
      return { kind: 'failed', reason: error instanceof TokenError ? error.reason : 'TOKEN_INVALID' };
    }
    if (await deps.isRevoked(claims.sid)) return { kind: 'failed', reason: 'TOKEN_REVOKED' };
    return { kind: 'valid', token, claims };
  };
}
