// Hostile tokens, part 2: time, claims, token type, garbage and size.
import { randomBytes } from 'node:crypto';
import { signAccessToken } from '@social/auth';
import { forge, goodClaims, hostileSetup, reasonOf, T0, T0_SEC } from './helpers';

const { store, realHeader, real, verifier, jwks, expectInvalid } = hostileSetup();

describe('time', () => {
  it('refuses a token expired beyond the 30 s tolerance as TOKEN_EXPIRED', async () => {
    const token = forge(realHeader, goodClaims({ iat: T0_SEC - 931, exp: T0_SEC - 31 }), real);
    expect(await reasonOf(verifier.verify(token))).toBe('TOKEN_EXPIRED');
    const minted = signAccessToken(store, {
      sub: 'u',
      sid: 's',
      ttlSeconds: 900,
      now: new Date(T0 - 931_000),
    });
    expect(await reasonOf(verifier.verify(minted.token))).toBe('TOKEN_EXPIRED');
  });

  it('accepts a token expired within the tolerance', async () => {
    const minted = signAccessToken(store, {
      sub: 'u',
      sid: 's',
      ttlSeconds: 900,
      now: new Date(T0 - 910_000),
    });
    await expect(verifier.verify(minted.token)).resolves.toMatchObject({ sub: 'u' });
  });

  it('refuses a token that is not yet valid (nbf in the future), accepts nbf within tolerance', async () => {
    await expectInvalid(forge(realHeader, goodClaims({ nbf: T0_SEC + 120 }), real), /not active/);
    await expectInvalid(forge(realHeader, goodClaims({ nbf: 'now' }), real));
    await expect(
      verifier.verify(forge(realHeader, goodClaims({ nbf: T0_SEC + 20 }), real)),
    ).resolves.toBeDefined();
  });

  it('refuses a token without exp, or with a non-numeric exp', async () => {
    await expectInvalid(forge(realHeader, goodClaims({ exp: undefined }), real), /exp missing/);
    await expectInvalid(forge(realHeader, goodClaims({ exp: `${T0_SEC + 900}` }), real));
  });
});

describe('claims', () => {
  it.each([
    ['wrong iss', { iss: 'social-evil' }, /issuer/],
    ['missing iss', { iss: undefined }, /issuer/],
    ['wrong aud', { aud: 'social-admin' }, /audience/],
    ['missing aud', { aud: undefined }, /audience/],
    ['missing sid', { sid: undefined }, /sid missing/],
    ['empty sid', { sid: '' }, /sid missing/],
    ['numeric sid', { sid: 42 }, /sid missing/],
    ['missing sub', { sub: undefined }, /sub missing/],
    ['empty sub', { sub: '' }, /sub missing/],
    ['missing jti', { jti: undefined }, /jti missing/],
    ['missing iat', { iat: undefined }, /iat missing/],
  ])('refuses %s', async (_, overrides, detail) => {
    await expectInvalid(forge(realHeader, goodClaims(overrides), real), detail);
  });

  it('refuses wrong iss and aud minted by the real signer', async () => {
    const base = { sub: 'u', sid: 's', ttlSeconds: 60, now: new Date(T0) };
    await expectInvalid(signAccessToken(store, { ...base, issuer: 'social-evil' }).token);
    await expectInvalid(signAccessToken(store, { ...base, audience: 'social-admin' }).token);
  });

  it('refuses a payload that is not a JSON object', async () => {
    await expectInvalid(forge(realHeader, 'not json', real));
    await expectInvalid(forge(realHeader, [goodClaims()], real));
    await expectInvalid(forge(realHeader, null, real));
  });
});

describe('token type', () => {
  it.each([
    ['missing', undefined],
    ['JWT', 'JWT'],
    ['refresh', 'rt+jwt'],
    ['id token', 'id_token+jwt'],
  ])('refuses typ %s', async (_, typ) => {
    await expectInvalid(forge({ ...realHeader, typ }, goodClaims(), real), /typ/);
  });

  it('accepts the RFC 9068 long form application/at+jwt', async () => {
    await expect(
      verifier.verify(forge({ ...realHeader, typ: 'application/at+jwt' }, goodClaims(), real)),
    ).resolves.toBeDefined();
  });

  it('refuses an opaque refresh token used as an access token', async () => {
    await expectInvalid(randomBytes(64).toString('base64url'));
    await expectInvalid(randomBytes(32).toString('hex'));
    await expectInvalid(randomBytes(32).toString('base64url'));
    expect(jwks.asked).toEqual([]);
  });
});

describe('garbage and size', () => {
  it.each([
    '',
    ' ',
    'null',
    'undefined',
    'Bearer x',
    '.',
    '..',
    '...',
    'a.b',
    'a.b.c',
    'a.b.c.d',
    'a.b.c.d.e',
    '%%%.%%%.%%%',
    'eyJ.eyJ.eyJ',
    `${Buffer.from('{"alg":"ES256"').toString('base64url')}.e30.AA`,
    `${Buffer.from('"ES256"').toString('base64url')}.e30.AA`,
    `${Buffer.from('[]').toString('base64url')}.e30.AA`,
    '\u0000\u0001\u0002',
    '🔑.🔑.🔑',
  ])('refuses %j', async (garbage) => {
    await expectInvalid(garbage);
  });

  it.each([undefined, null, 42, {}, ['a.b.c']])('refuses the non-string %j', async (value) => {
    await expectInvalid(value as unknown as string);
  });

  it('refuses a 100 KB token before parsing it, even a correctly signed one', async () => {
    await expectInvalid('a'.repeat(100 * 1024), /too long/);
    const huge = forge(realHeader, goodClaims({ pad: 'x'.repeat(100 * 1024) }), real);
    const hugeHeader = forge({ ...realHeader, pad: 'x'.repeat(100 * 1024) }, goodClaims(), real);
    await expectInvalid(huge, /too long/);
    await expectInvalid(hugeHeader, /too long/);
    expect(jwks.asked).toEqual([]);
    expect(verifier.stats.cacheMisses).toBeGreaterThan(0);
  });
});
