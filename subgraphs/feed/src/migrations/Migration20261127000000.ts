import { Migration } from '@mikro-orm/migrations';

// Ids are ASCII UUIDs: ascii_bin keeps the keys small and makes the post-id tiebreak compare
// exactly like JavaScript strings (the keyset cursors rely on that).
const ID = 'CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL';
const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * The feed's own copies of the follow graph and recent posts, the feeds, and event bookkeeping.
 * MySQL commits around DDL, so every step checks before it acts and a re-run finishes the job.
 */
export class Migration20261127000000 extends Migration {
  override async up(): Promise<void> {
    await this.replaceNotificationIndexes();
    // One row per applied event, written in the same transaction as its effects.
    this.addSql(`CREATE TABLE IF NOT EXISTS processed_events (
      event_id ${ID} PRIMARY KEY,
      event_type VARCHAR(40) NOT NULL,
      processed_at DATETIME(3) NOT NULL
    ) ${TABLE}`);
    // Clustered by followee: a fan-out reads one author's followers as one range.
    this.addSql(`CREATE TABLE IF NOT EXISTS follows (
      followee_id ${ID},
      follower_id ${ID},
      PRIMARY KEY (followee_id, follower_id),
      KEY follows_follower (follower_id, followee_id)
    ) ${TABLE}`);
    this.addSql(`CREATE TABLE IF NOT EXISTS follower_counts (
      user_id ${ID} PRIMARY KEY,
      followers INT UNSIGNED NOT NULL
    ) ${TABLE}`);
    // fanned_out = 0 marks posts that live only here and are merged into feeds at read time.
    this.addSql(`CREATE TABLE IF NOT EXISTS author_posts (
      author_id ${ID},
      created_at DATETIME(3) NOT NULL,
      post_id ${ID},
      fanned_out TINYINT(1) NOT NULL,
      PRIMARY KEY (author_id, created_at, post_id),
      UNIQUE KEY author_posts_post (post_id),
      KEY author_posts_merged (author_id, fanned_out, created_at, post_id)
    ) ${TABLE}`);
    // The primary key is the feed's order, so a page is one range scan of the clustered index.
    this.addSql(`CREATE TABLE IF NOT EXISTS feed_entries (
      owner_id ${ID},
      post_created_at DATETIME(3) NOT NULL,
      post_id ${ID},
      author_id ${ID},
      PRIMARY KEY (owner_id, post_created_at, post_id),
      KEY feed_entries_post (post_id),
      KEY feed_entries_owner_author (owner_id, author_id)
    ) ${TABLE}`);
    // An upper bound of each feed's size: trimming runs only where it may exceed the limit.
    this.addSql(`CREATE TABLE IF NOT EXISTS feed_sizes (
      owner_id ${ID} PRIMARY KEY,
      entries_bound INT UNSIGNED NOT NULL
    ) ${TABLE}`);
  }

  // Pages are ordered by (created_at, id); deleting a post finds its notifications by post_id.
  private async replaceNotificationIndexes(): Promise<void> {
    const rows = await this.execute(
      `SELECT DISTINCT index_name AS name FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'notifications'`,
    );
    const existing = new Set(rows.map((row) => String(row.name)));
    if (!existing.has('notifications_recipient_page')) {
      this.addSql(
        'ALTER TABLE notifications ADD KEY notifications_recipient_page (recipient_id, created_at, id)',
      );
    }
    if (!existing.has('notifications_post'))
      this.addSql('ALTER TABLE notifications ADD KEY notifications_post (post_id)');
    if (existing.has('notifications_recipient'))
      this.addSql('ALTER TABLE notifications DROP KEY notifications_recipient');
  }
}
