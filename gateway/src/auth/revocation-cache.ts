import { isSessionRevoked, type Redis } from '@social/kit';

const NOT_REVOKED_TTL_MS = 1000;
const MAX_ENTRIES = 50_000;

/**
 * Session revocations live in Redis (members writes them). A "not revoked" answer is cached
 * for at most one second, so a logout takes effect within a second on every gateway instance
 * while a hot session costs one Redis round trip per second, not per request. A "revoked"
 * answer is final and cached until the process forgets it.
 */
export function createRevocationCheck(redis: Redis, now: () => number = Date.now) {
  const notRevokedUntil = new Map<string, number>();
  const revoked = new Set<string>();
  return async (sessionId: string): Promise<boolean> => {
    if (revoked.has(sessionId)) return true;
    const until = notRevokedUntil.get(sessionId);
    if (until !== undefined && until > now()) return false;
    const isRevoked = await isSessionRevoked(redis, sessionId);
    if (isRevoked) {
      notRevokedUntil.delete(sessionId);
      if (revoked.size >= MAX_ENTRIES) revoked.clear();
      revoked.add(sessionId);
      return true;
    }
    if (notRevokedUntil.size >= MAX_ENTRIES) notRevokedUntil.clear();
    notRevokedUntil.set(sessionId, now() + NOT_REVOKED_TTL_MS);
    return false;
  };
}
