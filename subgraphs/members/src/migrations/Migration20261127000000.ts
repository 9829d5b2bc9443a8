import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts, sessions and one-time tokens. Token hashes are hex sha256 in ascii_bin columns:
 * compared byte for byte, half the index size of utf8mb4.
 */
export class Migration20261127000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE users
      ADD COLUMN email VARCHAR(254) NOT NULL,
      ADD COLUMN password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      ADD COLUMN email_verified_at DATETIME(3) NULL,
      MODIFY avatar_url VARCHAR(2048) NULL,
      ADD UNIQUE KEY users_email_unique (email)`);
    this.addSql(`CREATE TABLE sessions (
      id CHAR(36) NOT NULL PRIMARY KEY,
      user_id CHAR(36) NOT NULL,
      refresh_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      prev_refresh_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
      rotation_nonce CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
      rotated_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      last_used_at DATETIME(3) NOT NULL,
      idle_expires_at DATETIME(3) NOT NULL,
      absolute_expires_at DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      revoked_reason VARCHAR(32) NULL,
      UNIQUE KEY sessions_refresh_hash_unique (refresh_hash),
      KEY sessions_prev_refresh_hash_index (prev_refresh_hash),
      KEY sessions_user_id_index (user_id),
      KEY sessions_absolute_expires_at_index (absolute_expires_at),
      KEY sessions_idle_expires_at_index (idle_expires_at),
      CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Every refresh token a session has rotated away from: presenting one is theft evidence.
    this.addSql(`CREATE TABLE refresh_token_ancestors (
      token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
      session_id CHAR(36) NOT NULL,
      KEY refresh_token_ancestors_session_index (session_id),
      CONSTRAINT refresh_token_ancestors_session_fk FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // One live token per user and purpose: issuing a new one replaces the old in one upsert.
    this.addSql(`CREATE TABLE one_time_tokens (
      user_id CHAR(36) NOT NULL,
      purpose VARCHAR(20) CHARACTER SET ascii NOT NULL,
      token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (user_id, purpose),
      UNIQUE KEY one_time_tokens_hash_unique (token_hash),
      KEY one_time_tokens_expires_at_index (expires_at),
      CONSTRAINT one_time_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }
}
