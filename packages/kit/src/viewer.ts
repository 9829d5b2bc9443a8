import { readBearer, remoteJwks, createAccessTokenVerifier, type AccessTokenVerifier } from '@social/auth';
import type { Request } from 'express';
import { UnauthenticatedError } from './errors';

/** The authenticated caller as a subgraph sees it. */
export interface Viewer {
  userId: string;
  sessionId: string;
}

/**
 * Subgraphs trust no identity header: they verify the access token the gateway forwards
 * with the shared verifier. A direct request with a forged header (x-user-id or anything
 * else) or a bad token simply has no viewer; the gateway is where 401s are decided.
 */
export function createViewerAuth(verifier: AccessTokenVerifier) {
  return async (req: Request): Promise<Viewer | null> => {
    const bearer = safeReadBearer(req);
    if (!bearer) return null;
    try {
      const claims = await verifier.verify(bearer);
      return { userId: claims.sub, sessionId: claims.sid };
    } catch {
      return null;
    }
  };
}

function safeReadBearer(req: Request): string | null {
  try {
    // headersDistinct keeps duplicates, which readBearer refuses; req.headers keeps only one.
    const result = readBearer(req.headersDistinct.authorization);
    return 'token' in result ? result.token : null;
  } catch {
    return null;
  }
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
