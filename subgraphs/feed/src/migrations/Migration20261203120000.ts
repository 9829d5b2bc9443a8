import { Migration } from '@mikro-orm/migrations';

/**
 * member.deleted removes every notification the member caused (their likes, comments and
 * follows, as seen by others): by actor, so actor_id gets an index. Checks before it acts, so a
 * re-run after a half-applied run finishes the job.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    const indexes = await this.execute(
      `SELECT 1 FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'notifications' AND index_name = 'notifications_actor'`,
    );
    if (indexes.length === 0)
      this.addSql('ALTER TABLE notifications ADD KEY notifications_actor (actor_id)');
  }
}
