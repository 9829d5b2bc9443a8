import { HEADERS, serializeEvent } from '@social/events';
import { waitFor, type TestOrm } from '@social/testkit';
import type { FeedConsumer } from '../src/consumer/feed-consumer';
import { header, readDeadLetters } from './support/dead-letters';
import { countRows, events, minute, postIdOf, users } from './support/feed-fixtures';
import { startFeed, type FeedHarness } from './support/feed-harness';
import { createKafkaHarness, type KafkaHarness } from './support/kafka-harness';

jest.setTimeout(60_000);

/**
 * The database itself refuses the follows of chosen members: a trigger on this file's throwaway
 * database SIGNALs for every follower listed in test_rejections, either as a constraint the
 * code does not expect (`poison`) or as a deadlock (`deadlock`, MySQL's errno 1213). Each
 * refusal is counted in a MyISAM table, which keeps its rows when the transaction rolls back.
 */
const REJECTING_TRIGGER = `
  CREATE TRIGGER test_reject_follows BEFORE INSERT ON follows FOR EACH ROW
  BEGIN
    DECLARE verdict VARCHAR(10) DEFAULT (SELECT how FROM test_rejections WHERE follower_id = NEW.follower_id);
    IF verdict IS NOT NULL THEN
      INSERT INTO test_rejection_hits (follower_id) VALUES (NEW.follower_id);
      IF verdict = 'poison' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'follow rejected by the test trigger';
      ELSE
        SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found (test trigger)';
      END IF;
    END IF;
  END`;

describe('feed consumer: events whose handling fails', () => {
  let feed: FeedHarness;
  let db: TestOrm;
  let harness: KafkaHarness;
  let consumer: FeedConsumer;
  let maxAttempts: number;

  const sql = (statement: string, params: unknown[] = []) =>
    db.orm.em.getConnection().execute(statement, params);
  const reject = (followerId: string, how: 'poison' | 'deadlock') =>
    sql('INSERT INTO test_rejections (follower_id, how) VALUES (?, ?)', [followerId, how]);
  const refusals = (followerId: string) =>
    countRows(db, 'test_rejection_hits', 'follower_id = ?', [followerId]);
  const metric = async (series: string): Promise<number> => {
    const text = await (await fetch(`${feed.opsUrl}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    if (line === undefined) throw new Error(`no ${series} in /metrics`);
    return Number(line.slice(series.length + 1));
  };

  beforeAll(async () => {
    harness = await createKafkaHarness('feed-poison');
    feed = await startFeed({ prefix: 'feed_poison', kafka: harness });
    if (!feed.consumer) throw new Error('the feed runs no consumer');
    consumer = feed.consumer;
    db = feed.db;
    maxAttempts = feed.config.consumer.poisonMaxAttempts;
    await sql('CREATE TABLE test_rejections (follower_id CHAR(36) PRIMARY KEY, how VARCHAR(10))');
    await sql('CREATE TABLE test_rejection_hits (follower_id CHAR(36)) ENGINE=MyISAM');
    await sql(REJECTING_TRIGGER);
  });

  afterAll(async () => {
    await feed.stop();
    await harness.close();
  });

  it('parks an event that fails on its own after FEED_POISON_MAX_ATTEMPTS tries, with the error, and applies the rest of its partition', async () => {
    const [author, liker, poisoner, fan] = users(4) as [string, string, string, string];
    await reject(poisoner, 'poison');
    const post = events.post(author, minute(1));
    const poison = events.follow(poisoner, author);
    // One key (the author): one partition, in this order, the poison between good events.
    await harness.publish(
      post,
      events.like(liker, postIdOf(post), author),
      poison,
      events.comment(fan, postIdOf(post), author),
    );
    await waitFor(
      'the comment after the poison to be applied',
      async () => (await countRows(db, 'notifications', 'actor_id = ?', [fan])) === 1,
    );
    const [parked, ...others] = await readDeadLetters(harness, 1);
    expect(others).toEqual([]);
    expect(parked?.value?.toString()).toBe(serializeEvent(poison));
    expect(header(parked, HEADERS.deadLetterReason)).toBe(
      'handler failed: DriverException ER_SIGNAL_EXCEPTION: follow rejected by the test trigger',
    );
    expect(header(parked, HEADERS.originalTopic)).toBe(harness.topic);
    // Nothing of the poison stays behind; its neighbours are applied.
    expect(await countRows(db, 'processed_events', 'event_id = ?', [poison.id])).toBe(0);
    expect(await countRows(db, 'follows', 'follower_id = ?', [poisoner])).toBe(0);
    expect(await countRows(db, 'notifications', 'recipient_id = ?', [author])).toBe(2);
    // The partition's offset moves past it, and it is not tried again.
    await harness.waitUntilCaughtUp(consumer);
    // Tried alone FEED_POISON_MAX_ATTEMPTS times, after one try in its chunk if it had company.
    const tries = await refusals(poisoner);
    expect(tries).toBeGreaterThanOrEqual(maxAttempts);
    expect(tries).toBeLessThanOrEqual(maxAttempts + 1);
    expect(await metric('feed_dead_letters_total{reason="handler_failed"}')).toBe(1);
    expect(await metric('feed_dead_letters_total{reason="malformed"}')).toBe(0);
    expect(await metric('feed_events_total{outcome="dead_lettered"}')).toBe(1);
    expect(consumer.state()).toBe('running');
  });

  it('parks nothing for a transient failure however often it repeats, and applies the event once it passes', async () => {
    const [author, follower] = users(2) as [string, string];
    await reject(follower, 'deadlock');
    const parkedBefore = await metric('feed_dead_letters_total{reason="handler_failed"}');
    const follow = events.follow(follower, author);
    await harness.publish(follow);
    // Well past FEED_POISON_MAX_ATTEMPTS: the handler's own deadlock retries, then kafkajs
    // retrying the batch.
    await waitFor('the follow to be refused over and over', async () => {
      return (await refusals(follower)) > 4 * (maxAttempts + 1);
    });
    expect(await countRows(db, 'processed_events', 'event_id = ?', [follow.id])).toBe(0);
    await sql('DELETE FROM test_rejections WHERE follower_id = ?', [follower]);
    await waitFor(
      'the follow once the database takes it',
      async () => (await countRows(db, 'processed_events', 'event_id = ?', [follow.id])) === 1,
    );
    expect(await countRows(db, 'follows', 'follower_id = ?', [follower])).toBe(1);
    await waitFor('the consumer back in its group', () => consumer.state() === 'running');
    await harness.waitUntilCaughtUp(consumer);
    // A parked event would never have been applied: its offset would be behind the group.
    expect(await metric('feed_dead_letters_total{reason="handler_failed"}')).toBe(parkedBefore);
  });
});
