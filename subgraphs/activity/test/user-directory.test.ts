import { newId } from '@social/kit';
import { createMembersDirectory, MembersUnavailableError } from '../src/members/user-directory';
import { BoundedTtlCache } from '../src/members/ttl-cache';
import { startActivity } from './harness';

// Nothing listens on port 9 (discard): members is down. Asking the real members subgraph is
// tested in integration/test/member-directory.test.ts.
const DOWN = 'http://127.0.0.1:9/graphql';

describe('activity: the member directory, without asking members', () => {
  const alice = newId();

  it('never asks about ids that cannot be member ids', async () => {
    const calls: unknown[] = [];
    const fetchFn: typeof fetch = async (url, init) => {
      calls.push(init?.body);
      return fetch(url, init);
    };
    const users = createMembersDirectory({ url: DOWN, fetchFn });
    expect(await users.exists('alice')).toBe(false);
    expect(calls).toEqual([]);
  });

  it('fails with a retryable error, not "unknown", when members does not answer', async () => {
    const users = createMembersDirectory({ url: DOWN, timeoutMs: 500 });
    await expect(users.exists(alice)).rejects.toBeInstanceOf(MembersUnavailableError);
  });

  it('answers follow with INTERNAL_SERVER_ERROR / MEMBERS_UNAVAILABLE while members is down', async () => {
    const h = await startActivity({
      users: createMembersDirectory({ url: DOWN, timeoutMs: 500 }),
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
