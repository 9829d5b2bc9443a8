import type { Redis } from 'ioredis';

/**
 * Revoked sessions, shared by members (writes) and the gateway (reads) through Redis. An
 * entry lives as long as the longest access token of that session can: after that the token
 * is refused for expiry anyway, so the set stays small.
 */
export function revokedSessionKey(sessionId: string): string {
  return `auth:revoked-session:${sessionId}`;
}

export async function markSessionsRevoked(
  redis: Redis,
  sessionIds: string[],
  ttlSeconds: number,
): Promise<void> {
  if (sessionIds.length === 0) return;
  const pipeline = redis.pipeline();
  for (const sessionId of sessionIds)
    pipeline.set(revokedSessionKey(sessionId), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(revokedSessionKey(sessionId))) === 1;
}
