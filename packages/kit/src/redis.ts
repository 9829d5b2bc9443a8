import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export { Redis };

/** How long a dropped connection waits before its next attempt, at most. */
const MAX_RECONNECT_DELAY_MS = 500;

/**
 * One client per process. While Redis is down a command fails at once instead of queueing:
 * the offline queue is on only until the first connection (so start-up need not wait for
 * it), a command already sent survives one reconnect attempt, and a reply that takes over a
 * second counts as a failure. Reconnection never stops, so the service heals by itself.
 */
export function createRedis(url: string, logger?: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 50, MAX_RECONNECT_DELAY_MS),
  });
  redis.once('ready', () => {
    redis.options.enableOfflineQueue = false;
  });
  watchConnection(redis, logger);
  return redis;
}

/**
 * Whether an error means "Redis could not be reached" (closed, refused, timed out, not
 * writable) rather than "Redis answered with an error" (a ReplyError: a bug, not an outage).
 */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === 'ReplyError') return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    UNREACHABLE_MESSAGES.some((message) => error.message.startsWith(message))
  );
}

// ioredis' own wording for a command it could not deliver or that got no reply.
const UNREACHABLE_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  'connect ETIMEDOUT',
];

/**
 * One line when the connection is lost and one when it is back: ioredis emits 'error' on every
 * failed attempt (twice a second while Redis is down), and the failing requests say the rest.
 */
export function watchConnection(redis: Redis, logger: Logger | undefined): void {
  let lost = false;
  redis.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    logger?.warn({ err: error }, 'redis unreachable: requests that need it answer 503');
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger?.info('redis reachable again');
  });
}
