import { silentLogger } from '@social/testkit';
import { DELETION_ROUND, removeMember } from '../src/members/member-deletion.service';
import { countRows, startActivity, type ActivityHarness } from './harness';

jest.setTimeout(60_000);

const CREATE = 'mutation($body: String!) { createPost(body: $body) { id } }';
const DELETE_POST = 'mutation($id: ID!) { deletePost(id: $id) }';
const LIKE = 'mutation($id: ID!) { likePost(postId: $id) { id } }';
const COMMENT = 'mutation($id: ID!) { addComment(postId: $id, body: "hi") { id } }';
const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id } }';
const POST = 'query($id: ID!) { post(id: $id) { id likeCount commentCount } }';
const USER =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { followerCount followingCount } } }';

describe('activity: removing a deleted member (member.deleted)', () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity();
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  const remove = (memberId: string) =>
    removeMember({ em: h.db.orm.em, outbox: h.outbox, log: silentLogger }, memberId);
  const post = async (author: string) =>
    (await h.data(CREATE, { body: 'a post' }, author)).createPost.id as string;
  const rowsOf = async (memberId: string) => {
    const [row] = await h.db.orm.em.getConnection().execute<Array<Record<string, string>>>(
      `select
         (select count(*) from posts where author_id = ?) as posts,
         (select count(*) from likes where user_id = ?) as likes,
         (select count(*) from comments where author_id = ?) as comments,
         (select count(*) from follows where follower_id = ? or followee_id = ?) as follows`,
      [memberId, memberId, memberId, memberId, memberId],
    );
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  };

  it('removes their posts, likes, comments and follows with one event each, and the counts follow', async () => {
    const [gone, ann] = (await h.createUsers(2)) as [string, string];
    const annPost = await post(ann);
    const gonePost = await post(gone);
    const deletedPost = await post(gone);
    await h.data(DELETE_POST, { id: deletedPost }, gone);
    await h.data(LIKE, { id: annPost }, gone);
    await h.data(COMMENT, { id: annPost }, gone);
    await h.data(LIKE, { id: gonePost }, ann);
    await h.data(COMMENT, { id: gonePost }, ann);
    await h.data(FOLLOW, { id: ann }, gone);
    await h.data(FOLLOW, { id: gone }, ann);
    const before = (await h.events()).length;

    expect(await remove(gone)).toEqual({ comments: 1, likes: 1, follows: 2, posts: 2 });

    expect(await rowsOf(gone)).toEqual({ posts: 0, likes: 0, comments: 0, follows: 0 });
    // Ann's like and comment went with Gone's post; her own post lost Gone's.
    expect(await countRows(h.db, 'likes')).toBe(0);
    expect(await countRows(h.db, 'comments')).toBe(0);
    expect((await h.data(POST, { id: annPost })).post).toEqual({
      id: annPost,
      likeCount: 0,
      commentCount: 0,
    });
    expect((await h.data(POST, { id: gonePost })).post).toBeNull();
    expect((await h.data(USER, { r: [{ __typename: 'User', id: ann }] }))._entities[0]).toEqual({
      followerCount: 0,
      followingCount: 0,
    });
    const emitted = (await h.events()).slice(before);
    expect(emitted.map((event) => event.type).sort()).toEqual([
      'comment.deleted',
      'follow.deleted',
      'follow.deleted',
      'like.deleted',
      'post.deleted',
    ]);
    expect(emitted.every((event) => event.actorId === gone)).toBe(true);
    expect(emitted.find((event) => event.type === 'post.deleted')?.payload).toEqual({
      postId: gonePost,
      authorId: gone,
    });
  });

  it('changes nothing and emits nothing when run again (a redelivered member.deleted)', async () => {
    const [gone, ann] = (await h.createUsers(2)) as [string, string];
    await h.data(FOLLOW, { id: ann }, gone);
    await post(gone);
    await remove(gone);
    const events = (await h.events()).length;
    expect(await remove(gone)).toEqual({ comments: 0, likes: 0, follows: 0, posts: 0 });
    expect((await h.events()).length).toBe(events);
  });

  it('refuses a follow of a deleted member even where the member cache still says they exist', async () => {
    const [gone, ann] = (await h.createUsers(2)) as [string, string];
    await remove(gone);
    // The harness's directory still knows the id, as another instance's cache would.
    const error = await h.error(FOLLOW, { id: gone }, ann);
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(await countRows(h.db, 'follows')).toBe(0);
  });

  it('works through more rows than one round takes', async () => {
    const [gone] = (await h.createUsers(1)) as [string];
    const followers = DELETION_ROUND + 7;
    const sql = h.db.orm.em.getConnection();
    const values = Array.from(
      { length: followers },
      (_, i) => `(uuid(), '${gone}', utc_timestamp(3) - interval ${i} second)`,
    );
    await sql.execute(
      `insert into follows (follower_id, followee_id, created_at) values ${values.join(', ')}`,
    );
    expect(await remove(gone)).toEqual({ comments: 0, likes: 0, follows: followers, posts: 0 });
    expect(await rowsOf(gone)).toMatchObject({ follows: 0 });
    expect((await h.events()).filter((event) => event.type === 'follow.deleted')).toHaveLength(
      followers,
    );
  });
});
