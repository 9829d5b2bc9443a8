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
      ADD COLUMN device VARCHAR(64) NULL,
      ADD COLUMN address VARCHAR(64) NULL`);
    this.addSql('ALTER TABLE one_time_tokens ADD COLUMN new_email VARCHAR(254) NULL');
  }
}
