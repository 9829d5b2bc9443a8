import { isSessionRevoked } from '@social/kit';
import { signUpAndLogin } from './harness';
import { ME, REFRESH, bearer, data, decodeJwt, failure, graphql, refreshCookie } from './helpers';
import { useMembers } from './use-members';

describe('members: refresh-token rotation', () => {
  const h = useMembers();

  const refresh = (token: string | null, headers?: Record<string, string>) =>
    graphql(h.url, { query: REFRESH, variables: { token }, headers });
  const ancestorCount = async () =>
    Number(
      (
        await h.orm.orm.em
          .getConnection()
          .execute('select count(*) as n from refresh_token_ancestors')
      )[0].n,
    );

  it('rotates: a new refresh token, a new access token for the same session, the same cookie rules', async () => {
    const member = await signUpAndLogin(h);
    h.clock.advance(60);
    const response = await refresh(member.refreshToken);
    const payload = response.body.data.refreshToken;
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.refreshToken).not.toBe(member.refreshToken);
    expect(payload.user).toEqual({ id: member.userId });
    expect(decodeJwt(payload.accessToken).payload.sid).toBe(
      decodeJwt(member.accessToken).payload.sid,
    );
    expect(refreshCookie(response).value).toBe(payload.refreshToken);
    const me = await data(h, { query: ME, headers: bearer(payload.accessToken) });
    expect(me.me.user.id).toBe(member.userId);
  });

  it('takes the refresh token from the cookie when no argument is given', async () => {
    const member = await signUpAndLogin(h);
    const response = await refresh(null, {
      cookie: `theme=dark; refresh_token=${member.refreshToken}`,
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.refreshToken.user.id).toBe(member.userId);
  });

  it('gives the immediate predecessor the current pair within the grace window, without a new branch', async () => {
    const member = await signUpAndLogin(h);
    const first = await data(h, { query: REFRESH, variables: { token: member.refreshToken } });
    h.clock.advance(9);
    const again = await data(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(again.refreshToken.refreshToken).toBe(first.refreshToken.refreshToken);
    expect(await ancestorCount()).toBe(1);
    // The current token still rotates normally afterwards: the family was not branched or revoked.
    const next = await data(h, {
      query: REFRESH,
      variables: { token: first.refreshToken.refreshToken },
    });
    expect(next.refreshToken.refreshToken).not.toBe(first.refreshToken.refreshToken);
  });

  it('revokes the whole family when a rotated token comes back after the grace window', async () => {
    const member = await signUpAndLogin(h);
    const rotated = await data(h, { query: REFRESH, variables: { token: member.refreshToken } });
    h.clock.advance(11);
    const reuse = await failure(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(reuse.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
    const sid = String(decodeJwt(rotated.refreshToken.accessToken).payload.sid);
    expect(await isSessionRevoked(h.redis, sid)).toBe(true);
    const current = await failure(h, {
      query: REFRESH,
      variables: { token: rotated.refreshToken.refreshToken },
    });
    expect(current.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'REFRESH_TOKEN_INVALID',
    });
    const me = await failure(h, { query: ME, headers: bearer(rotated.refreshToken.accessToken) });
    expect(me.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
  });

  it('with REFRESH_REUSE_GRACE=0 any second use is reuse, and an older ancestor is recognised too', async () => {
    h.config.sessions.refreshReuseGrace = 0;
    const member = await signUpAndLogin(h);
    const t1 = (await data(h, { query: REFRESH, variables: { token: member.refreshToken } }))
      .refreshToken.refreshToken;
    await data(h, { query: REFRESH, variables: { token: t1 } });
    const reuse = await failure(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(reuse.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
  });

  it('serialises 20 concurrent refreshes of one token into exactly one rotation', async () => {
    const member = await signUpAndLogin(h);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => refresh(member.refreshToken)),
    );
    for (const response of responses) expect(response.body.errors).toBeUndefined();
    const tokens = new Set(responses.map((r) => r.body.data.refreshToken.refreshToken));
    expect(tokens.size).toBe(1);
    expect(tokens.has(member.refreshToken)).toBe(false);
    expect(await ancestorCount()).toBe(1);
    const sessions = await h.orm.orm.em
      .getConnection()
      .execute('select count(*) as n from sessions');
    expect(Number(sessions[0].n)).toBe(1);
  });

  it('slides the idle lifetime but never past the absolute cap', async () => {
    h.config.sessions.refreshTokenTtl = 1000;
    h.config.sessions.refreshAbsoluteTtl = 2500;
    const member = await signUpAndLogin(h);
    const startedAt = h.clock();
    let token = member.refreshToken;
    const expiries: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      h.clock.advance(900);
      const result = await refresh(token);
      if (result.body.errors) {
        expect(result.body.errors[0]?.extensions).toEqual({
          code: 'UNAUTHENTICATED',
          reason: 'REFRESH_TOKEN_EXPIRED',
        });
        break;
      }
      token = result.body.data.refreshToken.refreshToken;
      expiries.push(Date.parse(result.body.data.refreshToken.refreshTokenExpiresAt) - startedAt);
      expect(Number(refreshCookie(result).attrs.get('max-age'))).toBeLessThanOrEqual(1000);
    }
    // t=900 -> 1900, t=1800 -> capped at 2500, t=2700 -> past the cap: expired.
    expect(expiries.map((ms) => Math.round(ms / 1000))).toEqual([1900, 2500]);
  });

  it('answers REFRESH_TOKEN_EXPIRED once the idle lifetime has passed', async () => {
    const member = await signUpAndLogin(h);
    h.clock.advance(1_209_600 + 1);
    const error = await failure(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_EXPIRED' });
  });

  it.each([
    ['an unknown token', 'A'.repeat(43)],
    ['a malformed token', 'not a token'],
    ['no token at all', null],
  ])('answers REFRESH_TOKEN_INVALID for %s', async (_name, token) => {
    const error = await failure(h, { query: REFRESH, variables: { token } });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_INVALID' });
    expect(error.status).toBe(401);
    expect(error.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('clears a dead cookie so the browser stops sending it', async () => {
    const response = await refresh(null, { cookie: `refresh_token=${'B'.repeat(43)}` });
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
    expect(refreshCookie(response).attrs.get('max-age')).toBe('0');
  });
});
