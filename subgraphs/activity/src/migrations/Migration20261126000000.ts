import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE follows (
      follower_id CHAR(36) NOT NULL,
      followee_id CHAR(36) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (follower_id, followee_id),
      KEY follows_followee (followee_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }
}
