import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE users (
      id CHAR(36) NOT NULL PRIMARY KEY,
      handle VARCHAR(30) NOT NULL,
      display_name VARCHAR(50) NOT NULL,
      greeting VARCHAR(160) NOT NULL,
      avatar_url VARCHAR(2048) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      UNIQUE KEY users_handle_unique (handle)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }
}
