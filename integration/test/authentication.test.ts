import { signAccessToken } from '@social/auth';
import { expectData, graphql } from '@social/testkit';
import type { TestMember } from '../../subgraphs/members/test/harness';
import { rawPost } from './http';
import { startStack, type TestStack } from './stack';

const ME = '{ me { user { id handle } email } }';

describe('gateway authentication against the real members subgraph', () => {
  let stack: TestStack;
  let alice: TestMember;

  beforeAll(async () => {
    stack = await startStack();
    alice = await stack.member();
  });

  afterAll(() => stack.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expect401(headers: Record<string, string>, reason: string, query = ME) {
    const response = await graphql(stack.url, { query, headers });
    expect(response.status).toBe(401);
    // RFC 6750 §3.1: no credentials at all get the bare challenge, bad ones invalid_token.
    expect(response.headers.get('www-authenticate')).toBe(
      reason === 'TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"',
    );
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(response.body.data ?? null).toBeNull();
  }

  it('serves `me` with the access token from a real login', async () => {
    const data = await expectData(stack.url, { query: ME, headers: bearer(alice.accessToken) });
    expect(data.me).toEqual({
      user: { id: alice.userId, handle: alice.handle },
      email: alice.email,
    });
  });

  it('refuses a private query without a token: 401 TOKEN_MISSING', async () => {
    await expect401({}, 'TOKEN_MISSING');
  });

  it('refuses an expired token: 401 TOKEN_EXPIRED', async () => {
    const { token } = signAccessToken(stack.members.keyStore, {
      sub: alice.userId,
      sid: 'expired-session',
      ttlSeconds: 60,
      now: new Date(Date.now() - 10 * 60_000),
    });
    await expect401(bearer(token), 'TOKEN_EXPIRED');
  });

  it('refuses garbage and non-Bearer credentials: 401 TOKEN_INVALID', async () => {
    await expect401(bearer('not.a.jwt'), 'TOKEN_INVALID');
    await expect401(
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      'TOKEN_INVALID',
    );
  });

  it('refuses two Authorization headers', async () => {
    const response = await rawPost(stack.url, ME, [
      ['Authorization', `Bearer ${alice.accessToken}`],
      ['Authorization', `Bearer ${alice.accessToken}`],
    ]);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).errors[0].extensions.reason).toBe('TOKEN_INVALID');
  });

  it('lets the refresh mutation through with an expired token attached, and sets the cookie', async () => {
    const member = await stack.member();
    const { token: stale } = signAccessToken(stack.members.keyStore, {
      sub: member.userId,
      sid: 'stale',
      ttlSeconds: 60,
      now: new Date(Date.now() - 10 * 60_000),
    });
    const response = await graphql(stack.url, {
      query:
        'mutation($t: String) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }',
      variables: { t: member.refreshToken },
      headers: bearer(stale),
    });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.refreshToken.user).toEqual({ id: member.userId });
    const cookie = response.headers
      .getSetCookie()
      .find((value) => value.startsWith('refresh_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/graphql/i);
    const fresh = response.body.data.refreshToken.accessToken;
    expect((await expectData(stack.url, { query: ME, headers: bearer(fresh) })).me.user.id).toBe(
      member.userId,
    );
  });

  it('refreshes from the cookie alone through the gateway', async () => {
    const member = await stack.member();
    const response = await graphql(stack.url, {
      query: 'mutation { refreshToken { user { id } } }',
      headers: { cookie: `refresh_token=${member.refreshToken}` },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.refreshToken.user).toEqual({ id: member.userId });
  });

  it('refuses the old access token on the next request after logout: 401 TOKEN_REVOKED', async () => {
    const member = await stack.member();
    await expectData(stack.url, { query: ME, headers: bearer(member.accessToken) });
    const out = await expectData(stack.url, {
      query: 'mutation($t: String) { logout(refreshToken: $t) }',
      variables: { t: member.refreshToken },
      headers: bearer(member.accessToken),
    });
    expect(out).toEqual({ logout: true });
    // Announced on Redis and evicted at once: the very next request is refused.
    await expect401(bearer(member.accessToken), 'TOKEN_REVOKED');
  });

  it('ignores forged identity headers through the gateway', async () => {
    const forged = {
      'x-user-id': alice.userId,
      'x-viewer-id': alice.userId,
      'x-forwarded-user': alice.userId,
    };
    await expect401(forged, 'TOKEN_MISSING');
    const data = await expectData(stack.url, {
      query: `{ user(id: "${alice.userId}") { viewerFollows } }`,
      headers: forged,
    });
    expect(data.user).toEqual({ viewerFollows: false });
  });

  it('gives no identity to a request sent straight to a subgraph with forged headers', async () => {
    const forged = { 'x-user-id': alice.userId, 'x-request-id': 'forged' };
    const members = await graphql(stack.config.subgraphs.urls.members, {
      query: ME,
      headers: forged,
    });
    expect(members.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const feed = await graphql(stack.config.subgraphs.urls.feed, {
      query: '{ unreadNotificationCount }',
      headers: forged,
    });
    expect(feed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const activity = await graphql(stack.config.subgraphs.urls.activity, {
      query: 'mutation { createPost(body: "forged") { id } }',
      headers: forged,
    });
    expect(activity.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets profiles be read anonymously, but not with a broken token', async () => {
    const query = `{ user(handle: "${alice.handle}") { id followerCount viewerFollows } }`;
    expect(await expectData(stack.url, { query })).toEqual({
      user: { id: alice.userId, followerCount: 0, viewerFollows: false },
    });
    await expect401(bearer('broken'), 'TOKEN_INVALID', query);
  });

  it('counts each aliased login in one document as its own attempt', async () => {
    const member = await stack.member();
    await stack.members.resetRateLimits();
    stack.members.config.limits.authRatePerAddress = 10;
    try {
      const attempts = Array.from(
        { length: 15 },
        (_, i) =>
          `a${i}: login(email: "${member.email}", password: "${member.password}") { user { id } }`,
      ).join('\n');
      const response = await graphql(stack.url, { query: `mutation { ${attempts} }` });
      // Root mutation fields run in order; the 11th is refused and, being non-null, ends the document.
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.path).toEqual(['a10']);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      // The address limit counts per minute: the wait is what is left of that minute.
      const retryAfter = response.body.errors?.[0]?.extensions?.retryAfterSeconds;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    } finally {
      stack.members.config.limits.authRatePerAddress = 1000;
      await stack.members.resetRateLimits();
    }
  });

  it('counts failures by reason in /metrics', async () => {
    const metrics = await (await fetch(new URL('/metrics', stack.opsUrls.gateway))).text();
    expect(metrics).toMatch(/gateway_auth_failures_total\{reason="TOKEN_MISSING"\} [1-9]/);
    expect(metrics).toMatch(/gateway_auth_failures_total\{reason="TOKEN_EXPIRED"\} [1-9]/);
    expect(metrics).toMatch(/gateway_auth_failures_total\{reason="TOKEN_REVOKED"\} [1-9]/);
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_duration_seconds_count\{subgraph="members",outcome="ok"\} [1-9]/,
    );
  });
});
