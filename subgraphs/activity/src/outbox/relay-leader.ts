import { TOPICS } from '@social/events';
import { ensureTopics, type Logger } from '@social/kit';
import type { Producer } from 'kafkajs';
import type { RelayMetrics } from './outbox.metrics';
import type { OutboxSignal } from './outbox.signal';
import type { OutboxRelayDeps, RelayState } from './relay';
import { deletePublished, markPublished, publishBatch, readBatch } from './relay-batch';
import type { RelayConnection } from './relay-lock';
import { backoff, type createStopper } from './stopper';

const CLEANUP_EVERY_MS = 60_000;

export interface LeaderParts {
  deps: OutboxRelayDeps;
  log: Logger;
  signal: OutboxSignal;
  metrics: RelayMetrics;
  stopper: ReturnType<typeof createStopper>;
  settings: { batchSize: number; pollIntervalMs: number; maxBackoffMs: number; retentionMs: number };
  setState(state: RelayState): void;
}

/**
 * The leader's work. Kafka failures are retried here with backoff, keeping the lock and the
 * position (the same rows are tried again, so order holds); database failures throw to the
 * loop above, which gives the lock up with the connection.
 */
export function createLeader(parts: LeaderParts) {
  const { deps, log, stopper, settings } = parts;
  let producer: Producer | null = null;
  let topicsReady = false;
  let lastCleanup = 0;

  async function connectProducer(): Promise<Producer> {
    if (!topicsReady) {
      await ensureTopics(deps.kafka, deps.topics ?? TOPICS);
      topicsReady = true;
    }
    // Retries stay short here: the relay itself retries forever, with a fresh producer.
    const created = deps.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    await created.connect();
    return created;
  }

  async function dropProducer() {
    const old = producer;
    producer = null;
    await old?.disconnect().catch(() => undefined);
  }

  /** Publishes one batch; returns how many rows it published, or -1 when Kafka failed. */
  async function relayOnce(relay: RelayConnection): Promise<number> {
    const rows = await readBatch(relay.connection, settings.batchSize);
    if (rows.length === 0) return 0;
    try {
      producer ??= await connectProducer();
      await publishBatch(producer, rows, deps.topic);
    } catch (error) {
      log.warn({ err: error, pending: rows.length }, 'publishing outbox events failed; will retry in order');
      await dropProducer();
      return -1;
    }
    // A crash between send and mark republishes these rows: consumers dedup by event id.
    await markPublished(relay.connection, rows);
    parts.metrics.published(rows.length);
    return rows.length;
  }

  async function maybeCleanUp(relay: RelayConnection) {
    if (Date.now() - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = Date.now();
    const deleted = await deletePublished(relay.connection, settings.retentionMs);
    if (deleted > 0) log.info({ deleted }, 'deleted old published outbox rows');
  }

  async function lead(relay: RelayConnection) {
    parts.setState('leader');
    let failures = 0;
    try {
      while (!stopper.stopped) {
        const published = await relayOnce(relay);
        if (published < 0) {
          failures += 1;
          parts.setState('kafka-unavailable');
          await stopper.sleep(backoff(failures, settings.maxBackoffMs));
          continue;
        }
        failures = 0;
        parts.setState('leader');
        if (published === settings.batchSize) continue;
        await maybeCleanUp(relay);
        await parts.signal.wait(settings.pollIntervalMs);
      }
    } finally {
      await dropProducer();
    }
  }

  return { lead };
}

