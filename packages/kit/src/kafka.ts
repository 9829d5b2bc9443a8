import {
  Kafka as KafkaJS,
  Partitioners as KafkaJSPartitioners,
  logLevel,
  type LogEntry,
} from 'kafkajs';
import type { Logger } from 'pino';
import { stopKafkaIdleLoop } from './kafka-idle-loop';
import type { Kafka, PartitionerFactory, TopicConfig } from './kafka-types';

export type * from './kafka-types';
export type * from './kafka-consumer-types';
export { trackGroupState, type ConsumerState } from './kafka-group-state';
export { stopKafkaIdleLoop };

// Before any client exists: every connection kafkajs opens through this module is spared it.
stopKafkaIdleLoop();

/** Partition choosers: `DefaultPartitioner` is Java's murmur2, as every other client uses. */
export const Partitioners: { DefaultPartitioner: PartitionerFactory } = KafkaJSPartitioners;

/**
 * kafkajs is unmaintained, so it stays behind this module: one place to swap the client.
 * Its log lines go through pino at a matching level.
 */
export function createKafka(options: {
  clientId: string;
  brokers: string[];
  logger: Logger;
}): Kafka {
  const log = options.logger.child({ component: 'kafka' });
  return new KafkaJS({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const fields = { namespace: entry.namespace, ...extra };
      if (entry.level <= logLevel.ERROR) log.error(fields, message);
      else if (entry.level === logLevel.WARN) log.warn(fields, message);
      else log.debug(fields, message);
    },
  });
}

/**
 * Topics are created by the project with explicit partition counts (the broker's
 * automatic creation is off). Existing topics are left alone. Several services may create the
 * same topic at once at start (feed and activity both read member-events.v1): whoever loses
 * the race, or asks while the new partitions have no leader yet, waits until every partition
 * of every topic has one instead of failing its start.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicConfig[]): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = topics.map((topic) => topic.topic);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((topic) => !existing.has(topic.topic));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ replicationFactor: 1, ...topic })),
          });
        }
        const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
        const led = described.every((topic) =>
          topic.partitions.every((partition) => partition.leader >= 0),
        );
        if (led && described.length === names.length) return;
      } catch (error) {
        // Another creator's topic without leaders yet, or its "already exists": ask again.
        if (attempt >= TOPIC_ATTEMPTS) throw error;
      }
      if (attempt >= TOPIC_ATTEMPTS) throw new Error(`topics without leaders: ${names.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  } finally {
    await admin.disconnect();
  }
}

/** About 9 s of asking in all: a broker that just created a topic elects its leaders in less. */
const TOPIC_ATTEMPTS = 9;
