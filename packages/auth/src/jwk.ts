import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export const ACCESS_TOKEN_ALG = 'ES256';
/** A kid is an opaque index into the key set: short, URL-safe, never a path or a URL. */
export const KID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A public P-256 key as published in the JWKS. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface Jwks {
  keys: PublicJwk[];
}

/** Refuses anything but a P-256 key, so a misconfigured RSA or P-384 key fails at start, not per request. */
export function assertP256(key: KeyObject, what: string): void {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    throw new Error(
      `${what} must be an EC P-256 key for ES256 (got ${key.asymmetricKeyType ?? key.type}${curve ? ` ${curve}` : ''})`,
    );
  }
}

/** RFC 7638 thumbprint: sha256 over the required members in lexicographic order, no whitespace. */
export function jwkThumbprint(publicKey: KeyObject): string {
  const { crv, x, y } = publicKey.export({ format: 'jwk' });
  const canonical = JSON.stringify({ crv, kty: 'EC', x, y });
  return createHash('sha256').update(canonical).digest('base64url');
}

export function toPublicJwk(publicKey: KeyObject): PublicJwk {
  assertP256(publicKey, 'public key');
  const { x, y } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string' || typeof y !== 'string')
    throw new Error('public key export lacks x/y');
  return {
    kty: 'EC',
    crv: 'P-256',
    x,
    y,
    kid: jwkThumbprint(publicKey),
    alg: ACCESS_TOKEN_ALG,
    use: 'sig',
  };
}

/** Imports only the coordinates, so no extra member of a fetched JWK can change what the key is. */
export function publicKeyFromJwk(jwk: { x: string; y: string }): KeyObject {
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
    format: 'jwk',
  });
  assertP256(key, 'JWK');
  return key;
}
