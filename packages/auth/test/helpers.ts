import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createKeyStore,
  localJwks,
  type AccessTokenVerifierOptions,
  type JwksSource,
  type KeyStore,
} from '@social/auth';

export const T0 = Date.UTC(2030, 0, 1, 12, 0, 0); // a fixed clock: tests move it, never sleep
export const T0_SEC = T0 / 1000;

export function newStore(extraPublicKeys: KeyObject[] = []): KeyStore {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return createKeyStore(privateKey, extraPublicKeys);
}

export function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}

type Signer = (signingInput: string) => string;

export const es256With =
  (privateKey: KeyObject): Signer =>
  (input) =>
    sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString(
      'base64url',
    );

export const hs256With =
  (secret: string | Buffer): Signer =>
  (input) =>
    createHmac('sha256', secret).update(input).digest('base64url');

/** Builds a compact JWS by hand, so tests can put anything in the header and payload. */
export function forge(header: Record<string, unknown>, payload: unknown, signer: Signer): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${signer(input)}`;
}

export function goodClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'social-members',
    aud: 'social-api',
    sub: 'user-1',
    sid: 'session-1',
    iat: T0_SEC,
    exp: T0_SEC + 900,
    jti: 'jti-1',
    ...overrides,
  };
}

/** A JwksSource that records every kid asked for, to prove hostile kids never reach a lookup. */
export function spyJwks(inner: JwksSource): JwksSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getKey: (kid) => {
      asked.push(kid);
      return inner.getKey(kid);
    },
  };
}

export function clock(start = T0): { now: () => number; advance(seconds: number): void } {
  let current = start;
  return { now: () => current, advance: (seconds) => void (current += seconds * 1000) };
}

export function verifierFor(store: KeyStore, options: Partial<AccessTokenVerifierOptions> = {}) {
  const jwks = spyJwks(localJwks(store));
  const time = clock();
  const verifier = createAccessTokenVerifier({ jwks, now: time.now, ...options });
  return { verifier, jwks, time };
}

export async function reasonOf(promise: Promise<unknown>): Promise<string> {
  return (await refusalOf(promise)).reason;
}

/** reason is what a client sees; detail (logs only) pins down which check refused the token. */
export async function refusalOf(
  promise: Promise<unknown>,
): Promise<{ reason: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    const { reason, detail } = error as { reason?: string; detail?: string };
    return reason ? { reason, detail } : { reason: `not a TokenError: ${String(error)}` };
  }
  return { reason: 'ACCEPTED' };
}

/** The shared cast of the hostile-token suites: the real key, a stranger, a spied verifier. */
export function hostileSetup() {
  const store = newStore();
  const realHeader = { alg: 'ES256', kid: store.signing.kid, typ: 'at+jwt' };
  const real = es256With(store.signing.privateKey);
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { verifier, jwks } = verifierFor(store);
  const expectInvalid = async (token: string, detail?: RegExp) => {
    const refusal = await refusalOf(verifier.verify(token));
    expect(refusal.reason).toBe('TOKEN_INVALID');
    if (detail) expect(refusal.detail).toMatch(detail);
  };
  beforeEach(() => {
    jwks.asked.length = 0;
  });
  afterAll(async () => {
    // After every attack the verifier still serves honest callers.
    await expect(verifier.verify(forge(realHeader, goodClaims(), real))).resolves.toMatchObject({
      sub: 'user-1',
    });
  });
  return {
    store,
    kid: store.signing.kid,
    realHeader,
    real,
    stranger,
    verifier,
    jwks,
    expectInvalid,
  };
}
