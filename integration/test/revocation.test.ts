import { expectData, graphql, tokenFromMail } from '@social/testkit';
import type { TestMember } from '../../subgraphs/members/test/harness';
import { startStack, type TestStack } from './stack';

const ME = '{ me { user { id } } }';
const UNREAD = '{ unreadNotificationCount }';
const CREATE_POST = 'mutation { createPost(body: "still here?") { id } }';
const LOGIN =
  'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }';
const REFRESH =
  'mutation($t: String) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Every revocation is announced on Redis and every process drops it from its cache at once:
 * the request right after the revoking response is refused, on either gateway and straight
 * at each subgraph. No waiting anywhere: each check is the very next request.
 */
describe('revocation at once, on every instance', () => {
  let stack: TestStack;
  let second: string;
  let urls: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack();
    second = await stack.startGateway();
    urls = stack.config.subgraphs.urls;
  });

  afterAll(() => stack.stop());

  /** Each place a token is checked, with an operation that needs the caller there. */
  const places = () => [
    { name: 'gateway 1', url: stack.url, query: ME },
    { name: 'gateway 2', url: second, query: ME },
    { name: 'activity', url: urls.activity ?? '', query: CREATE_POST },
    { name: 'feed', url: urls.feed ?? '', query: UNREAD },
  ];

  /** Used everywhere first, so that every cache holds a "not revoked" answer for it. */
  async function warm(token: string) {
    for (const place of places()) {
      await expectData(place.url, { query: place.query, headers: bearer(token) });
      await expectData(place.url, { query: place.query, headers: bearer(token) });
    }
  }

  async function expectRevokedEverywhere(token: string) {
    for (const place of places()) {
      const response = await graphql(place.url, { query: place.query, headers: bearer(token) });
      expect({ place: place.name, status: response.status }).toEqual({
        place: place.name,
        status: 401,
      });
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'TOKEN_REVOKED',
      });
    }
  }

  async function expectUsable(token: string) {
    for (const place of places())
      await expectData(place.url, { query: place.query, headers: bearer(token) });
  }

  const loginAgain = async (member: TestMember, password = member.password) =>
    (
      await expectData(stack.url, {
        query: LOGIN,
        variables: { e: member.email, p: password },
      })
    ).login as { accessToken: string; refreshToken: string };

  it('logout through one gateway: the other refuses the token on its very next request', async () => {
    const member = await stack.member();
    await warm(member.accessToken);
    const out = await expectData(stack.url, {
      query: 'mutation($t: String) { logout(refreshToken: $t) }',
      variables: { t: member.refreshToken },
      headers: bearer(member.accessToken),
    });
    expect(out).toEqual({ logout: true });
    const next = await graphql(second, { query: ME, headers: bearer(member.accessToken) });
    expect(next.status).toBe(401);
    expect(next.body.errors?.[0]?.extensions?.reason).toBe('TOKEN_REVOKED');
    await expectRevokedEverywhere(member.accessToken);
  });

  it('a token sent straight to activity or feed after logout gets 401 TOKEN_REVOKED', async () => {
    const member = await stack.member();
    await warm(member.accessToken);
    await expectData(second, {
      query: 'mutation { logout }',
      headers: bearer(member.accessToken),
    });
    const direct = [
      { url: urls.activity ?? '', query: CREATE_POST },
      { url: urls.feed ?? '', query: UNREAD },
    ];
    for (const { url, query } of direct) {
      const response = await graphql(url, { query, headers: bearer(member.accessToken) });
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.reason).toBe('TOKEN_REVOKED');
      expect(response.body.data ?? null).toBeNull();
    }
  });

  it('logoutAllSessions kills every session of the member at once', async () => {
    const member = await stack.member();
    const other = await loginAgain(member);
    await warm(member.accessToken);
    await warm(other.accessToken);
    const ended = await expectData(second, {
      query: 'mutation { logoutAllSessions }',
      headers: bearer(other.accessToken),
    });
    expect(ended).toEqual({ logoutAllSessions: 2 });
    await expectRevokedEverywhere(member.accessToken);
    await expectRevokedEverywhere(other.accessToken);
  });

  it('changePassword kills the other sessions at once and keeps the current one', async () => {
    const member = await stack.member();
    const other = await loginAgain(member);
    await warm(member.accessToken);
    await warm(other.accessToken);
    await expectData(stack.url, {
      query:
        'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }',
      variables: { c: member.password, n: 'another long passphrase' },
      headers: bearer(member.accessToken),
    });
    await expectRevokedEverywhere(other.accessToken);
    await expectUsable(member.accessToken);
  });

  it('resetPassword kills every session at once', async () => {
    const member = await stack.member();
    await warm(member.accessToken);
    const inbox = stack.members.inbox;
    const seen = inbox.messages.length;
    await expectData(stack.url, {
      query: 'mutation($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: member.email },
    });
    await stack.members.settle();
    const mail = await inbox.waitFor(
      (m) => inbox.messages.indexOf(m) >= seen && m.to.includes(member.email),
    );
    await expectData(second, {
      query: 'mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }',
      variables: { t: tokenFromMail(mail, '/reset-password'), n: 'a reset long passphrase' },
    });
    await expectRevokedEverywhere(member.accessToken);
  });

  it('a reused refresh token kills the family, and its live access token, at once', async () => {
    const member = await stack.member();
    const grace = stack.members.config.sessions.refreshReuseGrace;
    stack.members.config.sessions.refreshReuseGrace = 0;
    try {
      const rotated = (
        await expectData(stack.url, { query: REFRESH, variables: { t: member.refreshToken } })
      ).refreshToken as { accessToken: string };
      await warm(rotated.accessToken);
      // The rotated-away token again, as a thief would send it: the whole session ends.
      const reuse = await graphql(second, {
        query: REFRESH,
        variables: { t: member.refreshToken },
      });
      expect(reuse.body.errors?.[0]?.extensions?.reason).toBe('REFRESH_TOKEN_REUSED');
      await expectRevokedEverywhere(rotated.accessToken);
      await expectRevokedEverywhere(member.accessToken);
    } finally {
      stack.members.config.sessions.refreshReuseGrace = grace;
    }
  });
});
