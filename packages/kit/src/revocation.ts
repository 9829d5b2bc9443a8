import type { Redis } from 'ioredis';

/**
 * Revoked sessions, shared by members (writes) and every other service (reads) through Redis.
 * An entry lives as long as the longest access token of that session can: after that the
 * token is refused for expiry anyway, so the set stays small.
 */
export function revokedSessionKey(sessionId: string): string {
  return `auth:revoked-session:${sessionId}`;
}

/**
 * Where each revocation is announced, after it is written: the message is the revoked session
 * ids, comma-separated. Every process caching "not revoked" answers (createRevocationCache)
 * listens and drops them at once.
 */
export const REVOCATION_CHANNEL = 'auth:session-revocations';

/**
 * Writes the revocations, then announces them, in one round trip: Redis runs a pipeline in
 * order, so a listener that hears the announcement and asks finds the keys already there.
 */
export async function markSessionsRevoked(
  redis: Redis,
  sessionIds: string[],
  ttlSeconds: number,
): Promise<void> {
  if (sessionIds.length === 0) return;
  const pipeline = redis.pipeline();
  for (const sessionId of sessionIds)
    pipeline.set(revokedSessionKey(sessionId), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  pipeline.publish(REVOCATION_CHANNEL, sessionIds.join(','));
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(revokedSessionKey(sessionId))) === 1;
}
