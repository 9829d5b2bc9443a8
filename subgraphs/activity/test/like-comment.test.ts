import { newId } from '@social/kit';
import { UUID_V7, countRows, startActivity, timeOfId, type ActivityHarness } from './harness';

// Real servers (members signs up with argon2id, MySQL commits): generous, never relied on.
jest.setTimeout(30_000);

const CREATE = 'mutation($body: String!) { createPost(body: $body) { id } }';
const LIKE = 'mutation($id: ID!) { likePost(postId: $id) { id likeCount viewerHasLiked } }';
const UNLIKE = 'mutation($id: ID!) { unlikePost(postId: $id) { id likeCount viewerHasLiked } }';
const ADD =
  'mutation($id: ID!, $body: String!) { addComment(postId: $id, body: $body) { id body author { id } post { id commentCount } createdAt } }';
const REMOVE = 'mutation($id: ID!) { deleteComment(id: $id) }';
const COMMENTS = `query($id: ID!, $first: Int, $after: String) { post(id: $id) {
  commentCount comments(first: $first, after: $after) { edges { cursor node { id body author { id } } } pageInfo { hasNextPage endCursor } }
} }`;

describe('activity: likes and comments', () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity();
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  const createPost = async (author: string) =>
    (await h.data(CREATE, { body: 'a post' }, author)).createPost.id as string;
  const addComment = async (postId: string, author: string, body = 'nice') =>
    (await h.data(ADD, { id: postId, body }, author)).addComment;

  it('likes and unlikes idempotently, emitting one event per real change keyed by the post author', async () => {
    const [alice, bob] = (await h.createUsers(2)) as [string, string];
    const post = await createPost(alice);
    expect((await h.data(LIKE, { id: post }, bob)).likePost).toEqual({
      id: post,
      likeCount: 1,
      viewerHasLiked: true,
    });
    expect((await h.data(LIKE, { id: post }, bob)).likePost).toEqual({
      id: post,
      likeCount: 1,
      viewerHasLiked: true,
    });
    expect((await h.data(UNLIKE, { id: post }, bob)).unlikePost).toEqual({
      id: post,
      likeCount: 0,
      viewerHasLiked: false,
    });
    expect((await h.data(UNLIKE, { id: post }, bob)).unlikePost).toEqual({
      id: post,
      likeCount: 0,
      viewerHasLiked: false,
    });
    const likes = (await h.events()).filter((e) => e.type.startsWith('like.'));
    const payload = { postId: post, postAuthorId: alice, likerId: bob };
    expect(likes.map((e) => [e.type, e.actorId, e.payload, e.key])).toEqual([
      ['like.created', bob, payload, alice],
      ['like.deleted', bob, payload, alice],
    ]);
  });

  it('counts 50 members liking one post at once exactly', async () => {
    const [author, ...fans] = (await h.createUsers(51)) as [string, ...string[]];
    const post = await createPost(author);
    await Promise.all(fans.map((fan) => h.data(LIKE, { id: post }, fan)));
    expect(
      (await h.data('query($id: ID!) { post(id: $id) { likeCount } }', { id: post })).post
        .likeCount,
    ).toBe(50);
    expect((await h.events()).filter((e) => e.type === 'like.created')).toHaveLength(50);
  });

  it('answers NOT_FOUND for liking, unliking or commenting a missing or deleted post', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const deleted = await createPost(alice);
    await h.data('mutation($id: ID!) { deletePost(id: $id) }', { id: deleted }, alice);
    for (const id of [deleted, newId(), 'x']) {
      expect((await h.error(LIKE, { id }, alice)).extensions?.code).toBe('NOT_FOUND');
      expect((await h.error(UNLIKE, { id }, alice)).extensions?.code).toBe('NOT_FOUND');
      expect((await h.error(ADD, { id, body: 'hi' }, alice)).extensions?.code).toBe('NOT_FOUND');
    }
    expect(await countRows(h.db, 'likes')).toBe(0);
    expect(await countRows(h.db, 'comments')).toBe(0);
  });

  it('adds a trimmed comment of 1..500 characters and emits comment.created', async () => {
    const [alice, bob] = (await h.createUsers(2)) as [string, string];
    const post = await createPost(alice);
    const comment = await addComment(post, bob, '  <i>so</i> good 🎉  ');
    expect(comment).toEqual({
      id: expect.stringMatching(UUID_V7),
      body: '<i>so</i> good 🎉',
      author: { id: bob },
      post: { id: post, commentCount: 1 },
      createdAt: timeOfId(comment.id),
    });
    for (const body of ['  ', 'x'.repeat(501)]) {
      const error = await h.error(ADD, { id: post, body }, bob);
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'body', message: 'must be 1 to 500 characters after trimming' }],
      });
    }
    expect((await addComment(post, bob, 'y'.repeat(500))).body).toHaveLength(500);
    const created = (await h.events()).filter((e) => e.type === 'comment.created');
    expect(created[0]?.payload).toEqual({
      commentId: comment.id,
      postId: post,
      postAuthorId: alice,
      authorId: bob,
    });
    expect(created[0]?.key).toBe(alice);
  });

  it("lets the comment's author or the post's author delete a comment, and nobody else", async () => {
    const [alice, bob, carol] = (await h.createUsers(3)) as [string, string, string];
    const post = await createPost(alice);
    const byBob = await addComment(post, bob);
    const another = await addComment(post, bob);
    expect((await h.error(REMOVE, { id: byBob.id }, carol)).extensions?.code).toBe('FORBIDDEN');
    expect((await h.data(REMOVE, { id: byBob.id }, bob)).deleteComment).toBe(true);
    expect((await h.data(REMOVE, { id: another.id }, alice)).deleteComment).toBe(true);
    expect((await h.error(REMOVE, { id: another.id }, alice)).extensions?.code).toBe('NOT_FOUND');
    expect((await h.error(REMOVE, { id: 'nope' }, alice)).extensions?.code).toBe('NOT_FOUND');
    expect((await h.data(COMMENTS, { id: post })).post.commentCount).toBe(0);
    const deleted = (await h.events()).filter((e) => e.type === 'comment.deleted');
    expect(deleted.map((e) => [e.actorId, e.payload])).toEqual([
      [bob, { commentId: byBob.id, postId: post, postAuthorId: alice, authorId: bob }],
      [alice, { commentId: another.id, postId: post, postAuthorId: alice, authorId: bob }],
    ]);
  });

  it('pages comments newest first, visiting each exactly once', async () => {
    const [alice, bob] = (await h.createUsers(2)) as [string, string];
    const post = await createPost(alice);
    const created: string[] = [];
    for (let i = 0; i < 7; i += 1)
      created.push((await addComment(post, i % 2 ? alice : bob, `c${i}`)).id);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const { comments } = (await h.data(COMMENTS, { id: post, first: 3, after })).post;
      seen.push(...comments.edges.map((edge: { node: { id: string } }) => edge.node.id));
      after = comments.pageInfo.hasNextPage ? comments.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual([...created].reverse());
  });

  it('needs a viewer for likes and comments, and shows viewerHasLiked false to anonymous readers', async () => {
    const [alice] = (await h.createUsers(1)) as [string];
    const post = await createPost(alice);
    await h.data(LIKE, { id: post }, alice);
    for (const [query, variables] of [
      [LIKE, { id: post }],
      [UNLIKE, { id: post }],
      [ADD, { id: post, body: 'x' }],
      [REMOVE, { id: newId() }],
    ] as const) {
      expect((await h.error(query, variables)).extensions).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'TOKEN_MISSING',
      });
    }
    expect(
      (await h.data('query($id: ID!) { post(id: $id) { likeCount viewerHasLiked } }', { id: post }))
        .post,
    ).toEqual({ likeCount: 1, viewerHasLiked: false });
  });
});
