import { createHash, randomBytes } from 'node:crypto';

/** Refresh, verification and reset tokens alike: 256 random bits, base64url (43 characters). */
export const OPAQUE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as this hash: a database reader cannot present one. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
