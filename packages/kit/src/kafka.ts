import {
  Kafka as KafkaJS,
  Partitioners as KafkaJSPartitioners,
  logLevel,
  type LogEntry,
} from 'kafkajs';
import type { Logger } from 'pino';
import type { Kafka, PartitionerFactory, TopicConfig } from './kafka-types';

export type * from './kafka-types';
export type * from './kafka-consumer-types';
export { trackGroupState, type ConsumerState } from './kafka-group-state';

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
 * automatic creation is off). Existing topics are left alone.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicConfig[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ replicationFactor: 1, ...topic })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
