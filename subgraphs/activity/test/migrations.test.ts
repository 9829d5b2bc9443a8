import path from 'node:path';
import { checkMigrations } from '@social/kit/orm';
import { TEST_MYSQL_URL, silentLogger } from '@social/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';

const options = {
  service: 'activity',
  mysqlUrl: TEST_MYSQL_URL,
  migrationsDir: path.resolve(__dirname, '..', 'src', 'migrations'),
  entities,
  logger: silentLogger,
};

/**
 * `npm run migration:check` (a static check of `npm test`) runs this check for every subgraph:
 * Post and Comment are both MikroORM entities and GraphQL types while the tables come from the
 * migrations, so a migration that changes what an entity still describes the old way (or the
 * other way round), or one left out of the list, must fail it.
 */
describe('activity: entities and migrations', () => {
  it('agree: every file is listed, and the migrated tables are what the entities describe', async () => {
    expect(await checkMigrations({ ...options, migrations })).toEqual([]);
  });

  it('disagree when a migration is not listed: it never runs, and the tables lack its SQL', async () => {
    const last = migrations[migrations.length - 1]?.name;
    const problems = await checkMigrations({ ...options, migrations: migrations.slice(0, -1) });
    expect(problems[0]).toBe(`${last}.ts is not listed in migrations/index.ts, so it never runs`);
    expect(problems[1]).toMatch(/^the entities need SQL no migration has:\n.*comments_author/s);
    expect(problems).toHaveLength(2);
  });
});
