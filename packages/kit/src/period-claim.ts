import type { Redis } from 'ioredis';

/**
 * Whether this caller is the first, of every instance sharing Redis, to claim the period of
 * `periodMs` that `now` falls in: `SET <key>:<period number> NX`. A scheduled job asks on each
 * tick of its timer. Every instance ticks once per period, each at its own phase, and only the
 * first tick of a period wins, so the job runs once per period however many instances run it;
 * when the instance that usually wins is gone, another one's tick wins the next period. The
 * key outlives its period, then expires: nothing to clean up. Rejects when Redis cannot be
 * reached (the caller skips that tick).
 */
export async function claimPeriod(
  redis: Redis,
  key: string,
  periodMs: number,
  now: number,
): Promise<boolean> {
  if (!(periodMs > 0)) throw new Error(`claimPeriod: the period must be positive, not ${periodMs}`);
  const period = Math.floor(now / periodMs);
  return (await redis.set(`${key}:${period}`, '1', 'PX', 2 * periodMs, 'NX')) === 'OK';
}
