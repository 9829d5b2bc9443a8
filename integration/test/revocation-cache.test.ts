import { randomUUID } from 'node:crypto';
import {
  createRedis,
  createRevocationCache,
  markSessionsRevoked,
  revokedSessionKey,
  ServiceUnavailableError,
  type Redis,
  type RevocationCache,
} from '@social/kit';
import { type RedisServer, startRedisServer, waitFor } from '@social/testkit';

/**
 * Kit's revocation cache on a Redis of the test's own: "not revoked" answers are cached, an
 * announcement evicts at once, and a reconnected subscriber starts from an empty cache.
 * Writing a key without announcing it shows what the cache answers from.
 */
describe("kit's revocation cache", () => {
  let server: RedisServer;
  let redis: Redis;
  let writer: Redis;
  let cache: RevocationCache;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = createRedis(server.url);
    writer = createRedis(server.url);
    cache = createRevocationCache(redis);
    await waitFor('the subscription', () => cache.live());
  });

  afterAll(async () => {
    await cache.close();
    redis.disconnect();
    writer.disconnect();
    await server.stop();
  });

  const unannounced = (sessionId: string) => writer.set(revokedSessionKey(sessionId), '1');

  it('answers a hot session from the cache and evicts it when the revocation is announced', async () => {
    const sessionId = randomUUID();
    expect(await cache.isRevoked(sessionId)).toBe(false);
    await unannounced(sessionId);
    expect(await cache.isRevoked(sessionId)).toBe(false);
    await markSessionsRevoked(writer, [sessionId], 60);
    expect(await cache.isRevoked(sessionId)).toBe(true);
  });

  it('refuses with ServiceUnavailableError while Redis is down, and starts afresh after', async () => {
    const sessionId = randomUUID();
    expect(await cache.isRevoked(sessionId)).toBe(false);
    await server.stop();
    await waitFor('the subscription to drop', () => !cache.live());
    await expect(cache.isRevoked(sessionId)).rejects.toBeInstanceOf(ServiceUnavailableError);
    await server.start();
    await waitFor('the subscription to come back', () => cache.live());
    // An announcement missed during the outage: the emptied cache asks Redis again.
    await waitFor('the writer to reconnect', async () => {
      try {
        return (await unannounced(sessionId)) === 'OK';
      } catch {
        return false;
      }
    });
    expect(await cache.isRevoked(sessionId)).toBe(true);
  });
});
