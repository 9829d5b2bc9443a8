import type { MikroORM } from '@mikro-orm/mysql';
import { TOPICS } from '@social/events';
import { ensureTopics, type Kafka, type Logger } from '@social/kit';
import type { ITopicConfig, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { createRelayMetrics, type RelayMetrics } from './outbox.metrics';
import { createOutboxSignal, type OutboxSignal } from './outbox.signal';
import { deletePublished, markPublished, publishBatch, readBatch } from './relay-batch';
import { openRelayConnection, type RelayConnection } from './relay-lock';
import { createStopper } from './stopper';

export type RelayState = 'idle' | 'standby' | 'leader' | 'kafka-unavailable' | 'database-unavailable' | 'stopped';

export interface OutboxRelayDeps {
  orm: MikroORM;
  kafka: Kafka;
  logger: Logger;
  /** Shared with the server, which notifies after each commit. */
  signal?: OutboxSignal;
  registry?: Registry;
  /** Tests publish to a topic of their own instead of each row's topic. */
  topic?: string;
  topics?: ITopicConfig[];
  batchSize?: number;
  pollIntervalMs?: number;
  standbyIntervalMs?: number;
  maxBackoffMs?: number;
  retentionMs?: number;
}

export interface OutboxRelay {
  start(): void;
  stop(): Promise<void>;
  /** True while the loop runs and reaches MySQL, as leader or standby (Kafka may be down). */
  ready(): boolean;
  state(): RelayState;
}

const CLEANUP_EVERY_MS = 60_000;

/** Publishes the outbox to Kafka in id order; one leader at a time across instances. */
export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  const log = deps.logger.child({ component: 'outbox-relay' });
  const signal = deps.signal ?? createOutboxSignal();
  const metrics = createRelayMetrics(deps.registry, deps.orm);
  const stopper = createStopper();
  const settings = {
    batchSize: deps.batchSize ?? 500,
    pollIntervalMs: deps.pollIntervalMs ?? 200,
    standbyIntervalMs: deps.standbyIntervalMs ?? 1000,
    maxBackoffMs: deps.maxBackoffMs ?? 5000,
    retentionMs: deps.retentionMs ?? 86_400_000,
  };
  let state: RelayState = 'idle';
  let running: Promise<void> | null = null;
  const setState = (next: RelayState) => {
    if (next !== state) log.info({ from: state, to: next }, 'outbox relay state');
    state = next;
    metrics.leader(next === 'leader' || next === 'kafka-unavailable');
  };
  const leader = createLeader({ deps, log, signal, metrics, stopper, settings, setState });

  async function loop() {
    let failures = 0;
    while (!stopper.stopped) {
      let relay: RelayConnection | null = null;
      try {
        relay = await openRelayConnection(deps.orm.config.get('clientUrl') as string, deps.orm.config.get('dbName'));
        failures = 0;
        await standByUntilLeader(relay);
        if (!stopper.stopped) await leader.lead(relay);
      } catch (error) {
        failures += 1;
        setState('database-unavailable');
        log.error({ err: error }, 'outbox relay lost its database connection; reconnecting');
        await stopper.sleep(backoff(failures, settings.maxBackoffMs));
      } finally {
        await relay?.close();
      }
    }
    setState('stopped');
  }

  async function standByUntilLeader(relay: RelayConnection) {
    while (!stopper.stopped && !(await relay.tryLead())) {
      setState('standby');
      await stopper.sleep(settings.standbyIntervalMs);
    }
  }

  return {
    start() {
      running ??= loop();
    },
    async stop() {
      stopper.stop();
      signal.notify();
      await running;
      setState('stopped');
    },
    ready: () => state === 'leader' || state === 'standby' || state === 'kafka-unavailable',
    state: () => state,
  };
}

interface LeaderParts {
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
function createLeader(parts: LeaderParts) {
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

function backoff(failures: number, max: number): number {
  const base = Math.min(max, 100 * 2 ** Math.min(failures, 10));
  return base / 2 + Math.random() * (base / 2);
}
