import { ensureTopics } from '../kafka';
import type { Producer } from '../kafka-types';
import type { Logger } from '../logger';
import type { RelayMetrics } from './outbox.metrics';
import type { OutboxSignal } from './outbox.signal';
import type { OutboxRelayDeps, RelaySettings, RelayState } from './relay';
import {
  deletePublished,
  markPublished,
  publishBatch,
  readBatch,
  type OutboxRow,
} from './relay-batch';
import type { RelayConnection } from './relay-lock';
import { backoff, type Stopper } from './stopper';

const CLEANUP_EVERY_MS = 60_000;

export interface LeaderParts {
  deps: OutboxRelayDeps;
  log: Logger;
  signal: OutboxSignal;
  metrics: RelayMetrics;
  stopper: Stopper;
  settings: RelaySettings;
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
      await this.connectEarly();
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
        await this.maybeCleanUp(relay);
        await this.parts.signal.wait(settings.pollIntervalMs);
      }
    } finally {
      await this.dropProducer();
    }
  }

  /**
   * Publishes the backlog; returns how many rows it published, or -1 when Kafka failed. While
   * batch N is produced, the relay connection marks batch N-1 and then reads batch N+1, one
   * query at a time; produce requests stay strictly one after another, in id order. A row is
   * marked only after its own produce was acknowledged. A Kafka failure drops the read-ahead,
   * so the caller retries from the oldest unpublished row.
   */
  private async relayOnce(relay: RelayConnection): Promise<number> {
    const { batchSize } = this.parts.settings;
    const connection = relay.connection;
    let rows = await readBatch(connection, batchSize);
    let acknowledged: OutboxRow[] = [];
    let published = 0;
    try {
      while (rows.length > 0) {
        const current = rows;
        const previous = acknowledged;
        const [produced, next] = await Promise.allSettled([
          this.produce(current),
          (async () => {
            await this.mark(connection, previous);
            return current.length === batchSize && !this.parts.stopper.stopped
              ? readBatch(connection, batchSize, current)
              : [];
          })(),
        ]);
        acknowledged = [];
        if (next.status === 'rejected') throw next.reason;
        if (produced.status === 'rejected' || !produced.value) return -1;
        acknowledged = current;
        this.parts.setState('leader');
        published += current.length;
        rows = next.value;
      }
    } finally {
      // A crash before this mark republishes these rows: consumers dedup by event id.
      await this.mark(connection, acknowledged);
    }
    return published;
  }

  /**
   * Connects the producer on taking the lead rather than at the first row: the topic check and
   * the connection cost about half a second, which the first event after a start (or a
   * failover) would otherwise wait for. A failure here is left to the first publish to retry.
   */
  private async connectEarly(): Promise<void> {
    try {
      this.producer ??= await this.connectProducer();
    } catch (error) {
      this.parts.log.warn({ err: error }, 'outbox relay could not connect to Kafka yet');
      this.parts.setState('kafka-unavailable');
      await this.dropProducer();
    }
  }

  /** True once Kafka acknowledged the batch; false (logged, producer dropped) when it failed. */
  private async produce(rows: OutboxRow[]): Promise<boolean> {
    try {
      this.producer ??= await this.connectProducer();
      await publishBatch(this.producer, rows, this.parts.deps.topic, this.parts.deps.service);
      return true;
    } catch (error) {
      this.parts.log.warn(
        { err: error, pending: rows.length },
        'publishing outbox events failed; will retry in order',
      );
      await this.dropProducer();
      return false;
    }
  }

  private async mark(connection: RelayConnection['connection'], rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await markPublished(connection, rows);
    this.parts.metrics.published(rows.length);
  }

  private async connectProducer(): Promise<Producer> {
    const { kafka, topics } = this.parts.deps;
    if (!this.topicsReady) {
      await ensureTopics(kafka, topics);
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
