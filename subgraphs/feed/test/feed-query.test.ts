import type { ActivityEvent } from '@social/events';
import { decodeCursor, encodeCursor } from '@social/kit';
import { expectData, expectError, type TestOrm } from '@social/testkit';
import { events, minute, postIdOf, users, type FeedData } from './support/feed-fixtures';
import { startFeed, type FeedHarness } from './support/feed-harness';

const FEED = `query Feed($first: Int, $after: String) {
  feed(first: $first, after: $after) { edges { cursor node { addedAt post { id } } } pageInfo { hasNextPage endCursor } }
}`;

describe('feed query', () => {
  let feed: FeedHarness;
  let db: TestOrm;
  let url: string;

  beforeAll(async () => {
    feed = await startFeed({
      prefix: 'feed_query',
      feed: { fanoutMaxFollowers: 2, maxEntries: 8 },
    });
    db = feed.db;
    url = feed.url;
  });
  afterAll(() => feed.stop());
  beforeEach(() => feed.truncate());

  const apply = async (...list: ActivityEvent[]) => void (await feed.apply(...list));

  /** Every post id of a feed, read page by page; `between` runs after each page. */
  async function readAll(
    viewer: string,
    first: number,
    between: (page: number) => Promise<void> = async () => {},
  ) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page += 1) {
      const data: FeedData = await expectData<FeedData>(url, {
        query: FEED,
        variables: { first, after },
        headers: feed.headersFor(viewer),
      });
      ids.push(...data.feed.edges.map((edge) => edge.node.post.id));
      if (!data.feed.pageInfo.hasNextPage) return ids;
      after = data.feed.pageInfo.endCursor;
      await between(page);
    }
  }

  /** A reader following one ordinary author and one above the threshold (3 followers > 2). */
  async function seedMixedFeed() {
    const [reader, plain, star, fan1, fan2] = users(5) as [string, string, string, string, string];
    await apply(
      ...[reader, fan1, fan2].map((f) => events.follow(f, star)),
      events.follow(reader, plain),
    );
    const posts = [
      events.post(plain, minute(1)),
      events.post(star, minute(2)),
      events.post(reader, minute(3)),
      events.post(star, minute(4)),
      events.post(plain, minute(5)),
    ];
    await apply(...posts);
    return { reader, plain, star, posts: posts.map(postIdOf) };
  }

  it('merges stored entries and read-time posts of popular authors into one order, page by page', async () => {
    const { reader, posts } = await seedMixedFeed();
    expect(await readAll(reader, 2)).toEqual([...posts].reverse());
    const data = await expectData<FeedData>(url, {
      query: FEED,
      variables: { first: 1 },
      headers: feed.headersFor(reader),
    });
    expect(data.feed.edges[0]?.node).toEqual({ addedAt: minute(5), post: { id: posts[4] } });
  });

  it('orders posts of the same millisecond by post id, across both sources', async () => {
    const [reader, plain, star, f1, f2] = users(5) as [string, string, string, string, string];
    await apply(
      ...[reader, f1, f2].map((f) => events.follow(f, star)),
      events.follow(reader, plain),
    );
    const same = [plain, star, plain, star, reader].map((author) => events.post(author, minute(7)));
    await apply(...same);
    expect(await readAll(reader, 2)).toEqual(same.map(postIdOf).sort().reverse());
  });

  it('never skips or repeats an item while posts arrive, leave and get backfilled between pages', async () => {
    const { reader, plain, star, posts } = await seedMixedFeed();
    const [other] = users(1) as [string];
    const oldest = events.post(other, minute(0));
    await apply(oldest);
    const seen = await readAll(reader, 2, async (page) => {
      if (page !== 0) return;
      // Newer posts land above the cursor; an unread post leaves; a follow backfills below it.
      await apply(
        events.post(plain, minute(9)),
        events.post(star, minute(10)),
        events.follow(reader, other),
      );
      await apply(events.deletePost(star, posts[1]));
    });
    expect(seen).toEqual([posts[4], posts[3], posts[2], posts[0], postIdOf(oldest)]);
  });

  it('shows at most FEED_MAX_ENTRIES items, counting merged posts', async () => {
    const { reader, star } = await seedMixedFeed();
    const more = Array.from({ length: 6 }, (_, i) => events.post(star, minute(20 + i)));
    await apply(...more);
    const feed = await readAll(reader, 3);
    expect(feed).toHaveLength(8);
    expect(feed.slice(0, 6)).toEqual(more.map(postIdOf).reverse());
  });

  it('reads at most first + 1 rows of each source on every page, however deep: a probe for merged authors, then one statement', async () => {
    const { reader, star } = await seedMixedFeed();
    await apply(...Array.from({ length: 6 }, (_, i) => events.post(star, minute(20 + i))));
    const reads: string[][] = [];
    db.resetQueries();
    const selects = () => db.queries.filter((sql) => /\bselect\b/i.test(sql));
    const feed = await readAll(reader, 2, async () => {
      reads.push(selects());
      db.resetQueries();
    });
    reads.push(selects());
    expect(feed).toHaveLength(8);
    const rowsRead = reads.map((page) =>
      page.map((sql) => Number(/(\d+) results?\]/.exec(sql)?.[1])),
    );
    // Per page: the followed authors with merged posts (one: the star), then one statement with
    // a branch per source, each with its own ORDER BY and LIMIT (first + 1), so none reads
    // past the page (the star's branch is a range of that author's posts alone, never a join
    // over every followed author's posts), merged by the outer ORDER BY.
    for (const page of reads)
      expect(page).toEqual([
        expect.stringMatching(
          /^\[query\] SELECT f\.followee_id AS author_id FROM follows f .* EXISTS/,
        ),
        expect.stringMatching(
          /^\[query\] \(SELECT .* FROM feed_entries .* LIMIT \?\) UNION ALL \(SELECT .* FROM author_posts\s+WHERE author_id = \? .* LIMIT \?\) ORDER BY created_at DESC, post_id DESC LIMIT \? \[/,
        ),
      ]);
    expect(rowsRead).toEqual([
      [1, 3],
      [1, 3],
      [1, 3],
      [1, 2],
    ]);
  });

  it('stops a walk begun with a cursor that carries no count at FEED_MAX_ENTRIES too', async () => {
    const { reader, star } = await seedMixedFeed();
    const more = Array.from({ length: 6 }, (_, i) => events.post(star, minute(20 + i)));
    await apply(...more);
    const fifth = more[1] as ActivityEvent;
    const after = encodeCursor({ at: new Date(minute(21)), id: postIdOf(fifth) });
    const data = await expectData<FeedData>(url, {
      query: FEED,
      variables: { first: 5, after },
      headers: feed.headersFor(reader),
    });
    const ids = data.feed.edges.map((edge) => edge.node.post.id);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(postIdOf(more[0] as ActivityEvent));
    expect(data.feed.pageInfo.hasNextPage).toBe(false);
    expect(decodeCursor(data.feed.pageInfo.endCursor)?.id).not.toMatch(/_/);
  });

  it('costs the same number of SQL statements whatever the page size', async () => {
    const { reader } = await seedMixedFeed();
    const statements = async (first: number) => {
      db.resetQueries();
      await expectData(url, {
        query: FEED,
        variables: { first },
        headers: feed.headersFor(reader),
      });
      return db.queries.filter((sql) => /\bselect\b/i.test(sql)).length;
    };
    expect(await statements(1)).toBe(await statements(50));
  });

  it('declares Post and User as references that other subgraphs resolve', async () => {
    const data = await expectData<{ _service: { sdl: string } }>(url, {
      query: '{ _service { sdl } }',
    });
    expect(data._service.sdl).toMatch(
      /type Post\s+@key\(fields: "id", resolvable: false\)\s+\{\s+id: ID!\s+\}/,
    );
    expect(data._service.sdl).toMatch(
      /type User\s+@key\(fields: "id", resolvable: false\)\s+\{\s+id: ID!\s+\}/,
    );
  });

  it.each([
    ['feed', '{ feed { edges { cursor } } }'],
    ['notifications', '{ notifications { edges { cursor } } }'],
    ['unreadNotificationCount', '{ unreadNotificationCount }'],
    ['markNotificationsRead', 'mutation { markNotificationsRead }'],
  ])('%s needs a caller', async (_name, query) => {
    const error = await expectError(url, { query });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'not a cursor!' }, 'after'],
  ])('rejects %j as BAD_USER_INPUT', async (variables, field) => {
    const [reader] = users(1) as [string];
    const error = await expectError(url, {
      query: FEED,
      variables,
      headers: feed.headersFor(reader),
    });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual([{ field, message: expect.any(String) }]);
  });
});
