import { HEADERS } from '@social/events';
import { waitFor, type TestOrm } from '@social/testkit';
import type { FeedConsumer } from '../src/consumer/feed-consumer';
import { header, readDeadLetters } from './support/dead-letters';
import { countRows, events, minute, postIdOf, storedFeed, users } from './support/feed-fixtures';
import { startFeed, type FeedHarness } from './support/feed-harness';
import { createKafkaHarness, type KafkaHarness } from './support/kafka-harness';

jest.setTimeout(60_000);

describe('feed consumer on the real broker', () => {
  let feed: FeedHarness;
  let db: TestOrm;
  let harness: KafkaHarness;
  let consumer: FeedConsumer;
  let opsUrl: string;

  beforeAll(async () => {
    harness = await createKafkaHarness('feed-consumer');
    feed = await startFeed({ prefix: 'feed_consumer', kafka: harness });
    if (!feed.consumer) throw new Error('the feed runs no consumer');
    consumer = feed.consumer;
    db = feed.db;
    opsUrl = feed.opsUrl;
  });

  afterAll(async () => {
    await feed.stop();
    await harness.close();
  });

  it('applies published events and commits the offsets after them', async () => {
    const [author, reader] = users(2) as [string, string];
    const post = events.post(author, minute(1));
    await harness.publish(events.follow(reader, author), post);
    await waitFor(
      'the post in the reader’s feed',
      async () => (await storedFeed(db, reader)).length === 1,
    );
    expect(await storedFeed(db, reader)).toEqual([postIdOf(post)]);
    await harness.waitUntilCaughtUp(consumer);
  });

  it('parks malformed and unknown events in the dead-letter topic with the reason and moves on', async () => {
    const [author, liker] = users(2) as [string, string];
    const post = events.post(author, minute(2));
    // Same key as the valid events, so all share a partition and the bad ones sit in front.
    await harness.publishRaw(author, 'not json at all', { 'x-request-id': 'req-1' });
    await harness.publishRaw(
      author,
      JSON.stringify({ ...events.follow(liker, author), type: 'follow.exploded' }),
    );
    await harness.publish(post, events.like(liker, postIdOf(post), author));
    await waitFor(
      'the like notification',
      async () => (await countRows(db, 'notifications', 'post_id = ?', [postIdOf(post)])) === 1,
    );
    const parked = await readDeadLetters(harness, 2);
    expect(parked.map((m) => header(m, HEADERS.deadLetterReason))).toEqual([
      'not JSON',
      'unknown event type "follow.exploded"',
    ]);
    expect(parked[0]?.value?.toString()).toBe('not json at all');
    expect(header(parked[0], 'x-request-id')).toBe('req-1');
    expect(header(parked[0], HEADERS.originalTopic)).toBe(harness.topic);
    expect(header(parked[1], HEADERS.originalOffset)).toBe(
      String(Number(header(parked[0], HEADERS.originalOffset)) + 1),
    );
    await harness.waitUntilCaughtUp(consumer);
  });

  it('applies an event published twice only once', async () => {
    const [author, liker] = users(2) as [string, string];
    const post = events.post(author, minute(3));
    const like = events.like(liker, postIdOf(post), author);
    await harness.publish(post, like, events.unlike(liker, postIdOf(post), author), like);
    await harness.waitUntilCaughtUp(consumer);
    expect(await countRows(db, 'processed_events', 'event_id = ?', [like.id])).toBe(1);
    // The redelivered like did not bring back the notification the unlike retracted.
    expect(
      await countRows(db, 'notifications', 'post_id = ? AND retracted_at IS NULL', [
        postIdOf(post),
      ]),
    ).toBe(0);
  });

  it('exposes the lag per partition in /metrics', async () => {
    await harness.waitUntilCaughtUp(consumer);
    const text = await (await fetch(`${opsUrl}/metrics`)).text();
    const lines = text.split('\n').filter((line) => line.startsWith('feed_consumer_lag{'));
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(new RegExp(`topic="${harness.topic}".* 0$`));
    expect(text).toMatch(/feed_events_total\{outcome="dead_lettered"\} 2/);
  });

  it('applies a backlog with a duplicate and a malformed event in the middle once, parks the bad one, and commits to its end', async () => {
    const [author, liker, fan] = users(3) as [string, string, string];
    const post = events.post(author, minute(4));
    const like = events.like(liker, postIdOf(post), author);
    const comment = events.comment(fan, postIdOf(post), author);
    // One key: one partition, in this order; the consumer applies them in chunks.
    await harness.publish(post, like);
    await harness.publishRaw(author, '{"half": ', { 'x-request-id': 'req-2' });
    await harness.publish(like, comment, events.follow(fan, author));
    await harness.waitUntilCaughtUp(consumer);
    expect(
      await countRows(db, 'processed_events', 'event_id IN (?, ?, ?)', [
        post.id,
        like.id,
        comment.id,
      ]),
    ).toBe(3);
    expect(await countRows(db, 'notifications', 'recipient_id = ?', [author])).toBe(3);
    expect(await storedFeed(db, fan)).toEqual([postIdOf(post)]);
    const [parked] = await readDeadLetters(harness, 1);
    expect(parked?.value?.toString()).toBe('{"half": ');
    expect(header(parked, 'x-request-id')).toBe('req-2');
  });

  it('reports the consumer in /readyz: ready while consuming, not ready once stopped', async () => {
    const ready = await fetch(`${opsUrl}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', checks: { mysql: 'ok', consumer: 'ok' } },
    });
    await consumer.stop();
    const stopped = await fetch(`${opsUrl}/readyz`);
    expect({ status: stopped.status, body: await stopped.json() }).toEqual({
      status: 503,
      body: { status: 'not ready', checks: { mysql: 'ok', consumer: 'consumer is stopped' } },
    });
  });
});
