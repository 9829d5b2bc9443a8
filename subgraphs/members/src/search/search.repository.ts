import type { EntityManager } from '@mikro-orm/mysql';

/** Where a match ranks: the exact handle, then handles starting with the query, then names. */
export const RANK = { exactHandle: 0, handlePrefix: 1, nameWord: 2 } as const;

export interface SearchPosition {
  rank: number;
  handle: string;
}

export interface SearchHit extends SearchPosition {
  userId: string;
}

/** A LIKE prefix pattern that matches the text literally (`_` is a handle character). */
function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * One page of matches in (rank, handle) order after `after`, `limit` rows at most. Both arms
 * are index range scans: `users_handle_unique` for the handle prefix, the primary key
 * (word, user_id) of `user_name_words` for each term (a member matches when every term starts
 * one of their name's words). utf8mb4_unicode_ci makes both case- and accent-insensitive.
 */
export async function findMatches(
  em: EntityManager,
  input: { handle: string | null; terms: string[]; after: SearchPosition | null; limit: number },
): Promise<SearchHit[]> {
  const { handle, terms, after, limit } = input;
  const arms: string[] = [];
  const params: unknown[] = [];
  if (handle) {
    arms.push('SELECT id AS user_id, IF(handle = ?, ?, ?) AS rnk FROM users WHERE handle LIKE ?');
    params.push(handle, RANK.exactHandle, RANK.handlePrefix, prefixPattern(handle));
  }
  if (terms.length > 0) {
    const joins = terms
      .slice(1)
      .map(
        (_, i) =>
          `JOIN user_name_words w${i + 1} ON w${i + 1}.user_id = w0.user_id AND w${i + 1}.word LIKE ?`,
      )
      .join(' ');
    arms.push(
      `SELECT DISTINCT w0.user_id AS user_id, ? AS rnk FROM user_name_words w0 ${joins} WHERE w0.word LIKE ?`,
    );
    params.push(RANK.nameWord, ...terms.slice(1).map(prefixPattern), prefixPattern(terms[0] ?? ''));
  }
  if (arms.length === 0) return [];
  const page = after ? 'HAVING (rnk > ? OR (rnk = ? AND u.handle > ?))' : '';
  if (after) params.push(after.rank, after.rank, after.handle);
  params.push(limit);
  const rows = await em.execute<Array<{ id: string; handle: string; rnk: number | string }>>(
    `SELECT u.id, u.handle, MIN(m.rnk) AS rnk FROM (${arms.join(' UNION ALL ')}) m
     JOIN users u ON u.id = m.user_id
     GROUP BY u.id, u.handle ${page}
     ORDER BY rnk, u.handle LIMIT ?`,
    params,
  );
  return rows.map((row) => ({ userId: row.id, handle: row.handle, rank: Number(row.rnk) }));
}
