import { createKafka, type Admin } from '@social/kit/kafka';
import { UNPUBLISHED, UNPUBLISHED_AT } from '@social/kit/outbox';
import {
  TEST_KAFKA_BROKERS,
  expectData,
  expectError,
  silentLogger,
  uniqueName,
  waitFor,
  type TestOrm,
} from '@social/testkit';
import type { TestMember } from '../../subgraphs/members/test/harness';
import { startStack, type TestStack } from './stack';

// Real sign-ups (argon2id), a real broker between the services: generous, never relied on.
jest.setTimeout(120_000);

const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id } }';
const POST = 'mutation($body: String!) { createPost(body: $body) { id } }';
const LIKE = 'mutation($id: ID!) { likePost(postId: $id) { id } }';
const COMMENT = 'mutation($id: ID!) { addComment(postId: $id, body: "nice") { id } }';
const DELETE = 'mutation($password: String!) { deleteAccount(password: $password) }';
const FEED = '{ feed(first: 50) { edges { node { post { id author { id } } } } } }';
const NOTIFICATIONS =
  '{ notifications(first: 50) { edges { node { kind actor { id } post { id } } } } }';
const READ_POST =
  'query($id: ID!) { post(id: $id) { id likeCount commentCount comments(first: 10) { edges { node { author { id } } } } } }';
const BY_HANDLE =
  'query($handle: String!) { user(handle: $handle) { id followerCount followingCount } }';
const BY_ID = 'query($id: ID!) { user(id: $id) { id } }';

/** Rows of `tables` (table: condition on ?) that still name the member. */
async function rowsNaming(db: TestOrm, memberId: string, tables: Record<string, string>) {
  const counts: Record<string, number> = {};
  for (const [table, condition] of Object.entries(tables)) {
    const params = Array.from({ length: condition.split('?').length - 1 }, () => memberId);
    const [row] = await db.orm.em
      .fork()
      .getConnection()
      .execute<
        Array<{ n: string }>
      >(`select count(*) as n from ${table} where ${condition}`, params);
    counts[table] = Number(row?.n);
  }
  return counts;
}

const ACTIVITY_TABLES = {
  posts: 'author_id = ?',
  likes: 'user_id = ?',
  comments: 'author_id = ?',
  follows: 'follower_id = ? or followee_id = ?',
};
const FEED_TABLES = {
  feed_entries: 'owner_id = ? or author_id = ?',
  feed_sizes: 'owner_id = ?',
  notifications: 'recipient_id = ? or actor_id = ?',
  follows: 'follower_id = ? or followee_id = ?',
  follower_counts: 'user_id = ?',
  author_posts: 'author_id = ?',
};
const zeros = (tables: Record<string, string>) =>
  Object.fromEntries(Object.keys(tables).map((table) => [table, 0]));

