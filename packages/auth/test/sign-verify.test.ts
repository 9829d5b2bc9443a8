import { decode } from 'jsonwebtoken';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  createAccessTokenVerifier,
  localJwks,
  signAccessToken,
  TokenError,
} from '@social/auth';
import { newStore, reasonOf, T0, T0_SEC, verifierFor } from './helpers';

const store = newStore();
const mint = (overrides: Partial<Parameters<typeof signAccessToken>[1]> = {}) =>
  signAccessToken(store, {
    sub: 'user-1',
    sid: 'session-1',
    ttlSeconds: 900,
    now: new Date(T0),
    ...overrides,
  });

describe('signAccessToken', () => {
  it('signs ES256 with the kid and the at+jwt type, and every claim', () => {
    const { token, jti, expiresAt } = mint();
    const decoded = decode(token, { complete: true });
    expect(decoded).not.toBeNull();
    const { header, payload } = decoded as NonNullable<typeof decoded>;
    expect(header).toEqual({ alg: 'ES256', kid: store.signing.kid, typ: 'at+jwt' });
    expect(payload).toEqual({
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      sub: 'user-1',
      sid: 'session-1',
      iat: T0_SEC,
      exp: T0_SEC + 900,
      jti,
    });
    expect(expiresAt).toEqual(new Date(T0 + 900_000));
    expect(ACCESS_TOKEN_ISSUER).toBe('social-members');
    expect(ACCESS_TOKEN_AUDIENCE).toBe('social-api');
  });

  it('gives every token its own random jti', () => {
    const ids = new Set(Array.from({ length: 50 }, () => mint().jti));
    expect(ids.size).toBe(50);
  });

  it('refuses empty identities and silly lifetimes', () => {
    expect(() => mint({ sub: '' })).toThrow(/sub/);
    expect(() => mint({ sid: '' })).toThrow(/sid/);
    expect(() => mint({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
    expect(() => mint({ ttlSeconds: 1.5 })).toThrow(/ttlSeconds/);
  });
});

describe('createAccessTokenVerifier', () => {
  it('accepts a fresh token and returns exactly the access claims', async () => {
    const { verifier } = verifierFor(store);
    const { token, jti } = mint();
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'user-1',
      sid: 'session-1',
      jti,
      iat: T0_SEC,
      exp: T0_SEC + 900,
    });
  });

  it('can be passed around as a plain function', async () => {
    const { verify } = verifierFor(store).verifier;
    await expect(verify(mint().token)).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('serves the second verify of a token from the cache, without a key lookup', async () => {
    const { verifier, jwks } = verifierFor(store);
    const { token } = mint();
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual(first);
    expect(verifier.stats).toEqual({ cacheHits: 1, cacheMisses: 1 });
    expect(jwks.asked).toHaveLength(1);
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('refuses a cached token once its exp (plus tolerance) has passed', async () => {
    const { verifier, time } = verifierFor(store, { clockToleranceSeconds: 0 });
    const { token } = mint({ ttlSeconds: 60 });
    await verifier.verify(token);
    time.advance(59);
    await expect(verifier.verify(token)).resolves.toBeDefined();
    time.advance(1);
    const error = await verifier.verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).reason).toBe('TOKEN_EXPIRED');
    expect((error as TokenError).message).toBe('The access token has expired.');
    expect(verifier.stats.cacheHits).toBe(2);
    // Dropped from the cache: the next attempt goes through full verification and still fails.
    expect(await reasonOf(verifier.verify(token))).toBe('TOKEN_EXPIRED');
    expect(verifier.stats.cacheMisses).toBe(2);
  });

  it('keeps a cached token exactly as long as an uncached one with the default tolerance', async () => {
    const { verifier, time } = verifierFor(store);
    const { token } = mint({ ttlSeconds: 60 });
    await verifier.verify(token);
    time.advance(60 + 29);
    await expect(verifier.verify(token)).resolves.toBeDefined();
    time.advance(1);
    expect(await reasonOf(verifier.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('evicts the least recently used entry when full', async () => {
    const { verifier } = verifierFor(store, { cacheSize: 2 });
    const [a, b, c] = [mint().token, mint().token, mint().token];
    await verifier.verify(a);
    await verifier.verify(b);
    await verifier.verify(a); // a is now the most recent
    await verifier.verify(c); // evicts b
    expect(verifier.stats).toEqual({ cacheHits: 1, cacheMisses: 3 });
    await verifier.verify(a);
    await verifier.verify(b);
    expect(verifier.stats).toEqual({ cacheHits: 2, cacheMisses: 4 });
  });

  it('stays bounded and keeps a hot token while many others pass through', async () => {
    const { verifier } = verifierFor(store, { cacheSize: 10 });
    const hot = mint().token;
    const others = Array.from({ length: 100 }, () => mint().token);
    await verifier.verify(hot);
    for (const token of others) {
      await verifier.verify(token);
      await verifier.verify(hot);
    }
    expect(verifier.stats).toEqual({ cacheHits: 100, cacheMisses: 101 });
    for (const token of others.slice(0, 90)) await verifier.verify(token); // long evicted
    expect(verifier.stats.cacheMisses).toBe(191);
  });

  it('never caches a refused token', async () => {
    const { verifier } = verifierFor(store);
    const { token } = mint({ audience: 'someone-else' });
    expect(await reasonOf(verifier.verify(token))).toBe('TOKEN_INVALID');
    expect(await reasonOf(verifier.verify(token))).toBe('TOKEN_INVALID');
    expect(verifier.stats).toEqual({ cacheHits: 0, cacheMisses: 2 });
  });

  it('works with the cache disabled, and clearCache forces a full check', async () => {
    const { verifier } = verifierFor(store, { cacheSize: 0 });
    const { token } = mint();
    await verifier.verify(token);
    await verifier.verify(token);
    expect(verifier.stats).toEqual({ cacheHits: 0, cacheMisses: 2 });
    const cached = verifierFor(store).verifier;
    await cached.verify(token);
    cached.clearCache();
    await cached.verify(token);
    expect(cached.stats).toEqual({ cacheHits: 0, cacheMisses: 2 });
  });

  it('accepts a token from a key published next to the signing key (rotation)', async () => {
    const next = newStore();
    const current = newStore([next.signing.publicKey]);
    const verifier = createAccessTokenVerifier({ jwks: localJwks(current), now: () => T0 });
    const fromNext = signAccessToken(next, {
      sub: 'u',
      sid: 's',
      ttlSeconds: 60,
      now: new Date(T0),
    });
    await expect(verifier.verify(fromNext.token)).resolves.toMatchObject({ sub: 'u' });
  });

  it('refuses a clock tolerance above 30 s and other nonsense options', () => {
    const jwks = localJwks(store);
    expect(() => createAccessTokenVerifier({ jwks, clockToleranceSeconds: 31 })).toThrow(
      RangeError,
    );
    expect(() => createAccessTokenVerifier({ jwks, clockToleranceSeconds: -1 })).toThrow(
      RangeError,
    );
    expect(() => createAccessTokenVerifier({ jwks, maxTokenLength: 0 })).toThrow(RangeError);
    expect(() => createAccessTokenVerifier({ jwks, cacheSize: -1 })).toThrow(RangeError);
  });
});
