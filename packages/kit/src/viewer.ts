import {
  readBearer,
  remoteJwks,
  createAccessTokenVerifier,
  TokenError,
  type AccessTokenVerifier,
} from '@social/auth';
import type { Request } from 'express';
import { accessTokenRefused, UnauthenticatedError } from './errors';

/** The authenticated caller as a subgraph sees it. */
export interface Viewer {
  userId: string;
  sessionId: string;
}

export type TokenFailure = 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'TOKEN_REVOKED';

/** Who sent a request, without deciding whether that matters for the operation. */
export type RequestAuth =
  | { kind: 'valid'; token: string; viewer: Viewer }
  | { kind: 'missing' }
  | { kind: 'failed'; reason: TokenFailure };

/**
 * The one access-token check, shared by the gateway, members and the subgraphs: the bearer
 * (duplicate Authorization headers refused: `headersDistinct` keeps them, `req.headers`
 * keeps only one), the signature and claims, then revocation when a check is given. A
 * revocation check that cannot be answered throws (ServiceUnavailableError: HTTP 503).
 */
export function createRequestAuth(
  verifier: AccessTokenVerifier,
  isRevoked?: (sessionId: string) => Promise<boolean>,
) {
  return async (req: Request): Promise<RequestAuth> => {
    let token: string;
    try {
      const bearer = readBearer(req.headersDistinct.authorization);
      if (!('token' in bearer)) return { kind: 'missing' };
      token = bearer.token;
    } catch {
      return { kind: 'failed', reason: 'TOKEN_INVALID' };
    }
    let viewer: Viewer;
    try {
      const claims = await verifier.verify(token);
      viewer = { userId: claims.sub, sessionId: claims.sid };
    } catch (error) {
      return {
        kind: 'failed',
        reason: error instanceof TokenError ? error.reason : 'TOKEN_INVALID',
      };
    }
    if (isRevoked && (await isRevoked(viewer.sessionId)))
      return { kind: 'failed', reason: 'TOKEN_REVOKED' };
    return { kind: 'valid', token, viewer };
  };
}

/**
 * Subgraphs trust no identity header: they verify the access token the gateway forwards, and
 * check its session against the revocations (a logged-out token sent straight to a subgraph
 * gets nothing). No token: no viewer (anonymous reads). A token that fails: HTTP 401 with its
 * reason, whatever the operation.
 */
export function createViewerAuth(
  verifier: AccessTokenVerifier,
  isRevoked: (sessionId: string) => Promise<boolean>,
) {
  const authenticate = createRequestAuth(verifier, isRevoked);
  return async (req: Request): Promise<Viewer | null> => {
    const auth = await authenticate(req);
    if (auth.kind === 'failed') throw accessTokenRefused(auth.reason);
    return auth.kind === 'valid' ? auth.viewer : null;
  };
}

/** A verifier fed by the JWKS that members publishes. */
export function createRemoteVerifier(jwksUrl: string): AccessTokenVerifier {
  return createAccessTokenVerifier({ jwks: remoteJwks(jwksUrl) });
}

/** For resolvers that need a caller: TOKEN_MISSING when there is none. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError('TOKEN_MISSING', 'You need to be logged in');
  return viewer;
}
