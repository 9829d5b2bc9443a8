import type { EntityManager } from '@mikro-orm/mysql';

/** One bounded DELETE of the sweep; returns how many rows it removed. */
export type SweepBatch = (em: EntityManager, cutoff: Date, limit: number) => Promise<number>;

async function deleteBatch(em: EntityManager, sql: string, cutoff: Date, limit: number) {
  const result = await em.execute<{ affectedRows?: number }>(
    `${sql} LIMIT ${limit}`,
    [cutoff],
    'run',
  );
  return result.affectedRows ?? 0;
}

/** Sessions idle past `cutoff`; their ancestors cascade. */
export const deleteIdleSessions: SweepBatch = (em, cutoff, limit) =>
  deleteBatch(em, 'DELETE FROM sessions WHERE idle_expires_at < ?', cutoff, limit);

export const deleteRevokedSessions: SweepBatch = (em, cutoff, limit) =>
  deleteBatch(em, 'DELETE FROM sessions WHERE revoked_at < ?', cutoff, limit);

export const deleteExpiredTokens: SweepBatch = (em, cutoff, limit) =>
  deleteBatch(em, 'DELETE FROM one_time_tokens WHERE expires_at < ?', cutoff, limit);
