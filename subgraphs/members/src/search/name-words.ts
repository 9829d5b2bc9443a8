import type { EntityManager } from '@mikro-orm/mysql';

/** Words are runs of letters and digits: "Jean-Luc O'Brien" is jean, luc, o, brien. */
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

export function nameWords(displayName: string): string[] {
  return [...new Set(displayName.toLowerCase().split(WORD_SEPARATOR).filter(Boolean))];
}

/**
 * Keeps `user_name_words` in step with the display name, in the caller's transaction (sign-up,
 * profile update). INSERT IGNORE: "José" and "Jose" are one word to utf8mb4_unicode_ci, so the
 * second would collide with the primary key.
 */
export async function replaceNameWords(
  em: EntityManager,
  userId: string,
  displayName: string,
): Promise<void> {
  await em.execute('DELETE FROM user_name_words WHERE user_id = ?', [userId], 'run');
  const words = nameWords(displayName);
  if (words.length === 0) return;
  await em.execute(
    `INSERT IGNORE INTO user_name_words (word, user_id) VALUES ${words.map(() => '(?, ?)').join(', ')}`,
    words.flatMap((word) => [word, userId]),
    'run',
  );
}
