import type { EntityManager } from '@mikro-orm/mysql';
import { OPAQUE_TOKEN_PATTERN, hashToken, newOpaqueToken } from '../shared/opaque-token';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

interface RunResult {
  affectedRows?: number;
}

/**
 * Email-verification, password-reset and email-change tokens: random, stored as sha256, one
 * live token per user and purpose. Issuing upserts on (user_id, purpose), so a new token
 * replaces the old in one statement. `newEmail` is the pending address of a change_email token.
 */
export async function issueToken(
  em: EntityManager,
  userId: string,
  purpose: TokenPurpose,
  now: Date,
  ttlSeconds: number,
  newEmail: string | null = null,
): Promise<string> {
  const token = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await em.execute(
    `INSERT INTO one_time_tokens (user_id, purpose, token_hash, expires_at, created_at, new_email) VALUES (?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), expires_at = VALUES(expires_at), created_at = VALUES(created_at), new_email = VALUES(new_email)`,
    [userId, purpose, hashToken(token), expiresAt, now, newEmail],
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
  return (await consumeTokenRow(em, token, purpose, now))?.userId ?? null;
}

/** consumeToken for a change_email token: its user and the address it moves them to. */
export async function consumeEmailChangeToken(
  em: EntityManager,
  token: string,
  now: Date,
): Promise<{ userId: string; newEmail: string } | null> {
  const row = await consumeTokenRow(em, token, 'change_email', now);
  return row?.newEmail ? { userId: row.userId, newEmail: row.newEmail } : null;
}

async function consumeTokenRow(
  em: EntityManager,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<{ userId: string; newEmail: string | null } | null> {
  if (!OPAQUE_TOKEN_PATTERN.test(token)) return null;
  const hash = hashToken(token);
  const rows = await em.execute<Array<{ user_id: string; new_email: string | null }>>(
    'SELECT user_id, new_email FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ?',
    [hash, purpose, now],
  );
  const row = rows[0];
  if (!row) return null;
  const result = await em.execute<RunResult>(
    'DELETE FROM one_time_tokens WHERE token_hash = ? AND purpose = ? AND user_id = ? AND expires_at > ?',
    [hash, purpose, row.user_id, now],
    'run',
  );
  return result.affectedRows === 1 ? { userId: row.user_id, newEmail: row.new_email } : null;
}
