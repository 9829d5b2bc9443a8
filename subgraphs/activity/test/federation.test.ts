import { newId } from '@social/kit';
import { startActivity, type ActivityHarness } from './harness';

// Real servers (members signs up with argon2id, MySQL commits): generous, never relied on.
jest.setTimeout(30_000);

const PAGE = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on User {
  posts(first: $first) { edges { node { id author { id } likeCount commentCount viewerHasLiked } } }
} } }`;

describe('activity: federation contract and batching', () => {
  let h: ActivityHarness;
  let alice: string;
  let bob: string;
  let posts: string[];

  beforeAll(async () => {
    h = await startActivity();
    [alice, bob] = (await h.createUsers(2)) as [string, string];
    posts = [];
    for (let i = 0; i < 20; i += 1) {
      posts.push(
        (await h.data('mutation { createPost(body: "p") { id } }', {}, alice)).createPost.id,
      );
    }
    for (const id of posts.slice(0, 3)) {
      await h.data('mutation($id: ID!) { likePost(postId: $id) { id } }', { id }, bob);
      await h.data('mutation($id: ID!) { addComment(postId: $id, body: "c") { id } }', { id }, bob);
    }
  });
  afterAll(() => h.close());

  async function statementsFor(first: number) {
    h.db.resetQueries();
    const data = await h.data(PAGE, { r: [{ __typename: 'User', id: alice }], first }, bob);
    return { count: h.db.queries.length, edges: data._entities[0].posts.edges };
  }

  it('serves a page of posts with author, counts and viewerHasLiked in 4 statements whatever its size', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(20);
    expect(small.edges).toHaveLength(5);
    expect(large.edges).toHaveLength(20);
    expect(large.edges.slice(17).map((edge: { node: unknown }) => edge.node)).toEqual(
      posts
        .slice(0, 3)
        .reverse()
        .map((id) => ({
          id,
          author: { id: alice },
          likeCount: 1,
          commentCount: 1,
          viewerHasLiked: true,
        })),
    );
    expect(small.count).toBe(4);
    expect(large.count).toBe(small.count);
  });

  it('resolves many User references with their lists in a constant number of statements', async () => {
    const stranger = newId();
    h.db.resetQueries();
    const data = await h.data(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id followerCount followingCount viewerFollows
        followers { edges { node { id } } } following { edges { node { id } } } posts(first: 2) { edges { node { id } } } } } }`,
      { r: [alice, bob, stranger].map((id) => ({ __typename: 'User', id })) },
      bob,
    );
    expect(
      data._entities.map((user: { id: string; posts: { edges: unknown[] } }) => [
        user.id,
        user.posts.edges.length,
      ]),
    ).toEqual([
      [alice, 2],
      [bob, 0],
      [stranger, 0],
    ]);
    expect(h.db.queries).toHaveLength(6);
  });

  it('resolves Post references in one statement: null for unknown posts, a tombstone for deleted ones', async () => {
    const doomed = (await h.data('mutation { createPost(body: "bye") { id } }', {}, alice))
      .createPost.id;
    await h.data('mutation($id: ID!) { deletePost(id: $id) }', { id: doomed }, alice);
    const wanted = [posts[0], newId(), doomed, posts[1], 'not-an-id'];
    h.db.resetQueries();
    const data = await h.data(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Post { id body deleted author { id } } } }',
      { r: wanted.map((id) => ({ __typename: 'Post', id })) },
    );
    // A feed may list a post for a moment after its deletion: a null would null the whole feed.
    expect(data._entities).toEqual([
      { id: posts[0], body: 'p', deleted: false, author: { id: alice } },
      null,
      { id: doomed, body: '', deleted: true, author: { id: alice } },
      { id: posts[1], body: 'p', deleted: false, author: { id: alice } },
      null,
    ]);
    expect(h.db.queries).toHaveLength(1);
  });

  it('publishes User and Post as federation keys in its SDL', async () => {
    const { sdl } = (await h.data('{ _service { sdl } }'))._service;
    expect(sdl).toMatch(/type User\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Post\s+@key\(fields: "id"\)/);
  });
});
