import { expectData, expectError, graphql, type GraphQLRequest } from '@social/testkit';
import type { MembersHarness } from './harness';

export const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id handle }
  }
}`;
export const REFRESH = `mutation($token: String) {
  refreshToken(refreshToken: $token) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id } }
}`;
export const LOGOUT = 'mutation($token: String) { logout(refreshToken: $token) }';
export const ME =
  '{ me { email emailVerified user { id handle displayName greeting avatarUrl } } }';
export const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { verificationEmailSent user { id handle displayName greeting avatarUrl createdAt } }
}`;
export const VERIFY =
  'mutation($token: String!) { verifyEmail(token: $token) { email emailVerified user { id } } }';

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** A distinct client address per test, so per-address budgets never leak between tests. */
export function fromAddress(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

export const data = (h: MembersHarness, request: GraphQLRequest) => expectData(h.url, request);

/** Exactly one error, which must say nothing about internals. */
export async function failure(h: MembersHarness, request: GraphQLRequest) {
  const error = await expectError(h.url, request);
  expectNoInternals(error);
  return error;
}

export function expectNoInternals(error: {
  message: string;
  extensions?: Record<string, unknown>;
}): void {
  expect(error.extensions?.stacktrace).toBeUndefined();
  expect(error.message).not.toMatch(
    /\b(select|insert|update|delete)\b.*\b(from|into|set)\b|sql|\.ts:\d+|at \w+ \(/i,
  );
  expect(JSON.stringify(error.extensions ?? {})).not.toMatch(/sql|stack|\.ts:\d+/i);
}

export function setCookies(response: { headers: Headers }): string[] {
  return response.headers.getSetCookie();
}

/** The refresh_token Set-Cookie of a response, parsed into value and lowercase attributes. */
export function refreshCookie(response: { headers: Headers }) {
  const raw = setCookies(response).find((c) => c.startsWith('refresh_token='));
  if (!raw) throw new Error(`no refresh_token cookie in ${JSON.stringify(setCookies(response))}`);
  const [pair, ...attributes] = raw.split(';').map((part) => part.trim());
  const value = decodeURIComponent((pair ?? '').slice('refresh_token='.length));
  const attrs = new Map(
    attributes.map((a) => {
      const [k, ...v] = a.split('=');
      return [(k ?? '').toLowerCase(), v.join('=')] as const;
    }),
  );
  return { raw, value, attrs };
}

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token.split('.');
  const decode = (part: string | undefined) =>
    JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  return { header: decode(header), payload: decode(payload) };
}

export { graphql };
