import { randomBytes } from 'node:crypto';
import { createRateLimiter, createRedis } from '../src';

describe('rate limiter: fixed windows in Redis', () => {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `kit-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const limiter = createRateLimiter(redis, prefix);

  afterAll(async () => {
    await limiter.clear();
    await redis.quit();
  });

  it('counts hits in order in one call and stops at the first past its limit, leaving later keys uncounted', async () => {
    const hits = [
      { key: 'address', limit: 2, windowSeconds: 60 },
      { key: 'account', limit: 10, windowSeconds: 900 },
    ];
    const counts = async () =>
      (await limiter.hitInOrder(hits)).map((r) => [r.count, r.allowed] as const);
    expect(await counts()).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(await counts()).toEqual([
      [2, true],
      [2, true],
    ]);
    // The address is past its limit: refused there, the account's counter stays at 2.
    expect(await counts()).toEqual([[3, false]]);
    expect(await redis.get(`${prefix}rl:account`)).toBe('2');
  });

  it("answers the seconds left in a refused key's window", async () => {
    await limiter.hit('window', 1, 900);
    const refused = await limiter.hit('window', 1, 900);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(890);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(900);
    const ttl = await redis.pttl(`${prefix}rl:window`);
    expect(ttl).toBeGreaterThan(0);
  });

  it('shares the script between limiters on one client, each with its own keys', async () => {
    const other = createRateLimiter(redis, `${prefix}other:`);
    expect((await other.hit('window', 1, 60)).count).toBe(1);
    expect((await limiter.hit('window', 5, 60)).count).toBe(3);
    await other.clear();
  });
});
