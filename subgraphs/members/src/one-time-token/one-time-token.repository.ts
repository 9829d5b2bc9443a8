import type { EntityManager } from '@mikro-orm/mysql';
import { OPAQUE_TOKEN_PATTERN, hashToken, newOpaqueToken } from '../shared/opaque-token';

export type TokenPurpose = 'verify_email' | 'reset_password';

interface RunResult {
  affectedRows?: number;
}

/**
 * Email-verification and password-reset tokens: random, stored as sha256, one live token per
 * user and purpose. Issuing upserts on (user_id, purpose), so a new token replaces the old in
 * one statement.
 */
export async function issueToken(
  em: EntityManager,
  userId: string,
  purpose: TokenPurpose,
  now: Date,
  ttlSeconds: number,
): Promise<string> {
  const token = newOpaqueToken();
  await em.execute(
    `INSERT INTO one_time_tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), expires_at = VALUES(expires_at), created_at = VALUES(created_at)`,
    [userId, purpose, hashToken(token), new Date(now.getTime() + ttlSeconds * 1000), now],
    'run',
  );
  return token;
}

/**
 * Consumes a token: returns its user id, or null when unknown, expired, used or replaced.
 * The DELETE is the decision: of concurrent uses only the one whose DELETE removes the row
 * (affectedRows = 1) wins, the others wait on the row lock and then find nothing. Call it
 * inside the transaction that applies the token's effect, so a failure later gives it back.
 */
export async function consumeToken(
  em: EntityManager,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string | null> {
  if (!OPAQUE_TOKEN_PATTERN.test(token)) return null;
  const hash = hashToken(token);
  const rows = await em.execute<Array<{ user_id: string }>>(
    'SELECT user_id FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ?',
    [hash, purpose, now],
  );
  const userId = rows[0]?.user_id;
  if (!userId) return null;
  const result = await em.execute<RunResult>(
    'DELETE FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND user_id = ? AND expires_at > ?',
    [hash, purpose, userId, now],
    'run',
  );
  return result.affectedRows === 1 ? userId : null;
}
