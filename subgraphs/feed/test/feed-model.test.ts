import { expectData, type TestOrm } from '@social/testkit';
import type { FeedConsumer } from '../src/consumer/feed-consumer';
import { countRows, users, type FeedData } from './support/feed-fixtures';
import { startFeed, type FeedHarness } from './support/feed-harness';
import { FeedModel, seededRandom } from './support/feed-model';
import { createKafkaHarness, type KafkaHarness } from './support/kafka-harness';

jest.setTimeout(120_000);

const FEED = `query Feed($first: Int, $after: String) {
  feed(first: $first, after: $after) { edges { node { post { id } } } pageInfo { hasNextPage endCursor } }
}`;
const THRESHOLD = 3;

describe('feeds against a model, through the broker and GraphQL', () => {
  let feed: FeedHarness;
  let db: TestOrm;
  let harness: KafkaHarness;
  let consumer: FeedConsumer;
  let url: string;

  beforeAll(async () => {
    harness = await createKafkaHarness('feed-model');
    feed = await startFeed({
      prefix: 'feed_model',
      kafka: harness,
      feed: { fanoutMaxFollowers: THRESHOLD, maxEntries: 1000, batchSize: 2 },
    });
    if (!feed.consumer) throw new Error('the feed runs no consumer');
    consumer = feed.consumer;
    db = feed.db;
    url = feed.url;
  });
  afterAll(async () => {
    await feed.stop();
    await harness.close();
  });

  async function readFeed(viewer: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: FeedData = await expectData<FeedData>(url, {
        query: FEED,
        variables: { first: 7, after },
        headers: feed.headersFor(viewer),
      });
      ids.push(...data.feed.edges.map((edge) => edge.node.post.id));
      if (!data.feed.pageInfo.hasNextPage) return ids;
      after = data.feed.pageInfo.endCursor;
    }
  }

  async function expectFeedsToMatch(model: FeedModel): Promise<void> {
    await harness.waitUntilCaughtUp(consumer);
    const actual = Object.fromEntries(
      await Promise.all(model.users.map(async (u) => [u, await readFeed(u)] as const)),
    );
    const expected = Object.fromEntries(model.users.map((u) => [u, model.feedOf(u)]));
    expect(actual).toEqual(expected);
    const unread = await Promise.all(
      model.users.map(
        async (u) =>
          (
            await expectData(url, {
              query: '{ unreadNotificationCount }',
              headers: feed.headersFor(u),
            })
          ).unreadNotificationCount,
      ),
    );
    expect(unread).toEqual(model.users.map((u) => model.followers(u).length));
  }

  it.each([[20261127], [7], [424242]])(
    'a random mix of follows, unfollows, posts and deletes (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const model = new FeedModel(users(12), THRESHOLD);
      for (let round = 0; round < 2; round += 1) {
        const batch = Array.from({ length: 150 }, (_, i) => model.step(random, round * 150 + i));
        await harness.publish(...batch);
        await expectFeedsToMatch(model);
      }
      // The run must have crossed the threshold both ways and left posts to merge at read time.
      expect(model.crossings.up).toBeGreaterThan(0);
      expect(model.crossings.down).toBeGreaterThan(0);
      expect(await countRows(db, 'author_posts', 'fanned_out = 0')).toBeGreaterThan(0);
    },
  );
});
