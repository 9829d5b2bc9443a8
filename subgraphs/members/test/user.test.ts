import { createTestOrm, expectData, silentLogger, type TestOrm } from '@social/testkit';
import { entities } from '../src/entities';
import { migrations } from '../src/migrations';
import { createServer } from '../src/server';

describe('members: User entity', () => {
  let db: TestOrm;
  let url: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'members_user', entities, migrations });
    const server = await createServer({ orm: db.orm, logger: silentLogger });
    url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
    stop = () => server.stop();
  });

  afterAll(async () => {
    await stop();
    await db.close();
  });

  beforeEach(() => db.truncate('users'));

  async function insertUsers(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => `0190c5a0-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const rows = ids.map(() => '(?, ?, ?, ?, ?, now(3))').join(',');
    const values = ids.flatMap((id, i) => [id, `user_${i}`, `User ${i}`, 'Hi', `https://example.test/${i}.png`]);
    await db.orm.em.getConnection().execute(
      `insert into users (id, handle, display_name, greeting, avatar_url, created_at) values ${rows}`,
      values,
    );
    return ids;
  }

  it('resolves 50 User references in one _entities call with one SQL query', async () => {
    const ids = await insertUsers(50);
    db.resetQueries();
    const data = await expectData(url, {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id handle } } }',
      variables: { r: ids.map((id) => ({ __typename: 'User', id })) },
    });
    expect(data._entities).toEqual(ids.map((id, i) => ({ id, handle: `user_${i}` })));
    expect(db.queries.filter((sql) => /\bselect\b/i.test(sql))).toHaveLength(1);
  });

  it('answers null for an unknown reference', async () => {
    const data = await expectData(url, {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
      variables: { r: [{ __typename: 'User', id: '0190c5a0-0000-7000-8000-ffffffffffff' }] },
    });
    expect(data._entities).toEqual([null]);
  });

  it('exposes its SDL with the User key through _service', async () => {
    const data = await expectData(url, { query: '{ _service { sdl } }' });
    expect(data._service.sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
  });
});
