import type { Redis } from 'ioredis';

// INCR and the first EXPIRE in one script: a crash between them can never leave a counter
// without expiry (which would lock an address out for good). Each key is counted in order and
// the script stops at the first one past its limit, so a refusal leaves the later keys
// untouched: one round trip for what would otherwise be one per key.
const HIT_SCRIPT = `
local results = {}
for i = 1, #KEYS do
  local window = ARGV[2 * i - 1]
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then redis.call('PEXPIRE', KEYS[i], window) end
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[i], window); ttl = tonumber(window) end
  results[i] = {count, ttl}
  if count > tonumber(ARGV[2 * i]) then return results end
end
return results`;

/** The script's name on the client: ioredis sends it by SHA1 (EVALSHA), the text only once. */
const HIT_COMMAND = 'socialRateLimitHit';

export interface HitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

export interface Hit {
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every instance of a service: members' auth limits,
 * activity's per-member write limits.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<HitResult>;
  /**
   * Counts each hit in order, in one round trip, and stops at the first past its limit: the
   * result is the hits counted, the last of them refused if any was; later keys are not
   * counted. What awaiting `hit` for each in turn would do.
   */
  hitInOrder(hits: readonly Hit[]): Promise<HitResult[]>;
  reset(key: string): Promise<void>;
  /** Deletes every counter of this limiter (tests use it to start a new window without sleeping). */
  clear(): Promise<number>;
}

type HitCommand = (...args: Array<string | number>) => Promise<Array<[number, number]>>;

export function createRateLimiter(redis: Redis, prefix: string): RateLimiter {
  const keyOf = (key: string) => `${prefix}rl:${key}`;
  if (!(HIT_COMMAND in redis)) redis.defineCommand(HIT_COMMAND, { lua: HIT_SCRIPT });
  const command = (redis as unknown as Record<string, HitCommand>)[HIT_COMMAND];
  const hitInOrder = async (hits: readonly Hit[]): Promise<HitResult[]> => {
    const args = hits.flatMap((h) => [String(h.windowSeconds * 1000), String(h.limit)]);
    const counted = await command.call(
      redis,
      hits.length,
      ...hits.map((h) => keyOf(h.key)),
      ...args,
    );
    return counted.map(([count, ttlMs], i) => ({
      allowed: count <= hits[i].limit,
      count,
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    }));
  };
  return {
    async hit(key, limit, windowSeconds) {
      const [result] = await hitInOrder([{ key, limit, windowSeconds }]);
      return result;
    },
    hitInOrder,
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
