import { invalidToken } from './errors';
import { ACCESS_TOKEN_ALG, KID_PATTERN } from './jwk';

export interface AccessTokenHeader {
  alg: 'ES256';
  kid: string;
  typ: string;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
// An allow-list, not a deny-list: jwk, jku, x5u, x5c, x5t, crit, b64 and anything invented
// later are refused rather than followed or half-understood.
const ALLOWED_HEADER_PARAMS = new Set(['alg', 'kid', 'typ']);
const ACCESS_TYPES = new Set(['at+jwt', 'application/at+jwt']);

/**
 * Reads and judges the JOSE header ourselves, before any key lookup or signature check, so
 * that nothing a token says can choose the algorithm, the key material or a URL to fetch.
 */
export function readAccessTokenHeader(token: string): AccessTokenHeader {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) {
    throw invalidToken('not a compact JWS with three base64url segments');
  }
  const header = decodeJsonObject(parts[0]);
  for (const name of Object.keys(header)) {
    if (!ALLOWED_HEADER_PARAMS.has(name)) throw invalidToken(`header parameter "${name}" refused`);
  }
  if (header.alg !== ACCESS_TOKEN_ALG) throw invalidToken('alg not allowed');
  // Media types compare case-insensitively (RFC 7515 4.1.9); RFC 9068 allows both spellings.
  if (typeof header.typ !== 'string' || !ACCESS_TYPES.has(header.typ.toLowerCase())) {
    throw invalidToken('typ is not at+jwt');
  }
  if (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid))
    throw invalidToken('kid malformed');
  return { alg: ACCESS_TOKEN_ALG, kid: header.kid, typ: header.typ };
}

function decodeJsonObject(segment: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken('header is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidToken('header is not a JSON object');
  }
  return value as Record<string, unknown>;
}
