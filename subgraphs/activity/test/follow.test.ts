import { newId } from '@social/kit';
import { countRows, startActivity, type ActivityHarness } from './harness';

const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id followerCount viewerFollows } }';
const UNFOLLOW = 'mutation($id: ID!) { unfollow(userId: $id) { id followerCount viewerFollows } }';
const GRAPH = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  id followerCount followingCount viewerFollows
  followers(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
  following(first: $first) { edges { node { id } } pageInfo { hasNextPage } }
} } }`;

describe('activity: following members', () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity();
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  const user = async (id: string, asUser?: string, first?: number, after?: string) =>
    (await h.data(GRAPH, { r: [{ __typename: 'User', id }], first, after }, asUser))._entities[0];

  it('follows a member once, however often it is asked, and emits one follow.created', async () => {
    const [alice, bob] = await h.createUsers(2);
    const first = await h.data(FOLLOW, { id: bob }, alice);
    const again = await h.data(FOLLOW, { id: bob }, alice);
    expect(first.follow).toEqual({ id: bob, followerCount: 1, viewerFollows: true });
    expect(again.follow).toEqual(first.follow);
    expect((await user(alice)).followingCount).toBe(1);
    expect((await h.events()).map((e) => [e.type, e.actorId, e.payload, e.key])).toEqual([
      ['follow.created', alice, { followerId: alice, followeeId: bob }, bob],
    ]);
  });

  it('unfollows idempotently and emits one follow.deleted, only when a follow existed', async () => {
    const [alice, bob] = await h.createUsers(2);
    await h.data(UNFOLLOW, { id: bob }, alice);
    await h.data(FOLLOW, { id: bob }, alice);
    expect((await h.data(UNFOLLOW, { id: bob }, alice)).unfollow).toEqual({
      id: bob,
      followerCount: 0,
      viewerFollows: false,
    });
    await h.data(UNFOLLOW, { id: bob }, alice);
    expect((await h.events()).map((e) => e.type)).toEqual(['follow.created', 'follow.deleted']);
  });

  it('refuses to follow yourself with BAD_USER_INPUT', async () => {
    const [alice] = await h.createUsers(1);
    const error = await h.error(FOLLOW, { id: alice }, alice);
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'userId', message: 'you cannot follow yourself' }],
    });
    expect(await h.events()).toEqual([]);
  });

  it.each([
    ['an id the member directory does not know', newId()],
    ['an id that is no UUID', 'bob'],
  ])('answers NOT_FOUND for %s', async (_label, id) => {
    const [alice] = await h.createUsers(1);
    const error = await h.error(FOLLOW, { id }, alice);
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(await h.events()).toEqual([]);
  });

  it('needs a viewer to follow or unfollow: UNAUTHENTICATED without a token', async () => {
    const [bob] = await h.createUsers(1);
    for (const mutation of [FOLLOW, UNFOLLOW]) {
      const error = await h.error(mutation, { id: bob });
      expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
    }
  });

  it('reads counts anonymously, with viewerFollows false', async () => {
    const [alice, bob] = await h.createUsers(2);
    await h.data(FOLLOW, { id: bob }, alice);
    expect(await user(bob)).toMatchObject({
      followerCount: 1,
      followingCount: 0,
      viewerFollows: false,
    });
    expect((await user(bob, alice)).viewerFollows).toBe(true);
    expect((await user(alice, bob)).viewerFollows).toBe(false);
  });

  it('keeps exactly one row and one event when the same follow arrives 10 times at once', async () => {
    const [alice, bob] = await h.createUsers(2);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.data(FOLLOW, { id: bob }, alice)),
    );
    expect(results.every((r) => r.follow.viewerFollows)).toBe(true);
    expect(await countRows(h.db, 'follows')).toBe(1);
    expect((await h.events()).map((e) => e.type)).toEqual(['follow.created']);
  });

  it('pages followers newest first, visiting each exactly once, and lists following', async () => {
    const [star, ...fans] = await h.createUsers(13);
    for (const fan of fans) await h.data(FOLLOW, { id: star }, fan);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { followers } = await user(star, undefined, 5, after);
      seen.push(...followers.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!followers.pageInfo.hasNextPage) break;
      after = followers.pageInfo.endCursor;
    }
    const rows = await h.db.orm.em
      .fork()
      .getConnection()
      .execute<
        Array<{ id: string }>
      >('select follower_id as id from follows where followee_id = ? order by created_at desc, follower_id desc', [star]);
    expect(seen).toEqual(rows.map((row) => row.id));
    expect(new Set(seen)).toEqual(new Set(fans));
    expect((await user(fans[0])).following).toEqual({
      edges: [{ node: { id: star } }],
      pageInfo: { hasNextPage: false },
    });
  });

  it.each([
    [0, undefined],
    [101, undefined],
    [5, 'not a cursor!'],
    [5, Buffer.from('12:ab:cd').toString('base64url')],
  ])('answers BAD_USER_INPUT for first=%s after=%s', async (first, after) => {
    const [alice] = await h.createUsers(1);
    const error = await h.error(GRAPH, { r: [{ __typename: 'User', id: alice }], first, after });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
