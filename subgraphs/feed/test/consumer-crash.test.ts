import type { ActivityEvent } from '@social/events';
import { newId } from '@social/kit';
import { createTestOrm, waitFor, type TestOrm } from '@social/testkit';
import { sqlTime } from '@social/kit/orm';
import { countRows, entities, events, migrations, minute } from './support/feed-fixtures';
import { spawnFeed, type FeedProcess } from './support/feed-process';
import { createKafkaHarness, type KafkaHarness } from './support/kafka-harness';

jest.setTimeout(180_000);

const FOLLOWERS = 20_000;
const POSTS = 5;
// Rows per fan-out transaction: the blocked follower is the first of batch BLOCKED_AT / BATCH.
const BATCH = 1000;
const BLOCKED_AT = FOLLOWERS / 2;

describe('a feed process killed in the middle of a large fan-out', () => {
  let db: TestOrm;
  let harness: KafkaHarness;
  const running: FeedProcess[] = [];

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'feed_crash', entities, migrations });
    harness = await createKafkaHarness('feed-crash');
  });
  afterAll(async () => {
    for (const feed of running)
      if (feed.child.exitCode === null && feed.child.signalCode === null)
        feed.child.kill('SIGKILL');
    await harness.close();
    await db.close();
  });

  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    db.orm.em.getConnection().execute(query, params);

  /** The feed's copy of the follow graph, as if the follow events had been consumed earlier; sorted ids. */
  async function seedFollowers(authorId: string): Promise<string[]> {
    const all: string[] = [];
    for (let offset = 0; offset < FOLLOWERS; offset += 5000) {
      const ids = Array.from({ length: 5000 }, () => newId());
      await sql(
        `INSERT INTO follows (followee_id, follower_id) VALUES ${ids.map(() => '(?, ?)').join(',')}`,
        ids.flatMap((id) => [authorId, id]),
      );
      all.push(...ids);
    }
    await sql('INSERT INTO follower_counts (user_id, followers) VALUES (?, ?)', [
      authorId,
      FOLLOWERS,
    ]);
    return all.sort();
  }

  /**
   * Holds an uncommitted copy of one feed entry that the post's fan-out will write, so the
   * fan-out stops right there in a lock wait, its earlier batches committed.
   */
  async function blockFanOutAt(owner: string, post: ActivityEvent): Promise<() => Promise<void>> {
    if (post.type !== 'post.created')
      throw new Error(`needs a post.created event, got ${post.type}`);
    const holder = db.orm.em.fork();
    await holder.begin();
    await holder.execute(
      'INSERT INTO feed_entries (owner_id, post_created_at, post_id, author_id) VALUES (?, ?, ?, ?)',
      [owner, sqlTime(post.payload.createdAt), post.payload.postId, post.payload.authorId],
    );
    return () => holder.rollback();
  }

  /** Transactions waiting for a lock. */
  async function blockedTransactions(): Promise<number> {
    const rows = await sql(
      `SELECT 1 FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'`,
    );
    return rows.length;
  }

  function startFeed(): FeedProcess {
    const feed = spawnFeed({
      FEED_DB: db.dbName,
      FEED_TOPIC: harness.topic,
      FEED_DEAD_LETTER_TOPIC: harness.deadLetterTopic,
      FEED_MEMBER_TOPIC: harness.memberTopic,
      FEED_GROUP_ID: harness.groupId,
      FEED_FANOUT_MAX_FOLLOWERS: String(FOLLOWERS * 2),
      FEED_FANOUT_BATCH_SIZE: String(BATCH),
      // Every post adds exactly 1 to each feed's size bound (no sampling), so a double apply shows.
      FEED_TRIM_SLACK: '0',
      // The killed member is only dropped from the group after this long.
      FEED_SESSION_TIMEOUT_MS: '6000',
    });
    running.push(feed);
    return feed;
  }

  /** A failed wait says what the feed process logged. */
  async function withLogs<T>(feed: FeedProcess, wait: () => Promise<T>): Promise<T> {
    try {
      return await wait();
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\nfeed process output:\n${feed.logs()}`,
      );
    }
  }

  it('loses nothing and duplicates nothing after a restart', async () => {
    const author = newId();
    const followers = await seedFollowers(author);
    const posts = Array.from({ length: POSTS }, (_, i) => events.post(author, minute(i)));
    const release = await blockFanOutAt(followers[BLOCKED_AT], posts[1] as ActivityEvent);
    const first = startFeed();
    try {
      await harness.publish(...posts);
      await withLogs(first, () =>
        waitFor(
          "the first post committed and the second post's fan-out stopped half way",
          async () =>
            (await countRows(db, 'processed_events')) === 2 &&
            (await countRows(db, 'feed_entries')) === FOLLOWERS + 1 + BLOCKED_AT + 1 &&
            (await blockedTransactions()) > 0,
          // InnoDB refreshes INNODB_TRX only when it has not been read for 100 ms: poll slower.
          { timeoutMs: 90_000, intervalMs: 250 },
        ),
      );
    } finally {
      first.child.kill('SIGKILL');
      // Also on failure: an open transaction would block dropping the test database.
      await first.exited;
      await release();
    }
    expect(first.child.signalCode).toBe('SIGKILL');

    // The second post's batches before the blocked follower are committed (the author and the
    // first BLOCKED_AT followers), with the place to go on from; the blocked batch died whole.
    expect(await countRows(db, 'processed_events')).toBe(2);
    expect(await countRows(db, 'feed_entries')).toBe(FOLLOWERS + 1 + BLOCKED_AT + 1);
    const [pending] = await sql<{ post_id: string; after_follower_id: string }>(
      'SELECT post_id, after_follower_id FROM pending_fanouts',
    );
    expect(pending).toEqual({
      post_id: posts[1]?.type === 'post.created' ? posts[1].payload.postId : null,
      after_follower_id: followers[BLOCKED_AT - 1],
    });

    // As if the offset commit of the first post had been lost too: the group starts over.
    await waitFor(
      'the killed member to leave the group',
      async () => (await harness.groupState()) === 'Empty',
    );
    await harness.resetToEarliest();

    const second = startFeed();
    await withLogs(second, () =>
      waitFor(
        'every post applied and committed',
        async () =>
          (await countRows(db, 'processed_events')) === POSTS && (await harness.groupLag()) === 0,
        { timeoutMs: 120_000, intervalMs: 200 },
      ),
    );
    expect(await countRows(db, 'feed_entries')).toBe(POSTS * (FOLLOWERS + 1));
    const [shape] = await sql<Record<string, number | string>>(
      `SELECT COUNT(*) AS owners, MIN(n) AS fewest, MAX(n) AS most FROM
       (SELECT owner_id, COUNT(*) AS n FROM feed_entries GROUP BY owner_id) per_owner`,
    );
    expect({
      owners: Number(shape?.owners),
      fewest: Number(shape?.fewest),
      most: Number(shape?.most),
    }).toEqual({
      owners: FOLLOWERS + 1,
      fewest: POSTS,
      most: POSTS,
    });
    // feed_sizes is incremented, not written idempotently: an effect applied twice would show here.
    expect(await countRows(db, 'feed_sizes', 'entries_bound <> ?', [POSTS])).toBe(0);
    expect(await countRows(db, 'feed_sizes')).toBe(FOLLOWERS + 1);

    // Both claimed posts were skipped as applied; the second one's fan-out went on from its place.
    expect(second.logs().match(/event already applied: skipped/g)).toHaveLength(2);
    expect(second.logs()).toContain(`"eventId":"${posts[0]?.id}"`);
    expect(second.logs()).toContain(`"eventId":"${posts[1]?.id}"`);
    expect(await countRows(db, 'pending_fanouts')).toBe(0);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.logs()).toMatch(/"msg":"consumer stopped"/);
  });
});
