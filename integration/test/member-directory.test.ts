import { newId } from '@social/kit';
import { createMembersDirectory } from '../../subgraphs/activity/src/members/user-directory';
import { startActivity } from '../../subgraphs/activity/test/harness';
import { startRealMembers, type RealMembers } from './real-members';

// Real servers (members signs up with argon2id, MySQL commits): generous, never relied on.
jest.setTimeout(30_000);

const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }';

describe("activity's member directory, asking the real members subgraph", () => {
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

  it('lets a member follow only someone members knows', async () => {
    const h = await startActivity({ users: createMembersDirectory({ url: members.url }) });
    try {
      const [viewer] = (await h.createUsers(1)) as [string];
      expect((await h.data(FOLLOW, { id: alice }, viewer)).follow).toEqual({
        id: alice,
        followerCount: 1,
        viewerFollows: true,
      });
      const error = await h.error(FOLLOW, { id: newId() }, viewer);
      expect(error.extensions?.code).toBe('NOT_FOUND');
      expect((await h.events()).map((event) => event.type)).toEqual(['follow.created']);
    } finally {
      await h.close();
    }
  });
});
