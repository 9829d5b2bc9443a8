import { ACTIVITY_TOPIC, DEAD_LETTER_TOPIC } from '@social/events';
import { createKafka, ensureTopics, type Kafka } from '@social/kit/kafka';
import { silentLogger, uniqueName, type TestOrm } from '@social/testkit';
import { loadConfig as loadActivityConfig } from '../../subgraphs/activity/src/config';
import {
  createOutboxSignal,
  type OutboxSignal,
} from '../../subgraphs/activity/src/outbox/outbox.signal';
import { createOutboxRelay, type OutboxRelay } from '../../subgraphs/activity/src/outbox/relay';

/**
 * The event pipeline of a test stack on the real broker: topics and a consumer group of the
 * stack's own, activity's outbox relay publishing to them (polling fast), and the variables
 * that point the feed's consumer at them.
 */
export interface StackPipeline {
  kafka: Kafka;
  /** Shared by activity's server (notified after each commit) and the relay. */
  signal: OutboxSignal;
  /** FEED_TOPIC, FEED_DEAD_LETTER_TOPIC, FEED_GROUP_ID for the feed's environment. */
  feedEnv: Record<string, string>;
  startRelay(activity: TestOrm): OutboxRelay;
}

export async function createPipeline(brokers: string[]): Promise<StackPipeline> {
  const kafka = createKafka({ clientId: uniqueName('stack'), brokers, logger: silentLogger });
  const topic = uniqueName('stack-events');
  const deadLetterTopic = uniqueName('stack-dlq');
  await ensureTopics(kafka, [
    { ...ACTIVITY_TOPIC, topic },
    { ...DEAD_LETTER_TOPIC, topic: deadLetterTopic },
  ]);
  const signal = createOutboxSignal();
  const relaySettings = loadActivityConfig({}).relay;
  return {
    kafka,
    signal,
    feedEnv: {
      FEED_TOPIC: topic,
      FEED_DEAD_LETTER_TOPIC: deadLetterTopic,
      FEED_GROUP_ID: uniqueName('stack-feed'),
    },
    startRelay: (activity) => {
      const relay = createOutboxRelay({
        orm: activity.orm,
        kafka,
        logger: silentLogger,
        signal,
        topic,
        topics: [{ ...ACTIVITY_TOPIC, topic }],
        settings: { ...relaySettings, pollIntervalMs: 50, standbyIntervalMs: 100 },
      });
      relay.start();
      return relay;
    },
  };
}
