import { Migration } from '@mikro-orm/migrations';
import { outboxTableDdl } from '@social/kit/outbox';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
// Ids compare byte-wise: keyset cursors and JavaScript must agree on their order.
const ID = 'CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL';

/** Posts, likes, comments and the transactional outbox. Re-runnable: DDL commits on its own in MySQL. */
export class Migration20261127000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE follows
      MODIFY follower_id ${ID},
      MODIFY followee_id ${ID},
      ADD KEY IF NOT EXISTS follows_follower (follower_id, created_at)`);
    this.addSql(`CREATE TABLE IF NOT EXISTS posts (
      id ${ID} PRIMARY KEY,
      author_id ${ID},
      body TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      edited_at DATETIME(3) NULL,
      deleted_at DATETIME(3) NULL,
      KEY posts_author (author_id, created_at, id)
    ) ${TABLE}`);
    this.addSql(`CREATE TABLE IF NOT EXISTS likes (
      post_id ${ID},
      user_id ${ID},
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (post_id, user_id),
      KEY likes_user (user_id, post_id)
    ) ${TABLE}`);
    this.addSql(`CREATE TABLE IF NOT EXISTS comments (
      id ${ID} PRIMARY KEY,
      post_id ${ID},
      author_id ${ID},
      body TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      KEY comments_post (post_id, created_at, id)
    ) ${TABLE}`);
    this.addSql(outboxTableDdl({ idType: ID, tableOptions: TABLE }));
  }
}
