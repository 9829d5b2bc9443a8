import { readBearer, TokenError, type AccessTokenVerifier } from '@social/auth';
import { isSessionRevoked, UnauthenticatedError, type UnauthenticatedReason, type Viewer } from '@social/kit';
import type { Request } from 'express';
import type { Redis } from 'ioredis';

export type AuthResult = { viewer: Viewer } | { reason: UnauthenticatedReason };

/**
 * Like kit's createViewerAuth, but keeps the reason (members answers TOKEN_EXPIRED or
 * TOKEN_REVOKED, not just "no viewer") and checks revocation itself: a direct caller could
 * skip the gateway, and a logged-out session must be refused here too.
 */
export function createRequestAuth(verifier: AccessTokenVerifier, redis: Redis) {
  return async (req: Request): Promise<AuthResult> => {
    let token: string;
    try {
      // headersDistinct: duplicate Authorization headers are refused, not silently picked from.
      const bearer = readBearer(req.headersDistinct.authorization);
      if (!('token' in bearer)) return { reason: 'TOKEN_MISSING' };
      token = bearer.token;
    } catch {
      return { reason: 'TOKEN_INVALID' };
    }
    let viewer: Viewer;
    try {
      const claims = await verifier.verify(token);
      viewer = { userId: claims.sub, sessionId: claims.sid };
    } catch (error) {
      return { reason: error instanceof TokenError ? error.reason : 'TOKEN_INVALID' };
    }
    if (await isSessionRevoked(redis, viewer.sessionId)) return { reason: 'TOKEN_REVOKED' };
    return { viewer };
  };
}

const MESSAGES: Partial<Record<UnauthenticatedReason, string>> = {
  TOKEN_MISSING: 'You need to be logged in',
  TOKEN_EXPIRED: 'The access token has expired',
  TOKEN_REVOKED: 'This session has ended; log in again',
  TOKEN_INVALID: 'The access token is invalid',
};

export function unauthenticated(reason: UnauthenticatedReason): UnauthenticatedError {
  return new UnauthenticatedError(reason, MESSAGES[reason]);
}
