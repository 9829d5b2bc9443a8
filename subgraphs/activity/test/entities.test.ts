import { createTestOrm, type TestOrm } from '@social/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';

/**
 * Post and Comment are both MikroORM entities and GraphQL types, while the tables come from
 * the migrations. If a migration changes a column or index that an entity still describes the
 * old way (or the other way round), MikroORM's schema diff is no longer empty.
 */
describe('activity: entities and migrations', () => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'activity_schema', entities, migrations });
  });
  afterAll(() => db.close());

  it('describe the same tables: the schema diff from the migrated database is empty', async () => {
    // Tables without an entity (follows, likes, outbox) are the repositories' alone: not dropped.
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false, dropTables: false });
    expect(diff).toBe('');
  });
});
