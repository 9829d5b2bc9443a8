import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions remember the device and network that last used them (the sessions list); the
 * columns are nullable because sessions from before this migration never recorded them.
 * An email-change token carries the address it moves the account to: only the link, mailed
 * to that address, changes the email, so the pending address waits next to its token.
 */
export class Migration20261203000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE sessions
      ADD COLUMN IF NOT EXISTS device VARCHAR(64) NULL,
      ADD COLUMN IF NOT EXISTS address VARCHAR(64) NULL`);
    this.addSql('ALTER TABLE one_time_tokens ADD COLUMN IF NOT EXISTS new_email VARCHAR(254) NULL');
    // searchUsers by display-name words: one row per word of a member's display name, its
    // primary key a range index on the word, so "every name with a word starting with q" is
    // a prefix scan (utf8mb4_unicode_ci: case- and accent-insensitive). A table rather than
    // FULLTEXT: InnoDB's full-text index drops words under innodb_ft_min_token_size (3) and
    // its stopwords, and ignores the collation, so "Al", "Zoë"/"zoe" would not be found.
    // Run at once (not queued like addSql): the backfill below needs the table.
    await this.execute(`CREATE TABLE IF NOT EXISTS user_name_words (
      word VARCHAR(50) NOT NULL,
      user_id CHAR(36) NOT NULL,
      PRIMARY KEY (word, user_id),
      KEY user_name_words_user_index (user_id),
      CONSTRAINT user_name_words_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Existing members' words, split as search/name-words.ts splits them (frozen here).
    const users = await this.execute('SELECT id, display_name FROM users');
    const rows = users.flatMap((user) =>
      [
        ...new Set(
          String(user.display_name)
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u),
        ),
      ]
        .filter(Boolean)
        .map((word) => [word, String(user.id)]),
    );
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      await this.execute(
        `INSERT IGNORE INTO user_name_words (word, user_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flat(),
      );
    }
  }
}
