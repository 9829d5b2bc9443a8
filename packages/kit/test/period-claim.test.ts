import { randomBytes } from 'node:crypto';
import { claimPeriod, createRedis, type Redis } from '../src';

const PERIOD_MS = 600_000;

describe('claimPeriod: a scheduled job runs once per period, however many instances tick', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // One client per instance, as separate processes would have.
  const instances: Redis[] = [createRedis(url), createRedis(url), createRedis(url)];
  const [redis] = instances as [Redis];
  const key = `kit-test:${process.pid}:${randomBytes(4).toString('hex')}:job`;

  afterAll(async () => {
    const keys = await redis.keys(`${key}:*`);
    if (keys.length > 0) await redis.del(...keys);
    for (const instance of instances) await instance.quit();
  });

  /** Each instance ticks once, at its own phase of the period; answers which of them ran. */
  const tickAll = (at: (instance: number) => number) =>
    Promise.all(instances.map((instance, i) => claimPeriod(instance, key, PERIOD_MS, at(i))));

  it('lets exactly one of three instances win each period, whatever their phases', async () => {
    const start = Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS;
    const phases = [0.9, 0.1, 0.5];
    const winners: number[][] = [];
    for (let period = 0; period < 4; period += 1) {
      const ran = await tickAll((i) => start + (period + (phases[i] ?? 0)) * PERIOD_MS);
      winners.push(ran.flatMap((won, i) => (won ? [i] : [])));
    }
    expect(winners.map((w) => w.length)).toEqual([1, 1, 1, 1]);
  });

  it('refuses a second tick of the winner within the same period', async () => {
    const now = Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS + 10 * PERIOD_MS;
    expect(await claimPeriod(redis, key, PERIOD_MS, now)).toBe(true);
    expect(await claimPeriod(redis, key, PERIOD_MS, now + PERIOD_MS - 1)).toBe(false);
    expect(await claimPeriod(redis, key, PERIOD_MS, now + PERIOD_MS)).toBe(true);
  });

  it('keeps a claim no longer than two periods', async () => {
    const now = Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS + 20 * PERIOD_MS;
    await claimPeriod(redis, key, PERIOD_MS, now);
    const ttl = await redis.pttl(`${key}:${Math.floor(now / PERIOD_MS)}`);
    expect(ttl).toBeGreaterThan(PERIOD_MS);
    expect(ttl).toBeLessThanOrEqual(2 * PERIOD_MS);
  });

  it('refuses a period that is not positive', async () => {
    await expect(claimPeriod(redis, key, 0, Date.now())).rejects.toThrow(
      'the period must be positive',
    );
  });
});
