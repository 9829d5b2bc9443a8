// References for the event pipeline, on the same broker, in a process of their own:
// - produce: the client's limit for the relay: a kafkajs producer configured like the outbox
//   relay (idempotent, one request in flight, acks from all replicas) sending the same messages
//   in the same batches, each batch awaited, to a scratch topic with the activity topic's
//   partitions;
// - consume: the client's limit for the feed consumer: a kafkajs consumer of a fresh group over
//   that already published scratch topic, with the feed's partition concurrency and an eachBatch
//   that only resolves and commits offsets.
import kafkajs from 'kafkajs';
import { serveChild } from './child.mjs';

const { Kafka, Partitioners, logLevel } = kafkajs;

const client = (brokers) =>
  new Kafka({ clientId: 'bench-ref', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

/** Steady rate: the batches after the first, over the time between the first's end and the last's. */
function steadyRate(count, firstBatch, startedAt, ends) {
  if (ends.length < 2) return count / (Math.max(1, ends[0] - startedAt) / 1000);
  return (count - firstBatch) / (Math.max(1, ends[ends.length - 1] - ends[0]) / 1000);
}

async function produce({ brokers, topic, numPartitions, messages, batchSize }) {
  const kafka = client(brokers);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [topic, `${topic}-warm`].map((name) => ({
      topic: name,
      numPartitions,
      replicationFactor: 1,
    })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  // Warm the connections to every partition leader before the clock starts.
  await producer.send({ topic: `${topic}-warm`, acks: -1, messages: messages.slice(0, 50) });
  const startedAt = Date.now();
  const ends = [];
  for (let i = 0; i < messages.length; i += batchSize) {
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + batchSize) });
    ends.push(Date.now());
  }
  await producer.disconnect();
  const rate = steadyRate(messages.length, Math.min(batchSize, messages.length), startedAt, ends);
  return {
    sent: messages.length,
    batches: ends.length,
    seconds: Number(((ends[ends.length - 1] - startedAt) / 1000).toFixed(2)),
    messagesPerSecond: Number(rate.toFixed(1)),
  };
}

async function consume({ brokers, topic, expected, partitionsConcurrently, timeoutMs }) {
  const consumer = client(brokers).consumer({
    groupId: `${topic}-ref-${Date.now()}`,
    maxWaitTimeInMs: 1000,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`consumer reference: ${seen} of ${expected} after ${timeoutMs} ms`)),
      timeoutMs,
    );
    consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: partitionsConcurrently,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets }) => {
        first ||= Date.now();
        for (const message of batch.messages) resolveOffset(message.offset);
        await commitOffsetsIfNecessary(uncommittedOffsets());
        seen += batch.messages.length;
        last = Date.now();
        if (seen >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await done;
  await consumer.disconnect();
  return {
    consumed: seen,
    seconds: Number(((last - first) / 1000).toFixed(2)),
    messagesPerSecond: Number((seen / (Math.max(1, last - first) / 1000)).toFixed(1)),
  };
}

serveChild((input) => (input.mode === 'consume' ? consume(input) : produce(input)));
