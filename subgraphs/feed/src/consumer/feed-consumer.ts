import type { EntityManager } from '@mikro-orm/mysql';
import type { Logger } from '@social/kit';
import type { Kafka } from '@social/kit/kafka';
import { Partitioners, type EachBatchPayload } from 'kafkajs';
import { Registry } from 'prom-client';
import { createChunkProcessor, type ProcessChunk } from './chunk-processor';
import { createLagMonitor } from './consumer-lag';
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
  /** Events applied per DB transaction (fewer when a chunk holds a large fan-out). */
  txMaxEvents?: number;
  /** Partitions applied at the same time; order holds within each partition. */
  partitionsConcurrently?: number;
}

/**
 * The activity-events consumer: each fetched batch is applied in chunks of up to `txMaxEvents`
 * events, one DB transaction per chunk, offsets committed once per chunk and only after it,
 * malformed events parked in the dead-letter topic. `stop()` finishes the chunk in hand,
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
  const processChunk = createChunkProcessor({ ...deps, producer, registry, log });
  const txMaxEvents = deps.txMaxEvents ?? 200;

  return {
    async start(): Promise<void> {
      group.set('joining');
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: deps.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: deps.partitionsConcurrently ?? 3,
        eachBatch: (batch) => consumeBatch(batch, processChunk, txMaxEvents),
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
    const handled = await processChunk(topic, partition, messages.slice(next, next + txMaxEvents));
    next += handled;
    payload.resolveOffset((messages[next - 1] as (typeof messages)[number]).offset);
    // The commit follows the DB commit: a crash in between only means a redelivery, which
    // processed_events turns into a no-op.
    await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
    await payload.heartbeat();
  }
}
