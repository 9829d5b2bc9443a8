import { expectData, expectError } from '@social/testkit';
import { useMembers } from './use-members';

describe('members: User entity', () => {
  const h = useMembers();

  async function insertUsers(count: number): Promise<string[]> {
    const ids = Array.from(
      { length: count },
      (_, i) => `0190c5a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    const rows = ids.map(() => '(?, ?, ?, ?, ?, ?, ?, now(3))').join(',');
    const values = ids.flatMap((id, i) => [
      id,
      `user_${i}`,
      `User ${i}`,
      'Hi',
      i % 2 === 0 ? `https://example.test/${i}.png` : null,
      `user_${i}@example.test`,
      '$argon2id$unused',
    ]);
    await h.orm.orm.em
      .getConnection()
      .execute(
        `insert into users (id, handle, display_name, greeting, avatar_url, email, password_hash, created_at) values ${rows}`,
        values,
      );
    return ids;
  }

  it('resolves 50 User references in one _entities call with one SQL query', async () => {
    const ids = await insertUsers(50);
    h.orm.resetQueries();
    const data = await expectData(h.url, {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id handle avatarUrl } } }',
      variables: { r: ids.map((id) => ({ __typename: 'User', id })) },
    });
    expect(data._entities).toEqual(
      ids.map((id, i) => ({
        id,
        handle: `user_${i}`,
        avatarUrl:
          i % 2 === 0 ? `https://example.test/${i}.png` : `http://localhost:4000/avatars/${id}.svg`,
      })),
    );
    expect(h.orm.queries.filter((sql) => /\bselect\b/i.test(sql))).toHaveLength(1);
  });

  it('answers null for an unknown reference', async () => {
    const data = await expectData(h.url, {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
      variables: { r: [{ __typename: 'User', id: '0190c5a0-0000-7000-8000-ffffffffffff' }] },
    });
    expect(data._entities).toEqual([null]);
  });

  it('exposes its SDL with the User key through _service, and no private account field', async () => {
    const data = await expectData(h.url, { query: '{ _service { sdl } }' });
    expect(data._service.sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(data._service.sdl).not.toMatch(/passwordHash|emailVerifiedAt|customAvatarUrl/);
  });

  it('finds a user by id or by handle in any case, and null when absent', async () => {
    const [id] = await insertUsers(1);
    const byHandle = await expectData(h.url, {
      query: '{ user(handle: "USER_0") { id handle displayName greeting } }',
    });
    expect(byHandle.user).toEqual({ id, handle: 'user_0', displayName: 'User 0', greeting: 'Hi' });
    const byId = await expectData(h.url, {
      query: 'query($id: ID!) { user(id: $id) { handle } }',
      variables: { id },
    });
    expect(byId.user).toEqual({ handle: 'user_0' });
    const absent = await expectData(h.url, { query: '{ user(handle: "nobody_here") { id } }' });
    expect(absent.user).toBeNull();
  });

  it.each([
    ['no argument', '{ user { id } }'],
    [
      'both arguments',
      '{ user(id: "0190c5a0-0000-7000-8000-000000000000", handle: "user_0") { id } }',
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_name, query) => {
    const error = await expectError(h.url, { query });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'id', message: 'give exactly one of id or handle' }],
    });
  });
});