describe('deleteAccount through the supergraph, carried by member.deleted over the real broker', () => {
  let stack: TestStack;
  let admin: Admin;

  beforeAll(async () => {
    stack = await startStack({}, { events: true });
    const kafka = createKafka({
      clientId: uniqueName('deletion-test'),
      brokers: TEST_KAFKA_BROKERS,
      logger: silentLogger,
    });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    await stack?.stop();
  });

  const as = (member: TestMember) => ({ authorization: `Bearer ${member.accessToken}` });
  const run = <T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
    member: TestMember | null,
    query: string,
    variables: Record<string, unknown> = {},
  ) => expectData<T>(stack.url, { query, variables, headers: member ? as(member) : {} });
  const feedOf = async (member: TestMember) =>
    ((await run(member, FEED)).feed.edges as Array<{ node: { post: { id: string } } }>).map(
      (edge) => edge.node.post.id,
    );
  const notificationsOf = async (member: TestMember) =>
    (
      (await run(member, NOTIFICATIONS)).notifications.edges as Array<{
        node: { kind: string; actor: { id: string } };
      }>
    ).map((edge) => `${edge.node.kind}:${edge.node.actor.id}`);

  /** Whether every group has committed up to the end of every partition of its topic. */
  async function caughtUp(groups: Array<{ groupId: string; topic: string }>): Promise<boolean> {
    for (const { groupId, topic } of groups) {
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const done = new Map(
        (committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
      );
      for (const end of ends)
        if (Number(end.high) > 0 && (done.get(end.partition) ?? -1) < Number(end.high))
          return false;
    }
    return true;
  }

  it('removes the member from every subgraph, keeps the others exact, and a redelivery changes nothing', async () => {
    const gone = await stack.member();
    const alice = await stack.member();
    const bob = await stack.member();
    await run(gone, FOLLOW, { id: alice.userId });
    await run(alice, FOLLOW, { id: gone.userId });
    await run(bob, FOLLOW, { id: gone.userId });
    const alicePost = (await run(alice, POST, { body: 'from alice' })).createPost.id as string;
    const gonePost = (await run(gone, POST, { body: 'from the leaver' })).createPost.id as string;
    await run(gone, LIKE, { id: alicePost });
    await run(gone, COMMENT, { id: alicePost });
    await run(alice, LIKE, { id: gonePost });
    await run(alice, COMMENT, { id: gonePost });
    // Everything has reached the feed: the leaver's post in both feeds, every notification.
    await waitFor('the leaver’s post in both followers’ feeds', async () => {
      const [a, b] = await Promise.all([feedOf(alice), feedOf(bob)]);
      return a.includes(gonePost) && b.includes(gonePost);
    });
    await waitFor('alice’s notifications from the leaver', async () => {
      const notes = await notificationsOf(alice);
      return ['FOLLOWED', 'POST_LIKED', 'POST_COMMENTED'].every((kind) =>
        notes.includes(`${kind}:${gone.userId}`),
      );
    });
    await waitFor('the leaver’s own notifications', async () =>
      (await notificationsOf(gone)).includes(`POST_LIKED:${alice.userId}`),
    );

    expect(await run(gone, DELETE, { password: gone.password })).toEqual({ deleteAccount: true });

    // At once: the session is over at the gateway, the member is not found anywhere.
    const refused = await expectError(stack.url, { query: FEED, headers: as(gone) });
    expect(refused.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    expect((await run(null, BY_HANDLE, { handle: gone.handle })).user).toBeNull();
    expect((await run(null, BY_ID, { id: gone.userId })).user).toBeNull();

    // Then, as the event travels: activity's rows, and the feed's, are gone.
    await waitFor('alice’s post without the leaver’s like and comment', async () => {
      const post = (await run(alice, READ_POST, { id: alicePost })).post;
      return post.likeCount === 0 && post.commentCount === 0 && post.comments.edges.length === 0;
    });
    // Posts go in the last round (member-deletion.service.ts), after likes and comments.
    await waitFor(
      'the leaver’s post gone',
      async () => (await run(alice, READ_POST, { id: gonePost })).post === null,
    );
    await waitFor('no trace of the leaver in the feeds and notifications', async () => {
      const [a, b, notes] = await Promise.all([feedOf(alice), feedOf(bob), notificationsOf(alice)]);
      return (
        !a.includes(gonePost) &&
        !b.includes(gonePost) &&
        notes.every((note) => !note.endsWith(gone.userId))
      );
    });
    expect(await feedOf(alice)).toEqual([alicePost]);
    const counts = async (member: TestMember) =>
      (await run(null, BY_HANDLE, { handle: member.handle })).user;
    expect(await counts(alice)).toMatchObject({ followerCount: 0, followingCount: 0 });
    expect(await counts(bob)).toMatchObject({ followerCount: 0, followingCount: 0 });

    const events = stack.events;
    if (!events) throw new Error('the stack runs without events');
    const groups = [
      { groupId: events.activityMemberGroupId, topic: events.memberTopic },
      { groupId: events.feedGroupId, topic: events.memberTopic },
      { groupId: events.feedGroupId, topic: events.activityTopic },
    ];
    await waitFor('every consumer at the end of its topics', () => caughtUp(groups));
    await waitFor('activity’s outbox published', async () => {
      const [row] = await stack.activity.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ n: string }>>(`select count(*) as n from outbox where ${UNPUBLISHED}`);
      return Number(row?.n) === 0;
    });
    expect(await rowsNaming(stack.activity, gone.userId, ACTIVITY_TABLES)).toEqual(
      zeros(ACTIVITY_TABLES),
    );
    expect(await rowsNaming(stack.feed, gone.userId, FEED_TABLES)).toEqual(zeros(FEED_TABLES));
    expect(
      await rowsNaming(stack.members.orm, gone.userId, {
        users: 'id = ?',
        sessions: 'user_id = ?',
        one_time_tokens: 'user_id = ?',
        user_name_words: 'user_id = ?',
      }),
    ).toEqual({ users: 0, sessions: 0, one_time_tokens: 0, user_name_words: 0 });

    // The same event delivered again (the relay republishes after a lost mark): nothing moves.
    const snapshot = async () => ({
      activityOutbox: await rowsNaming(stack.activity, gone.userId, { outbox: '1 = 1 or ? = ?' }),
      feed: await rowsNaming(stack.feed, alice.userId, FEED_TABLES),
      aliceFeed: await feedOf(alice),
      aliceNotes: await notificationsOf(alice),
    });
    const before = await snapshot();
    await stack.members.orm.orm.em
      .fork()
      .getConnection()
      .execute(`update outbox set published_at = '${UNPUBLISHED_AT}'`);
    await waitFor('the member.deleted republished and consumed again', async () => {
      const [row] = await stack.members.orm.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ n: string }>>(`select count(*) as n from outbox where ${UNPUBLISHED}`);
      return Number(row?.n) === 0 && (await caughtUp(groups));
    });
    const published = (await admin.fetchTopicOffsets(events.memberTopic)).reduce(
      (sum, partition) => sum + Number(partition.high),
      0,
    );
    expect(published).toBe(2);
    expect(await snapshot()).toEqual(before);

    // The handle and the address are free again.
    const again = await stack.member(gone.handle);
    expect(again.userId).not.toBe(gone.userId);
    expect(again.email).toBe(gone.email);
    expect((await run(null, BY_HANDLE, { handle: gone.handle })).user.id).toBe(again.userId);
  });
});
