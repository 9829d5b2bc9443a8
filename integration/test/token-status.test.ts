import { signAccessToken } from '@social/auth';
import { expectData, graphql } from '@social/testkit';
import { startStack, type TestStack } from './stack';

const ME = '{ me { email } }';
const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken }
}`;
const REFRESH =
  'mutation($t: String) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';

/** What needs a viewer at each service, asked straight at it or through the gateway. */
const NEEDS_VIEWER = {
  members: ME,
  activity: 'mutation { createPost(body: "hello") { id } }',
  feed: '{ unreadNotificationCount }',
} as const;

// One HTTP status for one meaning: whoever finds the token bad, the caller gets 401, the
// challenge and one error with the reason, never HTTP 200 carrying a token error.
describe('401 for every token problem, wherever it is found', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expect401(
    url: string,
    query: string,
    headers: Record<string, string>,
    reason: string,
  ) {
    const response = await graphql(url, { query, headers });
    expect({ url, status: response.status }).toEqual({ url, status: 401 });
    expect(response.headers.get('www-authenticate')).toBe(
      reason === 'TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"',
    );
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(response.body.data ?? null).toBeNull();
  }

  const expired = async () => {
    const member = await stack.member();
    return signAccessToken(stack.members.keyStore, {
      sub: member.userId,
      sid: 'expired-session',
      ttlSeconds: 60,
      now: new Date(Date.now() - 10 * 60_000),
    }).token;
  };

  it.each(Object.keys(NEEDS_VIEWER) as Array<keyof typeof NEEDS_VIEWER>)(
    'answers a missing, expired or invalid token with 401 at %s, straight and through the gateway',
    async (service) => {
      const query = NEEDS_VIEWER[service];
      const urls = [stack.config.subgraphs.urls[service], stack.url];
      const stale = await expired();
      for (const url of urls) {
        await expect401(url, query, {}, 'TOKEN_MISSING');
        await expect401(url, query, bearer(stale), 'TOKEN_EXPIRED');
        await expect401(url, query, bearer('not.a.jwt'), 'TOKEN_INVALID');
      }
    },
  );

  it('refuses a broken token at every service even for what anonymous callers may read', async () => {
    const member = await stack.member();
    const userQuery = `{ user(id: "${member.userId}") { id } }`;
    const postQuery = '{ post(id: "01890000-0000-7000-8000-000000000000") { id } }';
    const reads: Array<[string, string, unknown]> = [
      [stack.url, userQuery, { user: { id: member.userId } }],
      [stack.config.subgraphs.urls.activity, postQuery, { post: null }],
    ];
    for (const [url, query, expected] of reads) {
      expect(await expectData(url, { query })).toEqual(expected);
      await expect401(url, query, bearer('not.a.jwt'), 'TOKEN_INVALID');
    }
  });

  it("passes on members refusing a just-revoked token as the gateway's own 401, never HTTP 200", async () => {
    const member = await stack.member();
    // The gateway now holds "not revoked" for this session (for up to a second).
    await expectData(stack.url, { query: ME, headers: bearer(member.accessToken) });
    await expectData(stack.url, {
      query: 'mutation($t: String) { logout(refreshToken: $t) }',
      variables: { t: member.refreshToken },
    });
    // Whichever of the two refuses it first, the answer is the same.
    await expect401(stack.url, ME, bearer(member.accessToken), 'TOKEN_REVOKED');
    await expect401(stack.members.url, ME, bearer(member.accessToken), 'TOKEN_REVOKED');
  });

  it('answers a refused refresh with 401, through the gateway and at members', async () => {
    for (const url of [stack.url, stack.members.url]) {
      const response = await graphql(url, { query: REFRESH, variables: { t: 'A'.repeat(43) } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(response.body.errors?.map((e) => e.extensions?.reason)).toEqual([
        'REFRESH_TOKEN_INVALID',
      ]);
      const cookieOnly = await graphql(url, {
        query: 'mutation { refreshToken { accessToken } }',
        headers: { cookie: `refresh_token=${'B'.repeat(43)}` },
      });
      expect(cookieOnly.status).toBe(401);
    }
  });

  it('keeps a failed login a non-401: wrong password and unverified email', async () => {
    const member = await stack.member();
    for (const url of [stack.url, stack.members.url]) {
      const wrong = await graphql(url, {
        query: LOGIN,
        variables: { email: member.email, password: 'not the password at all' },
      });
      expect(wrong.status).toBe(200);
      expect(wrong.headers.get('www-authenticate')).toBeNull();
      expect(wrong.body.errors?.[0]?.extensions).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'INVALID_CREDENTIALS',
      });
    }
  });

  it.each(['gateway', 'members'] as const)(
    'keeps the refresh token out of the body for cookie clients, in it for the others (%s)',
    async (target) => {
      const url = target === 'gateway' ? stack.url : stack.members.url;
      const member = await stack.member();
      const login = (headers: Record<string, string>) =>
        graphql(url, {
          query: LOGIN,
          variables: { email: member.email, password: member.password },
          headers,
        });
      const cookieLogin = await login({ 'x-session-transport': 'cookie' });
      expect(cookieLogin.body.data.login.refreshToken).toBeNull();
      const cookie = cookieLogin.headers.getSetCookie().find((c) => c.startsWith('refresh_token='));
      expect(cookie).toMatch(/HttpOnly/i);
      const value = (cookie ?? '').split(';')[0] ?? '';

      // Refreshing from the cookie: a new cookie, and still nothing in the body.
      const fromCookie = await graphql(url, { query: REFRESH, headers: { cookie: value } });
      expect(fromCookie.status).toBe(200);
      expect(fromCookie.body.data.refreshToken.refreshToken).toBeNull();
      expect(fromCookie.body.data.refreshToken.accessToken).toEqual(expect.any(String));
      expect(fromCookie.headers.getSetCookie().some((c) => c.startsWith('refresh_token='))).toBe(
        true,
      );

      // A native client: no header, the token as the argument, the token back in the body.
      const bodyLogin = await login({});
      const issued = bodyLogin.body.data.login.refreshToken as string;
      expect(issued).toMatch(/^[\w-]{43}$/);
      const fromArgument = await graphql(url, { query: REFRESH, variables: { t: issued } });
      expect(fromArgument.body.data.refreshToken.refreshToken).toMatch(/^[\w-]{43}$/);
      expect(fromArgument.body.data.refreshToken.refreshToken).not.toBe(issued);
    },
  );
});
