import type { AccessTokenVerifier } from '@social/auth';
import {
  createRequestAuth as createSharedRequestAuth,
  isSessionRevoked,
  UnauthenticatedError,
  type UnauthenticatedReason,
  type Viewer,
} from '@social/kit';
import type { Request } from 'express';
import type { Redis } from 'ioredis';

export type AuthResult = { viewer: Viewer } | { reason: UnauthenticatedReason };

/**
 * Kit's shared token check with revocation looked up in Redis every time: a direct caller
 * could skip the gateway, and a logged-out session must be refused here too. Members keeps
 * the reason (TOKEN_EXPIRED, TOKEN_REVOKED, ...) for its own errors.
 */
export function createRequestAuth(verifier: AccessTokenVerifier, redis: Redis) {
  const authenticate = createSharedRequestAuth(verifier, (sessionId) =>
    isSessionRevoked(redis, sessionId),
  );
  return async (req: Request): Promise<AuthResult> => {
    const auth = await authenticate(req);
    if (auth.kind === 'valid') return { viewer: auth.viewer };
    return { reason: auth.kind === 'missing' ? 'TOKEN_MISSING' : auth.reason };
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
