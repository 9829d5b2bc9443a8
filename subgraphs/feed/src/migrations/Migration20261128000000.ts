import { Migration } from '@mikro-orm/migrations';

/**
 * The prune of processed_events deletes by age in chunks; without this index each chunk would
 * scan the table. Checks before it acts, so a re-run after a half-applied run finishes the job.
 */
export class Migration20261128000000 extends Migration {
  override async up(): Promise<void> {
    const rows = await this.execute(
      `SELECT 1 FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'processed_events' AND index_name = 'processed_events_age'`,
    );
    if (rows.length === 0)
      this.addSql('ALTER TABLE processed_events ADD KEY processed_events_age (processed_at)');
  }
}
