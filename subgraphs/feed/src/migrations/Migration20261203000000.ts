import { Migration } from '@mikro-orm/migrations';

/**
 * A follow or like taken back leaves its notification retracted rather than deleted, so that
 * given again soon it comes back as it was instead of being raised anew (notification-effects.ts);
 * the index serves the prune of old retracted rows. Checks before it acts, so a re-run after a
 * half-applied run finishes the job.
 */
export class Migration20261203000000 extends Migration {
  override async up(): Promise<void> {
    const columns = await this.execute(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = DATABASE() AND table_name = 'notifications' AND column_name = 'retracted_at'`,
    );
    if (columns.length === 0)
      this.addSql('ALTER TABLE notifications ADD COLUMN retracted_at DATETIME(3) NULL');
    const indexes = await this.execute(
      `SELECT 1 FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'notifications' AND index_name = 'notifications_retracted'`,
    );
    if (indexes.length === 0)
      this.addSql('ALTER TABLE notifications ADD KEY notifications_retracted (retracted_at)');
  }
}
