import { Migration } from '@mikro-orm/migrations';

/**
 * member.deleted removes the member's comments, found by author: without this index that is a
 * scan of every comment. The deleted members' ids stay as tombstones, so a follow of one that an
 * instance still believes exists (its member cache) is refused. Checks before it acts, so a
 * re-run after a half-applied run finishes.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    const indexes = await this.execute(
      `SELECT 1 FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'comments' AND index_name = 'comments_author'`,
    );
    if (indexes.length === 0)
      this.addSql('ALTER TABLE comments ADD KEY comments_author (author_id, id)');
    // Like and comment counts kept with their rows (post-counts.repository.ts); the backfill
    // sets them from the rows, so a re-run leaves them right.
    this.addSql(`CREATE TABLE IF NOT EXISTS post_counts (
      post_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
      likes INT UNSIGNED NOT NULL DEFAULT 0,
      comments INT UNSIGNED NOT NULL DEFAULT 0
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    this.addSql(`INSERT INTO post_counts (post_id, likes)
      SELECT post_id, COUNT(*) FROM likes GROUP BY post_id
      ON DUPLICATE KEY UPDATE likes = VALUES(likes)`);
    this.addSql(`INSERT INTO post_counts (post_id, comments)
      SELECT post_id, COUNT(*) FROM comments GROUP BY post_id
      ON DUPLICATE KEY UPDATE comments = VALUES(comments)`);
    this.addSql(`CREATE TABLE IF NOT EXISTS deleted_members (
      member_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
      deleted_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }
}
