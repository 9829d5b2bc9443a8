import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { loadDevSigningKey } from './dev-keys';
import { assertP256, toPublicJwk, type Jwks, type PublicJwk } from './jwk';

export interface PublishedKey {
  kid: string;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

export interface SigningKey extends PublishedKey {
  privateKey: KeyObject;
}

export interface KeyStore {
  /** The one key that signs new tokens. */
  readonly signing: SigningKey;
  /** Every key a verifier should accept: the signing key first, then the extra published ones. */
  readonly published: readonly PublishedKey[];
  jwks(): Jwks;
}

/** Parsed configuration of the keys (the service's env.ts reads the variables; nothing here does). */
export interface LoadSigningKeysOptions {
  production: boolean;
  /** Where development keys live (callers pass `<repo>/.dev/keys`); required outside production. */
  devKeyDir?: string;
  /** Production: JWT_SIGNING_KEY, the PKCS8 PEM of the P-256 key that signs access tokens. */
  signingKeyPem?: string;
  /** Production: JWT_PUBLISHED_KEYS, extra SPKI PEMs published next to the signing key (rotation). */
  publishedKeysPem?: string;
}

const PEM_PUBLIC_KEY = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/**
 * Production keys come only from the given PEMs: a missing key is a hard error, never a
 * fallback secret. Development keys are generated once into devKeyDir and reused.
 */
export function loadSigningKeys(options: LoadSigningKeysOptions): KeyStore {
  if (!options.production) {
    if (!options.devKeyDir)
      throw new Error('loadSigningKeys: devKeyDir is required outside production');
    return createKeyStore(loadDevSigningKey(options.devKeyDir), []);
  }
  const privatePem = options.signingKeyPem;
  if (!privatePem || privatePem.trim() === '') {
    throw new Error(
      'JWT_SIGNING_KEY is not set: in production the access-token signing key (EC P-256, PKCS8 PEM) must come from the environment',
    );
  }
  const privateKey = parsePrivateKey(privatePem);
  return createKeyStore(privateKey, parsePublishedKeys(options.publishedKeysPem));
}

/** Builds a store from keys already in memory (tests, tools, key-rotation scripts). */
export function createKeyStore(
  privateKey: KeyObject,
  extraPublicKeys: readonly KeyObject[] = [],
): KeyStore {
  assertP256(privateKey, 'signing key');
  const signingPublic = createPublicKey(privateKey);
  const signingJwk = toPublicJwk(signingPublic);
  const signing: SigningKey = {
    kid: signingJwk.kid,
    privateKey,
    publicKey: signingPublic,
    jwk: signingJwk,
  };
  const published: PublishedKey[] = [signing];
  for (const publicKey of extraPublicKeys) {
    const jwk = toPublicJwk(publicKey);
    // The signing key may also be listed in JWT_PUBLISHED_KEYS during a rotation; publish it once.
    if (!published.some((k) => k.kid === jwk.kid)) published.push({ kid: jwk.kid, publicKey, jwk });
  }
  const frozen = Object.freeze(
    published.map((k) => ({ kid: k.kid, publicKey: k.publicKey, jwk: k.jwk })),
  );
  return {
    signing,
    published: frozen,
    jwks: () => ({ keys: frozen.map((k) => ({ ...k.jwk })) }),
  };
}

/** Env files and secret stores often carry PEMs on one line with literal `\n`. */
function unescapeNewlines(value: string): string {
  return value.replace(/\\n/g, '\n').trim();
}

function parsePrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: unescapeNewlines(pem), format: 'pem' });
  } catch {
    // Never echo the value: it is a secret.
    throw new Error(
      'JWT_SIGNING_KEY is not a valid PEM private key (expected a PKCS8 PEM of a P-256 key)',
    );
  }
  assertP256(key, 'JWT_SIGNING_KEY');
  return key;
}

function parsePublishedKeys(value: string | undefined): KeyObject[] {
  if (!value || value.trim() === '') return [];
  const pems = unescapeNewlines(value).match(PEM_PUBLIC_KEY);
  if (!pems) throw new Error('JWT_PUBLISHED_KEYS is set but holds no "BEGIN PUBLIC KEY" PEM block');
  return pems.map((pem, index) => {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: pem, format: 'pem' });
    } catch {
      throw new Error(`JWT_PUBLISHED_KEYS: PEM block ${index + 1} is not a valid SPKI public key`);
    }
    assertP256(key, `JWT_PUBLISHED_KEYS block ${index + 1}`);
    return key;
  });
}
