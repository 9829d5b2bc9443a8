import type { EntityManager } from '@mikro-orm/mysql';
import { parseEvent } from '@social/events';
import type { Kafka, Logger } from '@social/kit';
import { Partitioners, type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { Counter, Registry } from 'prom-client';
import { createLagMonitor } from './consumer-lag';
import { sendToDeadLetter } from './dead-letter';
import { handleEvent } from './event-handler';
import type { FeedConfig } from './feed-config';
import { trackGroupState } from './group-state';

export type { ConsumerState } from './group-state';

export interface FeedConsumerDeps {
  kafka: Kafka;
  em: EntityManager;
  logger: Logger;
  config: FeedConfig;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  registry?: Registry;
  lagIntervalMs?: number;
  /** How long the group waits for a silent member (a crashed one) before moving its partitions. */
  sessionTimeoutMs?: number;
}

type ProcessMessage = (topic: string, partition: number, message: KafkaMessage) => Promise<void>;

/**
 * The activity-events consumer: one DB transaction per event, offsets committed only after it,
 * malformed events parked in the dead-letter topic. `stop()` finishes the event in hand,
 * commits it, and leaves the group so its partitions move to another instance at once.
 */
export function createFeedConsumer(deps: FeedConsumerDeps) {
  const log = deps.logger.child({ component: 'feed-consumer', groupId: deps.groupId });
  const registry = deps.registry ?? new Registry();
  const sessionTimeout = deps.sessionTimeoutMs ?? 30_000;
  // A short fetch wait bounds how long stop() and a rebalance wait on an idle long-poll.
  const consumer = deps.kafka.consumer({
    groupId: deps.groupId,
    sessionTimeout,
    heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
    maxWaitTimeInMs: 1_000,
  });
  // Dead letters are at-least-once like everything else here: a redelivery may park one twice.
  const producer = deps.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const lag = createLagMonitor({ ...deps, registry, intervalMs: deps.lagIntervalMs ?? 5_000 });
  const group = trackGroupState(consumer, deps.topic, log);
  const processMessage = createMessageProcessor(deps, producer, registry, log);

  return {
    async start(): Promise<void> {
      group.set('joining');
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: deps.topic, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (batch) => consumeBatch(batch, processMessage) });
      await lag.start();
    },
    async stop(): Promise<void> {
      group.set('stopped');
      await lag.stop();
      // disconnect() stops fetching, waits for the batch in hand (which ends after its
      // current event), then leaves the group.
      await consumer.disconnect();
      await producer.disconnect();
      log.info('consumer stopped');
    },
    /** A readiness check: fails unless the consumer is in its group and consuming. */
    async ready(): Promise<void> {
      if (group.state() !== 'running') throw new Error(`consumer is ${group.state()}`);
    },
    state: group.state,
    assignedPartitions: group.assigned,
    refreshLag: () => lag.refresh(),
    registry,
  };
}

export type FeedConsumer = ReturnType<typeof createFeedConsumer>;

async function consumeBatch(payload: EachBatchPayload, processMessage: ProcessMessage): Promise<void> {
  const { batch } = payload;
  for (const message of batch.messages) {
    // A stopping consumer or a revoked partition ends the batch between events, never inside one.
    if (!payload.isRunning() || payload.isStale()) break;
    await processMessage(batch.topic, batch.partition, message);
    payload.resolveOffset(message.offset);
    // The commit follows the DB commit: a crash in between only means a redelivery, which
    // processed_events turns into a no-op.
    await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
    await payload.heartbeat();
  }
}

function createMessageProcessor(
  deps: FeedConsumerDeps,
  producer: ReturnType<Kafka['producer']>,
  registry: Registry,
  log: Logger,
): ProcessMessage {
  const outcomes = new Counter({
    name: 'feed_events_total',
    help: 'Activity events seen by the feed consumer, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return async (topic, partition, message) => {
    const parsed = parseEvent(message.value);
    if (!parsed.ok) {
      await sendToDeadLetter(producer, deps.deadLetterTopic, { topic, partition, message, reason: parsed.reason });
      outcomes.inc({ outcome: 'dead_lettered' });
      log.warn({ partition, offset: message.offset, reason: parsed.reason }, 'event sent to the dead-letter topic');
      return;
    }
    const outcome = await handleEvent(parsed.event, { em: deps.em, config: deps.config });
    outcomes.inc({ outcome });
    // Rare (a crash or rebalance between the DB commit and the offset commit), so worth a line.
    if (outcome === 'duplicate') log.info({ eventId: parsed.event.id, partition, offset: message.offset }, 'event already applied: skipped');
  };
}
