import type { ActivityEvent } from '@social/events';
import { createTestOrm, waitFor, type TestOrm } from '@social/testkit';
import { Registry } from 'prom-client';
import {
  countRows,
  entities,
  events,
  migrations,
  minute,
  postIdOf,
  storedFeed,
  users,
} from './support/feed-fixtures';
import { createKafkaHarness, type KafkaHarness } from './support/kafka-harness';

jest.setTimeout(120_000);

const ALL_PARTITIONS = [0, 1, 2, 3, 4, 5];

async function applied(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric('feed_events_total')?.get();
  return metric?.values.find((value) => value.labels.outcome === 'applied')?.value ?? 0;
}

/** One post per author: authors spread the events over every partition. */
function postsByManyAuthors(count: number, at: number): ActivityEvent[] {
  return users(count).map((author) => events.post(author, minute(at)));
}

describe('two feed instances in one consumer group', () => {
  let db: TestOrm;
  let harness: KafkaHarness;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'feed_group', entities, migrations });
    harness = await createKafkaHarness('feed-group');
  });
  afterAll(async () => {
    await harness.close();
    await db.close();
  });

  it('split the partitions, and a stopped instance hands its partitions over without losing an event', async () => {
    const [registryA, registryB] = [new Registry(), new Registry()];
    const a = await harness.startConsumer(db, {}, registryA);
    const b = await harness.startConsumer(db, {}, registryB);
    await waitFor('both instances to hold part of the topic', () => {
      const [mine, theirs] = [a.assignedPartitions(), b.assignedPartitions()];
      return (
        mine.length > 0 &&
        theirs.length > 0 &&
        [...mine, ...theirs].sort().join() === ALL_PARTITIONS.join()
      );
    });

    const first = postsByManyAuthors(60, 1);
    await harness.publish(...first);
    await harness.waitUntilCaughtUp(b);
    expect(await applied(registryA)).toBeGreaterThan(0);
    expect(await applied(registryB)).toBeGreaterThan(0);
    expect((await applied(registryA)) + (await applied(registryB))).toBe(60);

    // Events keep arriving while A drains and leaves.
    const second = postsByManyAuthors(60, 2);
    const third = postsByManyAuthors(60, 3);
    await Promise.all([harness.publish(...second), a.stop()]);
    await waitFor(
      'B to take over every partition',
      () => b.assignedPartitions().join() === ALL_PARTITIONS.join(),
    );
    await harness.publish(...third);
    await harness.waitUntilCaughtUp(b);

    const all = [...first, ...second, ...third];
    expect(await countRows(db, 'processed_events')).toBe(all.length);
    expect(await countRows(db, 'feed_entries')).toBe(all.length);
    for (const event of all) {
      if (event.type === 'post.created')
        expect(await storedFeed(db, event.payload.authorId)).toEqual([postIdOf(event)]);
    }
  });
});
