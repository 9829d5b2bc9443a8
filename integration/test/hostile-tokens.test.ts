import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { expectData, graphql } from '@social/testkit';
import type { TestMember } from '../../subgraphs/members/test/harness';
import { rawPost } from './http';
import { startStack, type TestStack } from './stack';

const ME = '{ me { user { id } } }';
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const es256 = (key: KeyObject) => (input: string) =>
  sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
const hs256 = (secret: string) => (input: string) =>
  createHmac('sha256', secret).update(input).digest('base64url');

function forge(header: object, payload: object, signer: (input: string) => string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${signer(input)}`;
}

/** Hostile tokens sent through the real gateway: each is refused, and the gateway keeps serving. */
describe('hostile access tokens at the gateway', () => {
  let stack: TestStack;
  let member: TestMember;
  let kid: string;
  let claims: Record<string, unknown>;
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  beforeAll(async () => {
    stack = await startStack();
    member = await stack.member();
    const [header, payload] = member.accessToken.split('.');
    kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  });

  afterAll(() => stack.stop());

  const now = () => Math.floor(Date.now() / 1000);
  /** Signed with members' real key: only the header or the claims are wrong. */
  const signedByMembers = (header: object, payload: object) =>
    forge(header, payload, es256(stack.members.keyStore.signing.privateKey));
  const cases: Array<[string, () => string, string]> = [
    [
      'alg none',
      () => `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims)}.`,
      'TOKEN_INVALID',
    ],
    [
      'HS256 signed with the public key as secret',
      () =>
        forge(
          { alg: 'HS256', typ: 'at+jwt', kid },
          claims,
          hs256(
            stack.members.keyStore.signing.publicKey
              .export({ type: 'spki', format: 'pem' })
              .toString(),
          ),
        ),
      'TOKEN_INVALID',
    ],
    [
      'a stranger key under the real kid',
      () => forge({ alg: 'ES256', typ: 'at+jwt', kid }, claims, es256(stranger)),
      'TOKEN_INVALID',
    ],
    [
      'payload swapped under a kept signature',
      () => {
        const [header, , signature] = member.accessToken.split('.');
        return `${header}.${b64({ ...claims, sub: '0190c5a0-0000-7000-8000-0000000000ff' })}.${signature}`;
      },
      'TOKEN_INVALID',
    ],
    [
      'kid path trick',
      () =>
        forge(
          { alg: 'ES256', typ: 'at+jwt', kid: '../../../../etc/passwd' },
          claims,
          es256(stranger),
        ),
      'TOKEN_INVALID',
    ],
    [
      'jku header',
      () =>
        forge(
          { alg: 'ES256', typ: 'at+jwt', kid, jku: 'http://127.0.0.1:1/jwks.json' },
          claims,
          es256(stranger),
        ),
      'TOKEN_INVALID',
    ],
    [
      'x5u header',
      () =>
        forge(
          { alg: 'ES256', typ: 'at+jwt', kid, x5u: 'http://127.0.0.1:1/cert.pem' },
          claims,
          es256(stranger),
        ),
      'TOKEN_INVALID',
    ],
    [
      'embedded jwk header',
      () =>
        forge(
          { alg: 'ES256', typ: 'at+jwt', kid, jwk: stranger.export({ format: 'jwk' }) },
          claims,
          es256(stranger),
        ),
      'TOKEN_INVALID',
    ],
    [
      'expired',
      () =>
        signedByMembers(
          { alg: 'ES256', typ: 'at+jwt', kid },
          { ...claims, iat: now() - 3600, exp: now() - 600 },
        ),
      'TOKEN_EXPIRED',
    ],
    [
      'not yet valid',
      () => signedByMembers({ alg: 'ES256', typ: 'at+jwt', kid }, { ...claims, nbf: now() + 600 }),
      'TOKEN_INVALID',
    ],
    [
      'wrong issuer',
      () =>
        signedByMembers({ alg: 'ES256', typ: 'at+jwt', kid }, { ...claims, iss: 'someone-else' }),
      'TOKEN_INVALID',
    ],
    [
      'wrong audience',
      () =>
        signedByMembers({ alg: 'ES256', typ: 'at+jwt', kid }, { ...claims, aud: 'another-api' }),
      'TOKEN_INVALID',
    ],
    [
      'not a JWT type',
      () => signedByMembers({ alg: 'ES256', typ: 'JWT', kid }, claims),
      'TOKEN_INVALID',
    ],
    ['garbage', () => 'a.b.c', 'TOKEN_INVALID'],
    ['a refresh token used as an access token', () => member.refreshToken, 'TOKEN_INVALID'],
    ['an over-long token', () => `${member.accessToken}${'A'.repeat(5000)}`, 'TOKEN_INVALID'],
  ];

  it.each(cases)('refuses %s with 401', async (_name, make, reason) => {
    const response = await graphql(stack.url, {
      query: ME,
      headers: { authorization: `Bearer ${make()}` },
    });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  });

  it('refuses a header too large for the server without falling over', async () => {
    const response = await rawPost(stack.url, ME, [
      ['Authorization', `Bearer ${randomBytes(40_000).toString('base64url')}`],
    ]);
    expect([401, 431]).toContain(response.status);
  });

  it('keeps serving the real member after all of that', async () => {
    const data = await expectData(stack.url, {
      query: ME,
      headers: { authorization: `Bearer ${member.accessToken}` },
    });
    expect(data).toEqual({ me: { user: { id: member.userId } } });
  });
});
