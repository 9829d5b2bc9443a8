import { newId } from '@social/kit';
import { UUID_V7, countRows, startActivity, timeOfId, type ActivityHarness } from './harness';

// Real servers (members signs up with argon2id, MySQL commits): generous, never relied on.
jest.setTimeout(30_000);

const CREATE =
  'mutation($body: String!) { createPost(body: $body) { id body author { id } createdAt editedAt likeCount commentCount viewerHasLiked } }';
const EDIT =
  'mutation($id: ID!, $body: String!) { editPost(id: $id, body: $body) { id body createdAt editedAt } }';
const DELETE = 'mutation($id: ID!) { deletePost(id: $id) }';
const POST = 'query($id: ID!) { post(id: $id) { id body author { id } } }';
const POSTS = `query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User {
  posts(first: $first, after: $after) { edges { cursor node { id body } } pageInfo { hasNextPage endCursor } }
} } }`;

describe('activity: posts', () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity();
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  const createPost = async (author: string, body = 'hello') =>
    (await h.data(CREATE, { body }, author)).createPost;
  const postsPage = async (author: string, first?: number, after?: string) =>
    (await h.data(POSTS, { r: [{ __typename: 'User', id: author }], first, after }))._entities[0]
      .posts;

  it('creates a post with a trimmed body kept verbatim otherwise, and emits post.created', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const body = '  <b>Héllo</b> & 👋🏽 "world"\n\n<script>x</script>\t ';
    const post = await createPost(alice, body);
    expect(post).toEqual({
      id: expect.stringMatching(UUID_V7),
      body: '<b>Héllo</b> & 👋🏽 "world"\n\n<script>x</script>',
      author: { id: alice },
      createdAt: timeOfId(post.id),
      editedAt: null,
      likeCount: 0,
      commentCount: 0,
      viewerHasLiked: false,
    });
    expect((await h.data(POST, { id: post.id })).post).toEqual({
      id: post.id,
      body: post.body,
      author: { id: alice },
    });
    expect((await h.events()).map((e) => [e.type, e.actorId, e.payload, e.key])).toEqual([
      [
        'post.created',
        alice,
        { postId: post.id, authorId: alice, createdAt: post.createdAt },
        alice,
      ],
    ]);
  });

  it('accepts 1000 characters counted as code points, and refuses empty or longer bodies with BAD_USER_INPUT', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    expect((await createPost(alice, '😀'.repeat(1000))).body).toBe('😀'.repeat(1000));
    for (const body of ['', '   \n\t ', 'x'.repeat(1001), `${'😀'.repeat(1001)}`]) {
      const error = await h.error(CREATE, { body }, alice);
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'body', message: 'must be 1 to 1000 characters after trimming' }],
      });
    }
    expect(await countRows(h.db, 'posts')).toBe(1);
    expect(await countRows(h.db, 'outbox')).toBe(1);
  });

  it('lets the author edit a post, setting editedAt and emitting post.edited', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const post = await createPost(alice, 'first');
    const edited = (await h.data(EDIT, { id: post.id, body: ' second ' }, alice)).editPost;
    expect(edited).toMatchObject({ id: post.id, body: 'second', createdAt: post.createdAt });
    expect(new Date(edited.editedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(post.createdAt).getTime(),
    );
    const events = await h.events();
    expect(events.map((e) => e.type)).toEqual(['post.created', 'post.edited']);
    expect(events[1]?.payload).toEqual({
      postId: post.id,
      authorId: alice,
      editedAt: edited.editedAt,
    });
  });

  it('refuses edits and deletes by others with FORBIDDEN, and of missing posts with NOT_FOUND', async () => {
    const [alice, bob] = (await h.createUsers(2)) as [string, string];
    const post = await createPost(alice);
    expect((await h.error(EDIT, { id: post.id, body: 'mine now' }, bob)).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await h.error(DELETE, { id: post.id }, bob)).extensions?.code).toBe('FORBIDDEN');
    for (const id of [newId(), 'nope']) {
      expect((await h.error(EDIT, { id, body: 'x' }, alice)).extensions?.code).toBe('NOT_FOUND');
      expect((await h.error(DELETE, { id }, alice)).extensions?.code).toBe('NOT_FOUND');
    }
    expect((await h.error(EDIT, { id: post.id, body: '' }, alice)).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await h.data(POST, { id: post.id })).post.body).toBe('hello');
    expect((await h.events()).map((e) => e.type)).toEqual(['post.created']);
  });

  it("soft-deletes a post: gone from post(id) and from the author's posts, and a second delete is NOT_FOUND", async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const kept = await createPost(alice, 'kept');
    const gone = await createPost(alice, 'gone');
    expect((await h.data(DELETE, { id: gone.id }, alice)).deletePost).toBe(true);
    expect((await h.data(POST, { id: gone.id })).post).toBeNull();
    expect(
      (await postsPage(alice)).edges.map((edge: { node: { id: string } }) => edge.node.id),
    ).toEqual([kept.id]);
    expect((await h.error(DELETE, { id: gone.id }, alice)).extensions?.code).toBe('NOT_FOUND');
    expect((await h.error(EDIT, { id: gone.id, body: 'back' }, alice)).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(await countRows(h.db, 'posts')).toBe(2);
    expect((await h.events()).map((e) => [e.type, e.payload])).toContainEqual([
      'post.deleted',
      { postId: gone.id, authorId: alice },
    ]);
  });

  it('answers post(id) with null for unknown ids, anonymously', async () => {
    expect(
      await h.data('query($a: ID!, $b: ID!) { a: post(id: $a) { id } b: post(id: $b) { id } }', {
        a: newId(),
        b: 'x',
      }),
    ).toEqual({ a: null, b: null });
  });

  it('needs a viewer for every post mutation', async () => {
    const id = newId();
    for (const [query, variables] of [
      [CREATE, { body: 'x' }],
      [EDIT, { id, body: 'x' }],
      [DELETE, { id }],
    ] as const) {
      expect((await h.error(query, variables)).extensions).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'TOKEN_MISSING',
      });
    }
  });

  it('pages 45 posts by 10 newest first, visiting each exactly once', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const created: string[] = [];
    for (let i = 0; i < 45; i += 1) created.push((await createPost(alice, `post ${i}`)).id);
    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await postsPage(alice, 10, after);
      pages.push(page.edges.length);
      seen.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([10, 10, 10, 10, 5]);
    expect(seen).toEqual([...created].reverse());
  });

  it('keeps a cursor valid while newer posts arrive: the next page neither skips nor repeats', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const older = [];
    for (let i = 0; i < 4; i += 1) older.push((await createPost(alice, `old ${i}`)).id);
    const first = await postsPage(alice, 2);
    await createPost(alice, 'newer');
    const second = await postsPage(alice, 10, first.pageInfo.endCursor);
    expect(second.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([
      older[1],
      older[0],
    ]);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[1].cursor });
  });
});
