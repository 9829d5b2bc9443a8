import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isSessionRevoked } from '@social/kit';
import { DEFAULT_PASSWORD, signUpAndLogin } from './harness';
import {
  LOGIN,
  ME,
  SIGN_UP,
  bearer,
  data,
  decodeJwt,
  failure,
  graphql,
  refreshCookie,
} from './helpers';
import { useMembers } from './use-members';

describe('members: login and access tokens', () => {
  const h = useMembers();

  it('logs a verified member in with an ES256 access token carrying every claim', async () => {
    const before = Math.floor(h.clock() / 1000);
    const member = await signUpAndLogin(h, { handle: 'ada' });
    const after = Math.floor(h.clock() / 1000);
    const { header, payload } = decodeJwt(member.accessToken);
    expect(header).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: h.keyStore.signing.kid });
    expect(payload).toEqual({
      iss: 'social-members',
      aud: 'social-api',
      sub: member.userId,
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: expect.any(Number),
      exp: (payload.iat as number) + 900,
      jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
    // Issued at the server's clock during the login, to the second.
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.iat).toBeLessThanOrEqual(after);
    expect(member.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('publishes the verifying key at /.well-known/jwks.json with a five-minute cache', async () => {
    const member = await signUpAndLogin(h);
    const response = await fetch(`${h.baseUrl}/.well-known/jwks.json`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toEqual([
      expect.objectContaining({
        kty: 'EC',
        crv: 'P-256',
        alg: 'ES256',
        use: 'sig',
        kid: h.keyStore.signing.kid,
      }),
    ]);
    const key = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
    expect(jwt.verify(member.accessToken, key, { algorithms: ['ES256'] })).toMatchObject({
      sub: member.userId,
    });
  });

  it('sets the refresh token as an httpOnly, SameSite=Strict cookie on /graphql for the session lifetime', async () => {
    const member = await signUpAndLogin(h);
    const response = await graphql(h.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    const cookie = refreshCookie(response);
    expect(cookie.value).toBe(response.body.data.login.refreshToken);
    expect(cookie.attrs.has('httponly')).toBe(true);
    expect(cookie.attrs.get('samesite')).toBe('Strict');
    expect(cookie.attrs.get('path')).toBe('/graphql');
    expect(cookie.attrs.get('max-age')).toBe(String(1_209_600));
    expect(cookie.attrs.has('secure')).toBe(false);
  });

  it('marks the cookie Secure outside development and test', async () => {
    h.config.sessions.secureCookies = true;
    const member = await signUpAndLogin(h);
    const response = await graphql(h.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    expect(refreshCookie(response).attrs.has('secure')).toBe(true);
  });

  it('accepts the email in any case', async () => {
    const member = await signUpAndLogin(h);
    const result = await data(h, {
      query: LOGIN,
      variables: { email: `  ${member.email.toUpperCase()} `, password: member.password },
    });
    expect(result.login.user.id).toBe(member.userId);
  });

  it('answers an unknown email and a wrong password with the same error and message', async () => {
    const member = await signUpAndLogin(h);
    const unknown = await failure(h, {
      query: LOGIN,
      variables: { email: 'nobody@example.test', password: DEFAULT_PASSWORD },
    });
    const wrong = await failure(h, {
      query: LOGIN,
      variables: { email: member.email, password: 'wrong password here' },
    });
    expect(unknown.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    expect(wrong.extensions).toEqual(unknown.extensions);
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.status).toBe(200);
  });

  it('refuses an unverified account with EMAIL_NOT_VERIFIED, but only given the right password', async () => {
    const input = {
      email: 'new@example.test',
      password: DEFAULT_PASSWORD,
      handle: 'newbie',
      displayName: 'New',
    };
    await data(h, { query: SIGN_UP, variables: { input } });
    const right = await failure(h, {
      query: LOGIN,
      variables: { email: input.email, password: input.password },
    });
    expect(right.extensions).toEqual({ code: 'EMAIL_NOT_VERIFIED' });
    const wrong = await failure(h, {
      query: LOGIN,
      variables: { email: input.email, password: 'not the password' },
    });
    expect(wrong.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
  });

  it('answers me with the account of the access token', async () => {
    const member = await signUpAndLogin(h, { handle: 'grace', displayName: 'Grace Hopper' });
    const result = await data(h, { query: ME, headers: bearer(member.accessToken) });
    expect(result.me).toEqual({
      email: member.email,
      emailVerified: true,
      user: {
        id: member.userId,
        handle: 'grace',
        displayName: 'Grace Hopper',
        greeting: "Hi, I'm Grace Hopper!",
        avatarUrl: `http://localhost:4000/avatars/${member.userId}.svg`,
      },
    });
  });

  it.each([
    ['no token', {}, 'TOKEN_MISSING'],
    ['a garbage token', bearer('garbage.token.here'), 'TOKEN_INVALID'],
    ['a non-bearer scheme', { authorization: 'Basic YWRhOnB3' }, 'TOKEN_INVALID'],
    [
      'only a forged identity header',
      { 'x-user-id': '0190c5a0-0000-7000-8000-000000000001' },
      'TOKEN_MISSING',
    ],
  ])('refuses me with %s', async (_name, headers, reason) => {
    const error = await failure(h, { query: ME, headers });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  });

  it('refuses me with an expired access token as TOKEN_EXPIRED', async () => {
    const member = await signUpAndLogin(h);
    h.clock.advance(900 + 31);
    const error = await failure(h, { query: ME, headers: bearer(member.accessToken) });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
  });

  it('refuses a token signed by another key under the real kid', async () => {
    const member = await signUpAndLogin(h);
    const { generateKeyPairSync } = await import('node:crypto');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const { payload } = decodeJwt(member.accessToken);
    const forged = jwt.sign(payload, stranger, {
      algorithm: 'ES256',
      header: { alg: 'ES256', kid: h.keyStore.signing.kid, typ: 'at+jwt' },
    });
    const error = await failure(h, { query: ME, headers: bearer(forged) });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
    expect(await isSessionRevoked(h.redis, String(payload.sid))).toBe(false);
  });
});
