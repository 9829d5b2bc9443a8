import type { Logger } from 'pino';
import { ServiceUnavailableError } from './errors';
import { isRedisUnreachable, type Redis } from './redis';
import { isSessionRevoked, REVOCATION_CHANNEL } from './revocation';

/** A safety bound only: eviction comes from the announcements, at once. */
const NOT_REVOKED_TTL_MS = 60_000;
const MAX_ENTRIES = 50_000;

export interface RevocationCache {
  /** Throws ServiceUnavailableError when the answer is not cached and Redis cannot be reached. */
  isRevoked(sessionId: string): Promise<boolean>;
  /** Whether cached answers are used: the subscription to the announcements is live. */
  live(): boolean;
  close(): Promise<void>;
}

export interface RevocationCacheOptions {
  logger?: Logger;
  now?: () => number;
}

/**
 * The revocation check every service runs per request, without a Redis round trip for a hot
 * session: "not revoked" answers are cached, and a second connection subscribed to
 * REVOCATION_CHANNEL drops a session from the cache the moment members announces it.
 *
 * Cached answers are trusted only while that subscription is live. When its connection drops,
 * the cache is emptied and stays unused until the connection is back and subscribed again (it
 * is emptied then too): an announcement missed meanwhile cannot leave a stale "not revoked".
 * Without the cache every check asks Redis, and a check Redis cannot answer is refused with
 * 503 (fail closed). A lookup that was in flight while anything was evicted is not cached.
 */
export function createRevocationCache(
  redis: Redis,
  options: RevocationCacheOptions = {},
): RevocationCache {
  const now = options.now ?? Date.now;
  const notRevokedUntil = new Map<string, number>();
  const revoked = new Set<string>();
  let live = false;
  // Bumped by every eviction: a lookup that straddles one does not cache its answer.
  let generation = 0;
  let connection = 0;
  const forget = () => {
    notRevokedUntil.clear();
    generation += 1;
  };
  const remember = (sessionId: string) => {
    notRevokedUntil.delete(sessionId);
    if (revoked.size >= MAX_ENTRIES) revoked.clear();
    revoked.add(sessionId);
  };

  const subscriber = redis.duplicate({ lazyConnect: true, autoResubscribe: false });
  subscriber.on('message', (channel: string, message: string) => {
    if (channel !== REVOCATION_CHANNEL) return;
    for (const sessionId of message.split(',')) if (sessionId) remember(sessionId);
    generation += 1;
  });
  subscriber.on('close', () => {
    connection += 1;
    live = false;
    forget();
  });
  subscriber.on('ready', () => {
    const current = connection;
    subscriber.subscribe(REVOCATION_CHANNEL).then(
      () => {
        if (current !== connection) return;
        forget();
        live = true;
      },
      (error: unknown) => options.logger?.warn({ err: error }, 'revocation subscription failed'),
    );
  });
  // Connection failures are retried for ever; the requests that meet them answer 503.
  subscriber.on('error', () => undefined);
  subscriber.connect().catch(() => undefined);

  async function lookUp(sessionId: string): Promise<boolean> {
    const started = generation;
    let isRevoked: boolean;
    try {
      isRevoked = await isSessionRevoked(redis, sessionId);
    } catch (error) {
      if (isRedisUnreachable(error)) throw new ServiceUnavailableError();
      throw error;
    }
    if (isRevoked) {
      remember(sessionId);
    } else if (live && generation === started) {
      if (notRevokedUntil.size >= MAX_ENTRIES) notRevokedUntil.clear();
      notRevokedUntil.set(sessionId, now() + NOT_REVOKED_TTL_MS);
    }
    return isRevoked;
  }

  return {
    async isRevoked(sessionId) {
      if (revoked.has(sessionId)) return true;
      if (live && notRevokedUntil.has(sessionId)) {
        // One turn of the event loop first: an announcement that reached this process with
        // (or before) the request is handled before the cached answer is read.
        await new Promise((resolve) => setImmediate(resolve));
        if (revoked.has(sessionId)) return true;
        const until = notRevokedUntil.get(sessionId);
        if (live && until !== undefined && until > now()) return false;
      }
      return lookUp(sessionId);
    },
    live: () => live,
    close: async () => {
      live = false;
      forget();
      subscriber.disconnect();
    },
  };
}
