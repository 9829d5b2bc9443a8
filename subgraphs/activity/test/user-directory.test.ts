import { newId } from '@social/kit';
import { createMembersDirectory, MembersUnavailableError } from '../src/members/user-directory';
import { BoundedTtlCache } from '../src/members/ttl-cache';
import { startActivity } from './harness';
import { startRealMembers, type RealMembers } from './members';

// Real servers (members signs up with argon2id, MySQL commits): generous, never relied on.
jest.setTimeout(30_000);

describe('activity: the member directory, asking the real members subgraph', () => {
  let members: RealMembers;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    members = await startRealMembers();
    [alice, bob] = (await members.createUsers(2)) as [string, string];
  });
  afterAll(() => members.close());

  function directory(overrides: { now?: () => number } = {}) {
    const calls: string[][] = [];
    const fetchFn: typeof fetch = async (url, init) => {
      const body = JSON.parse(String(init?.body));
      calls.push(body.variables.r.map((r: { id: string }) => r.id));
      return fetch(url, init);
    };
    return { calls, users: createMembersDirectory({ url: members.url, fetchFn, ...overrides }) };
  }

  it('asks members once for every id looked up in the same tick', async () => {
    const { calls, users } = directory();
    const stranger = newId();
    expect(await Promise.all([alice, bob, stranger, alice].map((id) => users.exists(id)))).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(calls).toEqual([[alice, bob, stranger]]);
  });

  it('remembers a member for minutes and a stranger for seconds', async () => {
    let now = 1_000_000;
    const { calls, users } = directory({ now: () => now });
    const stranger = newId();
    await users.exists(alice);
    await users.exists(stranger);
    now += 9_000;
    expect([await users.exists(alice), await users.exists(stranger)]).toEqual([true, false]);
    expect(calls).toHaveLength(2);
    now += 2_000;
    await users.exists(stranger);
    await users.exists(alice);
    expect(calls).toEqual([[alice], [stranger], [stranger]]);
    now += 600_000;
    await users.exists(alice);
    expect(calls).toHaveLength(4);
  });

  it('never asks about ids that cannot be member ids', async () => {
    const { calls, users } = directory();
    expect(await users.exists('alice')).toBe(false);
    expect(calls).toEqual([]);
  });

  it('fails with a retryable error, not "unknown", when members does not answer', async () => {
    const users = createMembersDirectory({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 500 });
    await expect(users.exists(alice)).rejects.toBeInstanceOf(MembersUnavailableError);
  });

  it('answers follow with INTERNAL_SERVER_ERROR / MEMBERS_UNAVAILABLE while members is down', async () => {
    const h = await startActivity({
      users: createMembersDirectory({ url: 'http://127.0.0.1:9/graphql', timeoutMs: 500 }),
    });
    try {
      const [viewer] = (await h.createUsers(1)) as [string];
      const error = await h.error(
        'mutation($id: ID!) { follow(userId: $id) { id } }',
        { id: alice },
        viewer,
      );
      expect(error.extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'MEMBERS_UNAVAILABLE',
      });
      expect(error.message).toBe(
        'The member directory is unavailable right now; try again shortly',
      );
      expect(await h.events()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('activity: the bounded TTL cache', () => {
  it('drops the oldest entry when full and expired entries on read', () => {
    let now = 0;
    const cache = new BoundedTtlCache<string, number>(2, () => now);
    cache.set('a', 1, 100);
    cache.set('b', 2, 10);
    cache.set('c', 3, 100);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([
      undefined,
      2,
      3,
      2,
    ]);
    now = 50;
    expect([cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 3, 1]);
  });
});
