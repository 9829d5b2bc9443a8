// Reference for the event pipeline: a kafkajs producer configured like the outbox relay
// (idempotent, one request in flight, acks from all replicas) sending one message at a time,
// each send awaited, to a scratch topic on the same broker.
import kafkajs from 'kafkajs';
import { serveChild } from './child.mjs';

const { Kafka, Partitioners, logLevel } = kafkajs;

serveChild(async ({ brokers, topic, seconds, maxMessages, value }) => {
  const kafka = new Kafka({
    clientId: 'bench-ref',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  for (let i = 0; i < 50; i += 1)
    await producer.send({ topic, acks: -1, messages: [{ key: `warm-${i}`, value }] });
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  let sent = 0;
  while (Date.now() < deadline && sent < maxMessages) {
    await producer.send({ topic, acks: -1, messages: [{ key: `key-${sent % 1000}`, value }] });
    sent += 1;
  }
  const elapsed = (Date.now() - started) / 1000;
  await producer.disconnect();
  return {
    sent,
    seconds: Number(elapsed.toFixed(2)),
    messagesPerSecond: Number((sent / elapsed).toFixed(1)),
  };
});
