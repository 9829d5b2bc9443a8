// Hostile tokens, part 1: algorithm, signature, kid and key-carrying headers.
import { generateKeyPairSync } from 'node:crypto';
import { createAccessTokenVerifier, remoteJwks, type FetchFn } from '@social/auth';
import {
  es256With,
  forge,
  goodClaims,
  hostileSetup,
  hs256With,
  refusalOf,
  T0,
  T0_SEC,
} from './helpers';

const { store, kid, realHeader, real, stranger, verifier, jwks, expectInvalid } = hostileSetup();
const publicPem = store.signing.publicKey.export({ format: 'pem', type: 'spki' }) as string;

it('sanity: the forge helper makes a token the verifier accepts', async () => {
  await expect(verifier.verify(forge(realHeader, goodClaims(), real))).resolves.toMatchObject({
    sid: 'session-1',
  });
});

describe('algorithm confusion', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])(
    'refuses alg %s, with or without a signature',
    async (alg) => {
      const unsigned = forge({ ...realHeader, alg }, goodClaims(), () => '');
      await expectInvalid(unsigned);
      await expectInvalid(forge({ ...realHeader, alg }, goodClaims(), real));
      expect(jwks.asked).toEqual([]);
    },
  );

  it('refuses HS256 signed with the public key PEM (and its DER) as the HMAC secret', async () => {
    await expectInvalid(
      forge({ ...realHeader, alg: 'HS256' }, goodClaims(), hs256With(publicPem)),
      /alg not allowed/,
    );
    const der = store.signing.publicKey.export({ format: 'der', type: 'spki' });
    await expectInvalid(forge({ ...realHeader, alg: 'HS256' }, goodClaims(), hs256With(der)));
    expect(jwks.asked).toEqual([]);
  });

  it('refuses RS256, PS256 and ES384 even when correctly signed by their own key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaToken = (await import('jsonwebtoken')).sign(goodClaims(), rsa.privateKey, {
      algorithm: 'RS256',
      header: { alg: 'RS256', kid, typ: 'at+jwt' },
    });
    await expectInvalid(rsaToken);
    await expectInvalid(forge({ ...realHeader, alg: 'PS256' }, goodClaims(), real));
    await expectInvalid(forge({ ...realHeader, alg: 'ES384' }, goodClaims(), real));
    await expectInvalid(forge({ ...realHeader, alg: ['ES256'] }, goodClaims(), real));
  });
});

describe('signature', () => {
  it("refuses a stranger's ES256 key under the real kid", async () => {
    await expectInvalid(
      forge(realHeader, goodClaims(), es256With(stranger.privateKey)),
      /invalid signature/,
    );
  });

  it('refuses a payload swapped under a kept signature', async () => {
    const honest = forge(realHeader, goodClaims(), real).split('.');
    const evil = forge(realHeader, goodClaims({ sub: 'admin' }), real).split('.');
    await expectInvalid([honest[0], evil[1], honest[2]].join('.'), /invalid signature/);
    const longer = forge(
      realHeader,
      goodClaims({ exp: T0_SEC + 10 * 365 * 86400 }),
      es256With(stranger.privateKey),
    );
    await expectInvalid(
      [honest[0], longer.split('.')[1], honest[2]].join('.'),
      /invalid signature/,
    );
  });

  it('refuses an expired token signed by a stranger as invalid, not expired', async () => {
    const token = forge(
      realHeader,
      goodClaims({ exp: T0_SEC - 3600 }),
      es256With(stranger.privateKey),
    );
    await expectInvalid(token, /invalid signature/);
  });
});

describe('kid is only an index', () => {
  it.each([
    ['a path', '../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a URL', 'https://evil.example/.well-known/jwks.json'],
    ['a null byte', `${kid.slice(0, 10)}\u0000.pem`],
    ['too long', 'a'.repeat(65)],
    ['empty', ''],
    ['a number', 7],
    ['an object', { $ne: null }],
  ])('refuses a kid that is %s without looking it up', async (_, badKid) => {
    await expectInvalid(forge({ ...realHeader, kid: badKid }, goodClaims(), real), /kid malformed/);
    expect(jwks.asked).toEqual([]);
  });

  it('refuses a missing kid', async () => {
    await expectInvalid(forge({ alg: 'ES256', typ: 'at+jwt' }, goodClaims(), real));
  });

  it.each(['__proto__', 'constructor', 'toString', 'unknown-kid'])(
    'refuses the well-formed unknown kid %s',
    async (k) => {
      await expectInvalid(forge({ ...realHeader, kid: k }, goodClaims(), real), /unknown kid/);
      expect(jwks.asked).toEqual([k]);
    },
  );
});

describe('key-carrying headers are refused, never followed', () => {
  const fetchSpy = jest.fn<ReturnType<FetchFn>, Parameters<FetchFn>>(async () => ({
    ok: true,
    status: 200,
    text: async () => JSON.stringify(store.jwks()),
  }));
  // minRefetchIntervalMs 0: any key lookup at all would show up as a fetch.
  const remote = remoteJwks('http://members.internal/.well-known/jwks.json', {
    fetchFn: fetchSpy,
    minRefetchIntervalMs: 0,
  });
  const remoteVerifier = createAccessTokenVerifier({ jwks: remote, now: () => T0 });
  const strangerJwk = {
    ...stranger.publicKey.export({ format: 'jwk' }),
    kid,
    alg: 'ES256',
    use: 'sig',
  };

  beforeAll(async () => {
    expect(await remote.prefetch()).toBe(true);
  });

  it.each([
    ['jku', 'https://evil.example/jwks.json'],
    ['x5u', 'https://evil.example/cert.pem'],
    ['jwk', strangerJwk],
    ['x5c', ['MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA']],
    ['crit', ['exp']],
  ])(
    'refuses a %s header, by a stranger or even by the real key, and fetches nothing',
    async (name, value) => {
      for (const signer of [es256With(stranger.privateKey), real]) {
        const token = forge({ ...realHeader, [name]: value }, goodClaims(), signer);
        expect(await refusalOf(remoteVerifier.verify(token))).toEqual({
          reason: 'TOKEN_INVALID',
          detail: `header parameter "${name}" refused`,
        });
      }
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(fetchSpy.mock.calls.map(([url]) => url)).toEqual([
        'http://members.internal/.well-known/jwks.json',
      ]);
    },
  );

  it('still verifies an honest token through the same remote set', async () => {
    await expect(
      remoteVerifier.verify(forge(realHeader, goodClaims(), real)),
    ).resolves.toMatchObject({ sub: 'user-1' });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});
