import { ACTIVITY_TOPIC, eventKey, serializeEvent, type ActivityEvent } from '@social/events';
import { systemClock } from '@social/kit';
import {
  createKafka,
  ensureTopics,
  type IHeaders,
  type Kafka,
  type Producer,
} from '@social/kit/kafka';
import {
  groupLag,
  silentLogger,
  TEST_KAFKA_BROKERS,
  uniqueName,
  waitFor,
  withAdmin,
  type TestOrm,
} from '@social/testkit';
import { Registry } from 'prom-client';
import { createFeedConsumer, type FeedConsumer } from '../../src/consumer/feed-consumer';
import type { ConsumerConfig, FeedConfig } from '../../src/config';
import { testServiceConfig } from './feed-fixtures';

/** A per-file topic pair and group on the real broker, and a producer that writes like activity does. */
export async function createKafkaHarness(prefix: string) {
  const kafka: Kafka = createKafka({
    clientId: uniqueName(prefix),
    brokers: TEST_KAFKA_BROKERS,
    logger: silentLogger,
  });
  const topic = uniqueName(`${prefix}-events`);
  const deadLetterTopic = uniqueName(`${prefix}-dlq`);
  const memberTopic = uniqueName(`${prefix}-members`);
  const groupId = uniqueName(`${prefix}-group`);
  await ensureTopics(kafka, [
    { topic, numPartitions: ACTIVITY_TOPIC.numPartitions },
    { topic: deadLetterTopic, numPartitions: 1 },
    { topic: memberTopic, numPartitions: 1 },
  ]);
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const consumers: FeedConsumer[] = [];
  // This file's topics and group, and a lag refresh fast enough to wait on.
  const consumer: Partial<ConsumerConfig> = {
    topic,
    memberTopic,
    deadLetterTopic,
    groupId,
    lagIntervalMs: 200,
  };

  return {
    kafka,
    topic,
    memberTopic,
    deadLetterTopic,
    groupId,
    consumer,
    async publish(...events: ActivityEvent[]): Promise<void> {
      await producer.send({
        topic,
        messages: events.map((event) => ({
          key: eventKey(event),
          value: serializeEvent(event),
          headers: { 'event-type': event.type },
        })),
      });
    },
    async publishRaw(key: string, value: string, headers: IHeaders = {}): Promise<void> {
      await producer.send({ topic, messages: [{ key, value, headers }] });
    },
    /** Starts a consumer in this harness's group; it is stopped by `close` if the test does not. */
    async startConsumer(
      db: TestOrm,
      config: Partial<FeedConfig> = {},
      registry = new Registry(),
    ): Promise<FeedConsumer> {
      const settings = testServiceConfig({ feed: config, consumer });
      const started = createFeedConsumer({
        kafka,
        em: db.orm.em,
        logger: silentLogger,
        config: settings.feed,
        consumer: settings.consumer,
        registry,
        clock: systemClock,
      });
      consumers.push(started);
      await started.start();
      await waitFor('the consumer to join its group', () => started.state() === 'running');
      return started;
    },
    /** Every partition's end offset equals the group's committed offset. */
    async waitUntilCaughtUp(consumer: FeedConsumer): Promise<void> {
      await waitFor('the group to commit every produced event', async () => {
        const lag = await consumer.refreshLag();
        return [...lag.values()].every((value) => value === 0);
      });
    },
    /** Messages of the topic the group has not committed yet, over all partitions. */
    groupLag: () => groupLag(kafka, topic, groupId),
    async groupState(): Promise<string | undefined> {
      return withAdmin(
        kafka,
        async (admin) => (await admin.describeGroups([groupId])).groups[0]?.state,
      );
    },
    /** Moves the group back to the start of every partition (only while it has no members). */
    async resetToEarliest(): Promise<void> {
      await withAdmin(kafka, (admin) => admin.resetOffsets({ groupId, topic, earliest: true }));
    },
    async close(): Promise<void> {
      for (const started of consumers) if (started.state() !== 'stopped') await started.stop();
      await producer.disconnect();
    },
  };
}

export type KafkaHarness = Awaited<ReturnType<typeof createKafkaHarness>>;
