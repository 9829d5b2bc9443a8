import { TOPICS } from '@social/events';
import { ensureTopics, type Logger } from '@social/kit';
import type { Producer } from 'kafkajs';
import type { RelayMetrics } from './outbox.metrics';
import type { OutboxSignal } from './outbox.signal';
import type { OutboxRelayDeps, RelayState } from './relay';
import { deletePublished, markPublished, publishBatch, readBatch } from './relay-batch';
import type { RelayConnection } from './relay-lock';
import { backoff, type Stopper } from './stopper';

const CLEANUP_EVERY_MS = 60_000;

export interface LeaderParts {
  deps: OutboxRelayDeps;
  log: Logger;
  signal: OutboxSignal;
  metrics: RelayMetrics;
  stopper: Stopper;
  settings: { batchSize: number; pollIntervalMs: number; maxBackoffMs: number; retentionMs: number };
  setState(state: RelayState): void;
}

/**
 * The leader's work. Kafka failures are retried here with backoff, keeping the lock and the
 * position (the same rows are tried again, so order holds); database failures throw to the
 * relay loop, which gives the lock up with the connection.
 */
export class RelayLeader {
  private producer: Producer | null = null;
  private topicsReady = false;
  private lastCleanup = 0;

  constructor(private readonly parts: LeaderParts) {}

  async lead(relay: RelayConnection): Promise<void> {
    const { stopper, settings } = this.parts;
    this.parts.setState('leader');
    let failures = 0;
    try {
      while (!stopper.stopped) {
        const published = await this.relayOnce(relay);
        if (published < 0) {
          failures += 1;
          this.parts.setState('kafka-unavailable');
          await stopper.sleep(backoff(failures, settings.maxBackoffMs));
          continue;
        }
        failures = 0;
        this.parts.setState('leader');
        if (published === settings.batchSize) continue;
        await this.maybeCleanUp(relay);
        await this.parts.signal.wait(settings.pollIntervalMs);
      }
    } finally {
      await this.dropProducer();
    }
  }

  /** Publishes one batch; returns how many rows it published, or -1 when Kafka failed. */
  private async relayOnce(relay: RelayConnection): Promise<number> {
    const rows = await readBatch(relay.connection, this.parts.settings.batchSize);
    if (rows.length === 0) return 0;
    try {
      this.producer ??= await this.connectProducer();
      await publishBatch(this.producer, rows, this.parts.deps.topic);
    } catch (error) {
      this.parts.log.warn({ err: error, pending: rows.length }, 'publishing outbox events failed; will retry in order');
      await this.dropProducer();
      return -1;
    }
    // A crash between send and mark republishes these rows: consumers dedup by event id.
    await markPublished(relay.connection, rows);
    this.parts.metrics.published(rows.length);
    return rows.length;
  }

  private async connectProducer(): Promise<Producer> {
    const { kafka, topics } = this.parts.deps;
    if (!this.topicsReady) {
      await ensureTopics(kafka, topics ?? TOPICS);
      this.topicsReady = true;
    }
    // Retries stay short here: the relay itself retries forever, with a fresh producer whose
    // sequence numbers start clean after a broker restart.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    await producer.connect();
    return producer;
  }

  private async dropProducer(): Promise<void> {
    const old = this.producer;
    this.producer = null;
    await old?.disconnect().catch(() => undefined);
  }

  private async maybeCleanUp(relay: RelayConnection): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    const deleted = await deletePublished(relay.connection, this.parts.settings.retentionMs);
    if (deleted > 0) this.parts.log.info({ deleted }, 'deleted old published outbox rows');
  }
}
