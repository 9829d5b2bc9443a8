export { TokenError, type TokenErrorReason } from './errors';
export { ACCESS_TOKEN_ALG, jwkThumbprint, type Jwks, type PublicJwk } from './jwk';
export {
  loadSigningKeys,
  createKeyStore,
  type KeyStore,
  type SigningKey,
  type PublishedKey,
  type LoadSigningKeysOptions,
} from './keys';
export { DEV_KEY_FILE } from './dev-keys';
export {
  signAccessToken,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_TYPE,
  type SignAccessTokenInput,
  type SignedAccessToken,
} from './sign';
export {
  createAccessTokenVerifier,
  type AccessClaims,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type VerifierStats,
} from './verify';
export {
  localJwks,
  remoteJwks,
  type JwksSource,
  type RemoteJwks,
  type RemoteJwksOptions,
  type FetchFn,
} from './jwks';
export { readBearer, type BearerResult } from './bearer';
