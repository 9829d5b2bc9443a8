import { Migration } from '@mikro-orm/migrations';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const ID = 'CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL';

/**
 * - member.deleted removes every notification the member caused (their likes, comments and
 *   follows, as seen by others): by actor, so actor_id gets an index.
 * - A large fan-out commits one batch at a time: `pending_fanouts` holds where one stands (the
 *   last follower written), so a crash resumes there (post-effects.ts).
 * - feed_entries loses `feed_entries_owner_author`: every fanned-out row paid a third random
 *   index insert for it, while the one query that used it (unfollow: one owner's entries of one
 *   author) reads the owner's own primary-key range, a feed of at most FEED_MAX_ENTRIES plus
 *   the trim slack.
 * Checks before it acts, so a re-run after a half-applied run finishes the job.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    if (!(await this.hasIndex('notifications', 'notifications_actor')))
      this.addSql('ALTER TABLE notifications ADD KEY notifications_actor (actor_id)');
    this.addSql(`CREATE TABLE IF NOT EXISTS pending_fanouts (
      post_id ${ID} PRIMARY KEY,
      author_id ${ID},
      post_created_at DATETIME(3) NOT NULL,
      after_follower_id ${ID}
    ) ${TABLE}`);
    if (await this.hasIndex('feed_entries', 'feed_entries_owner_author'))
      this.addSql('ALTER TABLE feed_entries DROP KEY feed_entries_owner_author');
  }

  private async hasIndex(table: string, index: string): Promise<boolean> {
    const rows = await this.execute(
      `SELECT 1 FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?`,
      [table, index],
    );
    return rows.length > 0;
  }
}
