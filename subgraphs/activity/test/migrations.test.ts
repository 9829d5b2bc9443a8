import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { newId } from '@social/kit';
import { checkMigrations, createOrm, dropDatabase, sqlOf } from '@social/kit/orm';
import { UNPUBLISHED_AT } from '@social/kit/outbox';
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
    // The one that adds an index an entity declares (later ones touch only the outbox).
    const left = 'Migration20261203120000';
    const problems = await checkMigrations({
      ...options,
      migrations: migrations.filter((migration) => migration.name !== left),
    });
    expect(problems[0]).toBe(`${left}.ts is not listed in migrations/index.ts, so it never runs`);
    expect(problems[1]).toMatch(/^the entities need SQL no migration has:\n.*comments_author/s);
    expect(problems).toHaveLength(2);
  });

  it('stamp the rows the version before left unpublished (NULL) and keep the published ones', async () => {
    const dbName = `activity_stamp_${process.pid}_${randomBytes(3).toString('hex')}`;
    const stamp = 'Migration20261204000000';
    const open = (list: typeof migrations) =>
      createOrm({ ...options, dbName, entities, migrations: list, poolMax: 2 });
    const [pending, published] = [newId(), newId()];
    try {
      const before = await open(migrations.filter((migration) => migration.name !== stamp));
      try {
        await sqlOf(before.em.fork()).run(
          `insert into outbox (event_id, topic, \`key\`, payload, headers, created_at, published_at)
           values (?, 't', 'k', '{}', '{}', now(3), null), (?, 't', 'k', '{}', '{}', now(3), '2026-12-01 10:00:00.000')`,
          [pending, published],
        );
      } finally {
        await before.close(true);
      }
      const after = await open(migrations);
      try {
        const sql = sqlOf(after.em.fork());
        const fresh = newId();
        await sql.run(
          "insert into outbox (event_id, topic, `key`, payload, headers, created_at) values (?, 't', 'k', '{}', '{}', now(3))",
          [fresh],
        );
        const rows = await sql.all<{ event_id: string; published_at: string }>(
          'select event_id, published_at from outbox order by id',
        );
        const at = (id: string) =>
          String(rows.find((row) => row.event_id === id)?.published_at).slice(0, 23);
        expect([at(pending), at(published), at(fresh)]).toEqual([
          UNPUBLISHED_AT,
          '2026-12-01 10:00:00.000',
          UNPUBLISHED_AT,
        ]);
        const [column] = await sql.all<{ nullable: string }>(
          `select is_nullable as nullable from information_schema.columns
           where table_schema = database() and table_name = 'outbox' and column_name = 'published_at'`,
        );
        expect(column?.nullable).toBe('NO');
      } finally {
        await after.close(true);
      }
    } finally {
      await dropDatabase(TEST_MYSQL_URL, dbName);
    }
  });
});
