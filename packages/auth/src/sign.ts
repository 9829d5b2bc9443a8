import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_ALG } from './jwk';
import type { KeyStore } from './keys';

export const ACCESS_TOKEN_ISSUER = 'social-members';
export const ACCESS_TOKEN_AUDIENCE = 'social-api';
/** RFC 9068: marks an access token so a refresh token, ID token or any other JWT is never taken for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface SignAccessTokenInput {
  /** User id. */
  sub: string;
  /** Session id, checked against revocations by the gateway. */
  sid: string;
  ttlSeconds: number;
  issuer?: string;
  audience?: string;
  now?: Date;
}

export interface SignedAccessToken {
  token: string;
  jti: string;
  expiresAt: Date;
}

export function signAccessToken(store: KeyStore, input: SignAccessTokenInput): SignedAccessToken {
  const { sub, sid, ttlSeconds } = input;
  if (typeof sub !== 'string' || sub === '')
    throw new TypeError('signAccessToken: sub must be a non-empty string');
  if (typeof sid !== 'string' || sid === '')
    throw new TypeError('signAccessToken: sid must be a non-empty string');
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError('signAccessToken: ttlSeconds must be a positive integer');
  }
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const exp = iat + ttlSeconds;
  const jti = randomBytes(16).toString('base64url');
  const payload = {
    iss: input.issuer ?? ACCESS_TOKEN_ISSUER,
    aud: input.audience ?? ACCESS_TOKEN_AUDIENCE,
    sub,
    sid,
    iat,
    exp,
    jti,
  };
  const token = jwt.sign(payload, store.signing.privateKey, {
    algorithm: ACCESS_TOKEN_ALG,
    header: { alg: ACCESS_TOKEN_ALG, kid: store.signing.kid, typ: ACCESS_TOKEN_TYPE },
  });
  return { token, jti, expiresAt: new Date(exp * 1000) };
}
