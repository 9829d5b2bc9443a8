import { TEST_KAFKA_BROKERS, silentLogger, uniqueName } from '@social/testkit';
import { createKafka, ensureTopics } from '../src/kafka';

describe('Kafka through kafkajs against the real broker', () => {
  const kafka = createKafka({
    clientId: 'kit-test',
    brokers: TEST_KAFKA_BROKERS,
    logger: silentLogger,
  });

  it('creates the same new topics from several services at once, every partition led when each returns', async () => {
    const topics = [
      { topic: uniqueName('kit-race-a'), numPartitions: 6 },
      { topic: uniqueName('kit-race-b'), numPartitions: 6 },
    ];
    const clients = [0, 1, 2, 3].map((n) =>
      createKafka({ clientId: `kit-race-${n}`, brokers: TEST_KAFKA_BROKERS, logger: silentLogger }),
    );
    // Each one alone, then with the others: feed and activity create member-events.v1 at start.
    await Promise.all(
      clients.map((client, n) => ensureTopics(client, n % 2 ? topics : [...topics].reverse())),
    );
    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) });
    await admin.disconnect();
    expect(
      metadata.topics.map((topic) => [
        topic.partitions.length,
        topic.partitions.every((partition) => partition.leader >= 0),
      ]),
    ).toEqual([
      [6, true],
      [6, true],
    ]);
  });

  it('creates a topic with the asked partition count and round-trips messages through a consumer group', async () => {
    const topic = uniqueName('kit-roundtrip');
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]); // idempotent

    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(metadata.topics[0]?.partitions).toHaveLength(3);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = ['a', 'b', 'c', 'd'].map((key, index) => ({ key, value: `message-${index}` }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('kit-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Array<{ key: string; value: string }> = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            received.push({ key: String(message.key), value: String(message.value) });
            if (received.length === sent.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(received.sort((x, y) => x.key.localeCompare(y.key))).toEqual(sent);
  });

  it('refuses to auto-create a topic nobody declared', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1 } });
    await producer.connect();
    await expect(
      producer.send({ topic: uniqueName('undeclared'), messages: [{ value: 'x' }] }),
    ).rejects.toThrow(/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION|topic/i);
    await producer.disconnect();
  });
});
