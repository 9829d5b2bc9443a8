import path from 'node:path';
import { Migration } from '@mikro-orm/migrations';
import { checkMigrations } from '@social/kit/orm';
import { TEST_MYSQL_URL, silentLogger } from '@social/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';

const options = {
  service: 'members',
  mysqlUrl: TEST_MYSQL_URL,
  migrationsDir: path.resolve(__dirname, '..', 'src', 'migrations'),
  entities,
  logger: silentLogger,
};

/** A later migration that shrinks a nullable text column the User entity still describes. */
class ShrinkAvatarUrl extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE users MODIFY avatar_url VARCHAR(1024) NULL');
  }
}

/**
 * `npm run migration:check` (a static check of `npm test`) runs this for every subgraph. User
 * and Session describe the tables the migrations make: ascii_bin token hashes, the session's
 * cascading foreign key and its indexes, nullable text columns (which MariaDB reports with the
 * word NULL as their default, and must not count as drift).
 */
describe('members: entities and migrations', () => {
  it('agree: every file is listed, and the migrated tables are what the entities describe', async () => {
    expect(await checkMigrations({ ...options, migrations })).toEqual([]);
  });

  it('disagree when a migration changes a nullable text column the entity still describes', async () => {
    const problems = await checkMigrations({
      ...options,
      migrations: [...migrations, { name: 'Migration29991231000000', class: ShrinkAvatarUrl }],
    });
    const drift = problems.find((problem) => problem.startsWith('the entities need SQL'));
    expect(drift).toMatch(/alter table `users` modify `avatar_url` varchar\(2048\) null/);
    expect(drift).not.toMatch(/sessions/);
  });
});
