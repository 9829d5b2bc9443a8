import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

const REFRESH_COOKIE = 'refresh_token';

// Scoped to the GraphQL endpoint: the browser sends it with API calls only, never with
// page or asset requests, and SameSite=Strict keeps it off cross-site requests entirely.
const BASE = { httpOnly: true, sameSite: 'strict', path: '/graphql' } as const;

export function setRefreshCookie(
  res: Response,
  token: string,
  expiresAt: Date,
  now: Date,
  secure: boolean,
): void {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000));
  res.append(
    'Set-Cookie',
    stringifySetCookie({ name: REFRESH_COOKIE, value: token, ...BASE, secure, maxAge }),
  );
}

export function clearRefreshCookie(res: Response, secure: boolean): void {
  res.append(
    'Set-Cookie',
    stringifySetCookie({
      name: REFRESH_COOKIE,
      value: '',
      ...BASE,
      secure,
      maxAge: 0,
      expires: new Date(0),
    }),
  );
}

export function readRefreshCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parseCookie(header)[REFRESH_COOKIE] || null;
}

/**
 * Whether this client keeps its refresh token in the cookie (browsers): it presented the
 * token through the cookie, or said so with `x-session-transport: cookie` (the web app sets
 * it on every request). Such a client never gets the token in a response body, so no page
 * script can read it.
 */
export function usesCookieTransport(req: Request, tokenFromCookie: boolean): boolean {
  return tokenFromCookie || req.headers['x-session-transport'] === 'cookie';
}
