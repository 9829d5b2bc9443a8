import { countRows, startActivity, type ActivityHarness } from './harness';

const CREATE = 'mutation($body: String!) { createPost(body: $body) { id } }';
const DELETE = 'mutation($id: ID!) { deletePost(id: $id) }';
const COMMENT = 'mutation($id: ID!) { addComment(postId: $id, body: "hi") { id } }';
const LIKE = 'mutation($id: ID!) { likePost(postId: $id) { likeCount } }';
const UNLIKE = 'mutation($id: ID!) { unlikePost(postId: $id) { likeCount } }';
const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id } }';
const UNFOLLOW = 'mutation($id: ID!) { unfollow(userId: $id) { id } }';

const rateLimited = {
  code: 'RATE_LIMITED',
  retryAfterSeconds: expect.any(Number),
};

describe('activity: per-member write limits', () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity({
      env: {
        ACTIVITY_LIMIT_POSTS: '3,4',
        ACTIVITY_LIMIT_COMMENTS: '2,100',
        ACTIVITY_TOGGLE_MAX_CHANGES: '4',
        ACTIVITY_TOGGLE_WINDOW_SECONDS: '3600',
      },
    });
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  it('refuses the write past the per-minute budget with a retry-after, writing nothing', async () => {
    const [alice, bob] = (await h.createUsers(2)) as [string, string];
    const posts: string[] = [];
    for (let i = 0; i < 3; i += 1)
      posts.push((await h.data(CREATE, { body: `post ${i}` }, alice)).createPost.id);
    const refused = await h.error(CREATE, { body: 'one too many' }, alice);
    expect(refused.extensions).toEqual(rateLimited);
    expect(refused.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Deleting is a post write too: the undo shares the budget.
    expect((await h.error(DELETE, { id: posts[0] }, alice)).extensions).toEqual(rateLimited);
    expect(await countRows(h.db, 'posts')).toBe(3);
    expect((await h.events()).filter((e) => e.type.startsWith('post.'))).toHaveLength(3);
    // Another member has a budget of their own, and comments have theirs.
    await h.data(CREATE, { body: "bob's" }, bob);
    await h.data(COMMENT, { id: posts[1] }, alice);
    await h.data(COMMENT, { id: posts[1] }, alice);
    expect((await h.error(COMMENT, { id: posts[1] }, alice)).extensions).toEqual(rateLimited);
  });

  it('keeps the per-day budget when a new minute starts', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    for (let i = 0; i < 3; i += 1) await h.data(CREATE, { body: `post ${i}` }, alice);
    // A new minute for alice's posts: the day's count (3 of 4) stays.
    await h.limiter.reset(`write:post:minute:${alice}`);
    await h.data(CREATE, { body: 'the fourth' }, alice);
    await h.limiter.reset(`write:post:minute:${alice}`);
    const refused = await h.error(CREATE, { body: 'the fifth' }, alice);
    expect(refused.extensions).toEqual(rateLimited);
    expect(refused.extensions?.retryAfterSeconds).toBeGreaterThan(60);
    expect(await countRows(h.db, 'posts')).toBe(4);
  });

  it('cools a like toggle storm down: four changes of one like an hour, then RATE_LIMITED', async () => {
    const [alice, bob] = (await h.createUsers(2)) as [string, string];
    const post = (await h.data(CREATE, { body: 'likeable' }, alice)).createPost.id as string;
    const other = (await h.data(CREATE, { body: 'another' }, alice)).createPost.id as string;
    await h.data(LIKE, { id: post }, bob);
    await h.data(UNLIKE, { id: post }, bob);
    await h.data(LIKE, { id: post }, bob);
    await h.data(UNLIKE, { id: post }, bob);
    // Repeats that change nothing cost nothing and emit nothing.
    expect((await h.data(UNLIKE, { id: post }, bob)).unlikePost.likeCount).toBe(0);
    const refused = await h.error(LIKE, { id: post }, bob);
    expect(refused.message).toBe('You changed this like too often; try again later');
    expect(refused.extensions).toEqual(rateLimited);
    expect(refused.extensions?.retryAfterSeconds).toBeGreaterThan(3000);
    // The refused change rolled back: no like, no fifth event for the feed to apply.
    expect(await countRows(h.db, 'likes')).toBe(0);
    expect((await h.events()).filter((e) => e.type.startsWith('like.'))).toHaveLength(4);
    // Another post is another pair.
    expect((await h.data(LIKE, { id: other }, bob)).likePost.likeCount).toBe(1);
  });

  it('cools a follow toggle storm down the same way, pair by pair', async () => {
    const [alice, bob, carol] = (await h.createUsers(3)) as [string, string, string];
    for (let i = 0; i < 2; i += 1) {
      await h.data(FOLLOW, { id: bob }, alice);
      await h.data(UNFOLLOW, { id: bob }, alice);
    }
    expect((await h.error(FOLLOW, { id: bob }, alice)).extensions).toEqual(rateLimited);
    expect(await countRows(h.db, 'follows')).toBe(0);
    await h.data(FOLLOW, { id: carol }, alice);
    await h.data(FOLLOW, { id: bob }, carol);
    expect(await countRows(h.db, 'follows')).toBe(2);
    expect((await h.events()).filter((e) => e.type.startsWith('follow.'))).toHaveLength(6);
  });
});
