import { graphql, type RedisServer, startRedisServer, waitFor } from '@social/testkit';
import { signUpAndLogin, startMembers, type MembersHarness } from './harness';
import { ME, REFRESH, bearer, data, setCookies } from './helpers';

// Members on a Redis of this test's own, which the test stops: the revocation write then
// really fails, as it would in production.
describe('members: a logout whose revocation cannot be written', () => {
  let redis: RedisServer;
  let h: MembersHarness;

  beforeAll(async () => {
    redis = await startRedisServer();
    h = await startMembers({ env: { REDIS_URL: redis.url } });
  });

  afterAll(async () => {
    await h?.stop();
    await redis?.stop();
  });

  const cookie = (token: string) => ({ cookie: `refresh_token=${token}` });

  it('fails with SERVICE_UNAVAILABLE and keeps the cookie; the session stays usable, then ends when Redis is back', async () => {
    const member = await signUpAndLogin(h);
    await redis.stop();
    try {
      const response = await graphql(h.url, {
        query: 'mutation { logout }',
        headers: cookie(member.refreshToken),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.body.errors?.[0]?.message).toMatch(/still active/);
      // The browser keeps its cookie: it is not told "logged out".
      expect(setCookies(response).filter((c) => c.startsWith('refresh_token='))).toEqual([]);

      // With the access token too (its revocation check needs Redis as well): the same answer.
      const withBearer = await graphql(h.url, {
        query: 'mutation { logout }',
        headers: { ...bearer(member.accessToken), ...cookie(member.refreshToken) },
      });
      expect(withBearer.status).toBe(503);
      expect(withBearer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await redis.start();
    }

    await waitFor(
      'members to reconnect to Redis',
      async () =>
        (await graphql(h.url, { query: ME, headers: bearer(member.accessToken) })).status === 200,
      { timeoutMs: 10_000 },
    );
    // The database change rolled back with the failed Redis write: the refresh token still works.
    const refreshed = await data(h, { query: REFRESH, variables: { token: member.refreshToken } });
    const { accessToken, refreshToken } = refreshed.refreshToken as Record<string, string>;
    await data(h, { query: ME, headers: bearer(accessToken) });

    const out = await graphql(h.url, {
      query: 'mutation { logout }',
      headers: cookie(refreshToken),
    });
    expect(out.body).toEqual({ data: { logout: true } });
    expect(setCookies(out).find((c) => c.startsWith('refresh_token='))).toMatch(/Max-Age=0/i);
    const me = await graphql(h.url, { query: ME, headers: bearer(accessToken) });
    expect(me.status).toBe(401);
    expect(me.body.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_REVOKED',
    });
  });
});
