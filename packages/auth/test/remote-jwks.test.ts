import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createAccessTokenVerifier,
  remoteJwks,
  signAccessToken,
  type KeyStore,
  type RemoteJwksOptions,
} from '@social/auth';
import { clock, newStore, reasonOf, T0 } from './helpers';

const keyA = newStore();
const keyB = newStore();
const stranger = newStore();

// A real members stand-in: tests change what it answers and count what it was asked.
let answer: { status: number; body: string } | 'hang' | { redirect: string } = {
  status: 200,
  body: '',
};
let hits = 0;
let server: Server;
let url: string;

function publish(...stores: KeyStore[]): void {
  answer = { status: 200, body: JSON.stringify({ keys: stores.flatMap((s) => s.jwks().keys) }) };
}

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    if (answer === 'hang') return; // never answers; the client must time out
    if ('redirect' in answer) {
      res.writeHead(302, { location: answer.redirect }).end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = 0;
  publish(keyA);
});

function setup(options: RemoteJwksOptions = {}) {
  const jwksClock = clock(0);
  const jwks = remoteJwks(url, { now: jwksClock.now, ...options });
  const verifier = createAccessTokenVerifier({ jwks, now: () => T0, cacheSize: 0 });
  return { jwks, verifier, jwksClock };
}

const tokenOf = (store: KeyStore) =>
  signAccessToken(store, {
    sub: `user-of-${store.signing.kid}`,
    sid: 's',
    ttlSeconds: 900,
    now: new Date(T0),
  }).token;

it('prefetches the set once and verifies from it without further requests', async () => {
  const { jwks, verifier } = setup();
  expect(await jwks.prefetch()).toBe(true);
  for (let i = 0; i < 5; i++) await verifier.verify(tokenOf(keyA));
  expect(hits).toBe(1);
  expect(jwks.stats).toMatchObject({ fetches: 1, failures: 0 });
});

it('fetches lazily on the first verify when nobody prefetched', async () => {
  const { verifier } = setup();
  await expect(verifier.verify(tokenOf(keyA))).resolves.toBeDefined();
  expect(hits).toBe(1);
});

it('refetches once for an unknown kid, then not again within the interval', async () => {
  const { jwks, verifier, jwksClock } = setup({ minRefetchIntervalMs: 30_000 });
  await jwks.prefetch();
  jwksClock.advance(31);
  expect(await reasonOf(verifier.verify(tokenOf(stranger)))).toBe('TOKEN_INVALID');
  expect(hits).toBe(2);
  for (let i = 0; i < 10; i++) {
    jwksClock.advance(2);
    expect(await reasonOf(verifier.verify(tokenOf(stranger)))).toBe('TOKEN_INVALID');
  }
  expect(hits).toBe(2);
  jwksClock.advance(10); // 30 s since the last attempt
  expect(await reasonOf(verifier.verify(tokenOf(stranger)))).toBe('TOKEN_INVALID');
  expect(hits).toBe(3);
});

it('lets concurrent misses share one in-flight fetch', async () => {
  const { jwks, verifier, jwksClock } = setup();
  await jwks.prefetch();
  jwksClock.advance(60);
  publish(keyA, keyB);
  const results = await Promise.all(
    Array.from({ length: 20 }, () => verifier.verify(tokenOf(keyB))),
  );
  expect(results).toHaveLength(20);
  expect(hits).toBe(2);
});

it('follows a key rotation: a newly published key verifies, the old key keeps verifying', async () => {
  const { jwks, verifier, jwksClock } = setup();
  await jwks.prefetch();
  await expect(verifier.verify(tokenOf(keyA))).resolves.toBeDefined();
  publish(keyA, keyB); // members publishes B before it starts signing with it
  jwksClock.advance(31);
  await expect(verifier.verify(tokenOf(keyB))).resolves.toBeDefined();
  await expect(verifier.verify(tokenOf(keyA))).resolves.toBeDefined();
  expect(hits).toBe(2);
});

it('drops a withdrawn key after the set grows older than maxAgeMs', async () => {
  const { jwks, verifier, jwksClock } = setup({ maxAgeMs: 600_000 });
  publish(keyA, keyB);
  await jwks.prefetch();
  publish(keyB); // A withdrawn
  jwksClock.advance(601);
  await expect(verifier.verify(tokenOf(keyA))).resolves.toBeDefined(); // served while refreshing in the background
  await jwks.prefetch(); // joins or repeats the refresh; either way the set is now B only
  expect(await reasonOf(verifier.verify(tokenOf(keyA)))).toBe('TOKEN_INVALID');
  await expect(verifier.verify(tokenOf(keyB))).resolves.toBeDefined();
});

describe('a failed fetch keeps the last good set', () => {
  it.each([
    ['HTTP 500', () => void (answer = { status: 500, body: 'boom' })],
    ['not JSON', () => void (answer = { status: 200, body: '<html>' })],
    ['no keys array', () => void (answer = { status: 200, body: '{"keys":"nope"}' })],
    [
      'only unusable keys',
      () =>
        void (answer = {
          status: 200,
          body: JSON.stringify({
            keys: [
              { kty: 'RSA', kid: 'r', n: 'x', e: 'AQAB' },
              { ...keyB.jwks().keys[0], alg: 'HS256' },
            ],
          }),
        }),
    ],
    ['a redirect elsewhere', () => void (answer = { redirect: 'http://127.0.0.1:1/evil.json' })],
  ])('when the server answers %s', async (_, breakServer) => {
    const { jwks, verifier, jwksClock } = setup();
    await jwks.prefetch();
    breakServer();
    jwksClock.advance(31);
    expect(await reasonOf(verifier.verify(tokenOf(keyB)))).toBe('TOKEN_INVALID');
    expect(jwks.stats).toMatchObject({ fetches: 2, failures: 1 });
    expect(jwks.stats.lastError).toBeDefined();
    await expect(verifier.verify(tokenOf(keyA))).resolves.toBeDefined();
    expect(hits).toBe(2);
  });

  it('when the server does not answer within fetchTimeoutMs', async () => {
    const { jwks, verifier, jwksClock } = setup({ fetchTimeoutMs: 100 });
    await jwks.prefetch();
    answer = 'hang';
    jwksClock.advance(31);
    expect(await reasonOf(verifier.verify(tokenOf(keyB)))).toBe('TOKEN_INVALID');
    expect(jwks.stats.failures).toBe(1);
    await expect(verifier.verify(tokenOf(keyA))).resolves.toBeDefined();
  });

  it('when the server is gone, and prefetch reports it without throwing', async () => {
    const jwks = remoteJwks('http://127.0.0.1:1/.well-known/jwks.json', { fetchTimeoutMs: 1000 });
    expect(await jwks.prefetch()).toBe(false);
    expect(jwks.stats).toMatchObject({ fetches: 1, failures: 1 });
    await expect(jwks.getKey(keyA.signing.kid)).resolves.toBeUndefined();
    expect(jwks.stats.fetches).toBe(1); // within the interval: no hammering a down server
  });
});
