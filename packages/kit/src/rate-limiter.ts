import type { Redis } from 'ioredis';

// INCR and the first EXPIRE in one script: a crash between them can never leave a counter
// without expiry (which would lock an address out for good).
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export interface HitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every instance of a service: members' auth limits,
 * activity's per-member write limits.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<HitResult>;
  reset(key: string): Promise<void>;
  /** Deletes every counter of this limiter (tests use it to start a new window without sleeping). */
  clear(): Promise<number>;
}

export function createRateLimiter(redis: Redis, prefix: string): RateLimiter {
  const keyOf = (key: string) => `${prefix}rl:${key}`;
  return {
    async hit(key, limit, windowSeconds) {
      const [count, ttlMs] = (await redis.eval(
        HIT_SCRIPT,
        1,
        keyOf(key),
        String(windowSeconds * 1000),
      )) as [number, number];
      return {
        allowed: count <= limit,
        count,
        retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      };
    },
    async reset(key) {
      await redis.del(keyOf(key));
    },
    async clear() {
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}rl:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      return deleted;
    },
  };
}
