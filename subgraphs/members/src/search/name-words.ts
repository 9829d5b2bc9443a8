import type { EntityManager } from '@mikro-orm/mysql';

/** Words are runs of letters and digits: "Jean-Luc O'Brien" is jean, luc, o, brien. */
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

export function nameWords(displayName: string): string[] {
  return [...new Set(displayName.toLowerCase().split(WORD_SEPARATOR).filter(Boolean))];
}

/**
 * Keeps `user_name_words` in step with the display name, in the caller's transaction (sign-up:
 * `previous` null; profile update: the name before). Rows are deleted and inserted by their
 * primary key only: a DELETE ... WHERE user_id = ? of rows that do not exist yet (a sign-up)
 * takes a gap lock, and two sign-ups inserting into each other's gaps deadlock. INSERT IGNORE:
 * "José" and "Jose" are one word to utf8mb4_unicode_ci, so the second would collide.
 */
export async function replaceNameWords(
  em: EntityManager,
  userId: string,
  displayName: string,
  previous: string | null,
): Promise<void> {
  const next = nameWords(displayName);
  const before = previous === null ? [] : nameWords(previous);
  const gone = before.filter((word) => !next.includes(word));
  const added = next.filter((word) => !before.includes(word));
  if (gone.length > 0)
    await em.execute(
      `DELETE FROM user_name_words WHERE user_id = ? AND word IN (${gone.map(() => '?').join(', ')})`,
      [userId, ...gone],
      'run',
    );
  if (added.length > 0)
    await em.execute(
      `INSERT IGNORE INTO user_name_words (word, user_id) VALUES ${added.map(() => '(?, ?)').join(', ')}`,
      added.flatMap((word) => [word, userId]),
      'run',
    );
}
