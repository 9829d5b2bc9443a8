import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Refresh tokens are opaque tokens (shared/opaque-token.ts): 256 bits, stored only as sha256.
 *
 * The grace window must hand the immediate predecessor the session's *current* token, which
 * the database only knows as a hash. Instead of keeping the current token encrypted (a key to
 * manage and leak), rotation derives it:
 *
 *   next = HMAC-SHA256(key = presented token, message = nonce),  nonce = 256 random bits
 *
 * and stores sha256(next), sha256(presented) as the predecessor, and the nonce. Whoever shows
 * the predecessor within the grace window can recompute `next` with the stored nonce; nobody
 * else can: a database reader lacks the predecessor (only its hash is stored), a thief of an
 * old token lacks the nonce. So every token stays unpredictable (256 bits to anyone without
 * both inputs) and nothing stored is enough to mint a usable token.
 */
export function newRotationNonce(): string {
  return randomBytes(32).toString('hex');
}

export function deriveRefreshToken(previous: string, nonceHex: string): string {
  return createHmac('sha256', previous).update(Buffer.from(nonceHex, 'hex')).digest('base64url');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
