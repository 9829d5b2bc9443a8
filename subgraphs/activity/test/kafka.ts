import { parseEvent, type ActivityEvent } from '@social/events';
import { createKafka, ensureTopics } from '@social/kit/kafka';
import { silentLogger, uniqueName, waitFor, type TestOrm } from '@social/testkit';
import type { Registry } from 'prom-client';
import { loadConfig } from '../src/config';
import { createOutboxRelay, createOutboxSignal, type OutboxSignal } from '@social/kit/outbox';

export interface Received {
  partition: number;
  key: string;
  event: ActivityEvent;
}

/** A topic of this test file's own, shaped like the real one (6 partitions). */
export async function createTestTopic(brokers: string[]): Promise<string> {
  const topic = uniqueName('activity-events-test');
  await ensureTopics(testKafka(brokers), [{ topic, numPartitions: 6 }]);
  return topic;
}

function testKafka(brokers: string[]) {
  return createKafka({ clientId: uniqueName('activity-test'), brokers, logger: silentLogger });
}

/** The configuration of an environment that sets nothing: every default, from config.ts. */
const defaults = loadConfig({});

/** A relay on the test database that publishes to the test's topic, polling fast. */
export function startRelay(
  db: TestOrm,
  options: {
    brokers: string[];
    topic: string;
    signal?: OutboxSignal;
    registry?: Registry;
    retentionMs?: number;
    batchSize?: number;
  },
) {
  const relay = createOutboxRelay({
    service: 'activity',
    orm: db.orm,
    kafka: testKafka(options.brokers),
    logger: silentLogger,
    signal: options.signal ?? createOutboxSignal(),
    registry: options.registry,
    topic: options.topic,
    topics: [{ topic: options.topic, numPartitions: 6 }],
    settings: {
      ...defaults.relay,
      pollIntervalMs: 50,
      standbyIntervalMs: 100,
      maxBackoffMs: 500,
      ...(options.retentionMs !== undefined && { retentionMs: options.retentionMs }),
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    },
  });
  relay.start();
  return relay;
}

/** Reads the topic from the beginning in a consumer group of its own. */
export async function collect(brokers: string[], topic: string) {
  const consumer = testKafka(brokers).consumer({ groupId: uniqueName('activity-test') });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const parsed = parseEvent(message.value);
      if (!parsed.ok) throw new Error(`unparsable event on ${topic}: ${parsed.reason}`);
      received.push({ partition, key: message.key?.toString() ?? '', event: parsed.event });
    },
  });
  return {
    received,
    /** Waits until at least `count` messages arrived. */
    atLeast: (count: number, timeoutMs = 60_000) =>
      waitFor(`${count} messages on ${topic}`, () => received.length >= count && received, {
        timeoutMs,
      }),
    stop: () => consumer.disconnect(),
  };
}

/** Event ids per key in arrival order: what a consumer relies on. */
export function idsByKey(
  messages: Array<{ key: string; event: { id: string } }>,
): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const { key, event } of messages) byKey.set(key, [...(byKey.get(key) ?? []), event.id]);
  return byKey;
}
