import { invalidToken } from './errors';

export type BearerResult = { token: string } | { missing: true };

// RFC 6750 b64token: no spaces and no commas, so a comma can only mean a second credential.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Reads an Authorization header value. Node keeps only the first of duplicate Authorization
 * headers in `req.headers`; pass `req.headersDistinct.authorization` (or a Fetch-style joined
 * value) so duplicates reach this function and are refused instead of silently picked from.
 */
export function readBearer(headerValue: string | string[] | undefined): BearerResult {
  if (Array.isArray(headerValue)) {
    if (headerValue.length > 1) throw invalidToken('duplicate Authorization headers');
    return readBearer(headerValue[0]);
  }
  // Many clients send an empty header when logged out: that is an anonymous request.
  if (headerValue === undefined || headerValue.trim() === '') return { missing: true };
  if (headerValue.includes(',')) throw invalidToken('duplicate Authorization credentials');
  const match = /^\s*(\S+)(?:[ \t]+(.*))?$/.exec(headerValue);
  if (!match || match[1].toLowerCase() !== 'bearer')
    throw invalidToken('Authorization scheme is not Bearer');
  const token = (match[2] ?? '').trim();
  if (token === '') throw invalidToken('empty bearer token');
  if (!B64TOKEN.test(token)) throw invalidToken('bearer token has characters outside b64token');
  return { token };
}
