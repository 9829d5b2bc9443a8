import { isSessionRevoked } from '@social/kit';
import { signUpAndLogin } from './harness';
import {
  LOGIN,
  LOGOUT,
  ME,
  REFRESH,
  bearer,
  data,
  decodeJwt,
  failure,
  graphql,
  refreshCookie,
} from './helpers';
import { useMembers } from './use-members';

describe('members: logout', () => {
  const h = useMembers();

  const sidOf = (accessToken: string) => String(decodeJwt(accessToken).payload.sid);

  it('ends the session: its access token is refused at once and its refresh token is dead', async () => {
    const member = await signUpAndLogin(h);
    await data(h, { query: ME, headers: bearer(member.accessToken) });
    const response = await graphql(h.url, {
      query: LOGOUT,
      variables: { token: member.refreshToken },
      headers: bearer(member.accessToken),
    });
    expect(response.body).toEqual({ data: { logout: true } });
    expect(refreshCookie(response).attrs.get('max-age')).toBe('0');
    expect(await isSessionRevoked(h.redis, sidOf(member.accessToken))).toBe(true);
    const ttl = await h.redis.ttl(`auth:revoked-session:${sidOf(member.accessToken)}`);
    expect(ttl).toBeGreaterThan(900);
    expect(ttl).toBeLessThanOrEqual(960);
    const me = await failure(h, { query: ME, headers: bearer(member.accessToken) });
    expect(me.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    const refresh = await failure(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(refresh.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'REFRESH_TOKEN_INVALID',
    });
  });

  it("ends the session named by the cookie alone, and leaves the member's other sessions alone", async () => {
    const member = await signUpAndLogin(h);
    const other = await data(h, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    const response = await graphql(h.url, {
      query: 'mutation { logout }',
      headers: { cookie: `refresh_token=${member.refreshToken}` },
    });
    expect(response.body).toEqual({ data: { logout: true } });
    expect(await isSessionRevoked(h.redis, sidOf(member.accessToken))).toBe(true);
    expect(await isSessionRevoked(h.redis, sidOf(other.login.accessToken))).toBe(false);
    await data(h, { query: ME, headers: bearer(other.login.accessToken) });
  });

  it('ends the session of the access token when no refresh token comes along', async () => {
    const member = await signUpAndLogin(h);
    expect(
      await data(h, { query: 'mutation { logout }', headers: bearer(member.accessToken) }),
    ).toEqual({ logout: true });
    expect(await isSessionRevoked(h.redis, sidOf(member.accessToken))).toBe(true);
  });

  it('answers false when there is nothing left to end', async () => {
    const member = await signUpAndLogin(h);
    await data(h, { query: LOGOUT, variables: { token: member.refreshToken } });
    expect(await data(h, { query: LOGOUT, variables: { token: member.refreshToken } })).toEqual({
      logout: false,
    });
    expect(await data(h, { query: 'mutation { logout }' })).toEqual({ logout: false });
  });

  it('logoutAllSessions ends every session of the caller and counts them', async () => {
    const member = await signUpAndLogin(h);
    const logins = await Promise.all(
      [1, 2].map(() =>
        data(h, { query: LOGIN, variables: { email: member.email, password: member.password } }),
      ),
    );
    const bystander = await signUpAndLogin(h);
    const ended = await data(h, {
      query: 'mutation { logoutAllSessions }',
      headers: bearer(member.accessToken),
    });
    expect(ended).toEqual({ logoutAllSessions: 3 });
    for (const token of [member.accessToken, ...logins.map((l) => l.login.accessToken)]) {
      const me = await failure(h, { query: ME, headers: bearer(token) });
      expect(me.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    }
    await data(h, { query: ME, headers: bearer(bystander.accessToken) });
  });

  it('logoutAllSessions needs a valid access token', async () => {
    const error = await failure(h, { query: 'mutation { logoutAllSessions }' });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });
});
