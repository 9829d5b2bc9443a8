import { Migration } from '@mikro-orm/migrations';

/**
 * member.deleted removes the member's comments, found by author: without this index that is a
 * scan of every comment. Checks before it acts, so a re-run after a half-applied run finishes.
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    const indexes = await this.execute(
      `SELECT 1 FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'comments' AND index_name = 'comments_author'`,
    );
    if (indexes.length === 0)
      this.addSql('ALTER TABLE comments ADD KEY comments_author (author_id, id)');
  }
}
