import type { EntityManager } from '@mikro-orm/mysql';
import type { Clock, Logger } from '@social/kit';
import {
  Partitioners,
  trackGroupState,
  type EachBatchPayload,
  type Kafka,
} from '@social/kit/kafka';
import type { Registry } from 'prom-client';
import type { ConsumerConfig, FeedConfig } from '../config';
import { createChunkProcessor, type ProcessChunk } from './chunk-processor';
import { createLagMonitor } from './consumer-lag';

export type { ConsumerState } from '@social/kit/kafka';

export interface FeedConsumerDeps {
  kafka: Kafka;
  em: EntityManager;
  logger: Logger;
  config: FeedConfig;
  consumer: ConsumerConfig;
  registry: Registry;
  clock: Clock;
}

/**
 * The consumer of activity's events and members' (member.deleted), in one group: each fetched batch is applied in chunks of up to `txMaxEvents`
 * events, one DB transaction per chunk, offsets committed once per chunk and only after it,
 * malformed events and poison (events that keep failing on their own) parked in the
 * dead-letter topic. `stop()` finishes the chunk in hand, commits it, and leaves the group so
 * its partitions move to another instance at once.
 */
export function createFeedConsumer(deps: FeedConsumerDeps) {
  const settings = deps.consumer;
  const log = deps.logger.child({ component: 'feed-consumer', groupId: settings.groupId });
  const { registry } = deps;
  const sessionTimeout = settings.sessionTimeoutMs;
  // A short fetch wait bounds how long stop() and a rebalance wait on an idle long-poll.
  const consumer = deps.kafka.consumer({
    groupId: settings.groupId,
    sessionTimeout,
    heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
    maxWaitTimeInMs: 1_000,
  });
  // Dead letters are at-least-once like everything else here: a redelivery may park one twice.
  const producer = deps.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const lag = createLagMonitor({
    kafka: deps.kafka,
    topic: settings.topic,
    groupId: settings.groupId,
    registry,
    logger: deps.logger,
    intervalMs: settings.lagIntervalMs,
  });
  const group = trackGroupState(consumer, settings.topic, log);
  const processChunk = createChunkProcessor({
    ...deps,
    deadLetterTopic: settings.deadLetterTopic,
    poisonMaxAttempts: settings.poisonMaxAttempts,
    producer,
    log,
  });

  return {
    async start(): Promise<void> {
      group.set('joining');
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({
        topics: [settings.topic, settings.memberTopic],
        fromBeginning: true,
      });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.partitionsConcurrently,
        eachBatch: (batch) => consumeBatch(batch, processChunk, settings.txMaxEvents),
      });
      await lag.start();
    },
    async stop(): Promise<void> {
      group.set('stopped');
      await lag.stop();
      // disconnect() stops fetching, waits for the batch in hand (which ends after its
      // current chunk), then leaves the group.
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

async function consumeBatch(
  payload: EachBatchPayload,
  processChunk: ProcessChunk,
  txMaxEvents: number,
): Promise<void> {
  const { topic, partition, messages } = payload.batch;
  let next = 0;
  // A stopping consumer or a revoked partition ends the batch between chunks, never inside one.
  while (next < messages.length && payload.isRunning() && !payload.isStale()) {
    const handled = await processChunk(
      topic,
      partition,
      messages.slice(next, next + txMaxEvents),
      () => payload.heartbeat(),
    );
    next += handled;
    payload.resolveOffset(messages[next - 1].offset);
    // The commit follows the DB commit: a crash in between only means a redelivery, which
    // processed_events turns into a no-op.
    await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
    await payload.heartbeat();
  }
}
