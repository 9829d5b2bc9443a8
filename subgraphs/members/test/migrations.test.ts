import path from 'node:path';
import { Migration } from '@mikro-orm/migrations';
import { checkMigrations, createOrm, dropDatabase } from '@social/kit/orm';
import { TEST_MYSQL_URL, silentLogger, testDatabaseName } from '@social/testkit';
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

  it('Migration20261203000000 fills the search words of the members who were there before it', async () => {
    const dbName = testDatabaseName('members_words');
    const open = (list: typeof migrations) =>
      createOrm({
        mysqlUrl: TEST_MYSQL_URL,
        dbName,
        entities,
        migrations: list,
        logger: silentLogger,
      });
    try {
      const before = await open(migrations.filter((m) => m.name < 'Migration20261203000000'));
      await before.em.getConnection().execute(
        `INSERT INTO users (id, handle, display_name, greeting, email, password_hash, created_at)
         VALUES ('01900000-0000-7000-8000-000000000001', 'jl', 'Jean-Luc Zoë', '', 'jl@example.test', 'x', NOW())`,
      );
      await before.close(true);
      const after = await open(migrations);
      const rows = await after.em
        .getConnection()
        .execute('SELECT word FROM user_name_words ORDER BY word');
      await after.close(true);
      expect(rows.map((row) => row.word)).toEqual(['jean', 'luc', 'zoë']);
    } finally {
      await dropDatabase(TEST_MYSQL_URL, dbName);
    }
  });
});
