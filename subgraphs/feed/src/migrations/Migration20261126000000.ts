import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE notifications (
      id CHAR(36) NOT NULL PRIMARY KEY,
      recipient_id CHAR(36) NOT NULL,
      kind VARCHAR(20) NOT NULL,
      actor_id CHAR(36) NOT NULL,
      post_id CHAR(36) NULL,
      created_at DATETIME(3) NOT NULL,
      read_at DATETIME(3) NULL,
      KEY notifications_recipient (recipient_id, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }
}
