import type { MikroORM } from '@mikro-orm/mysql';
import type { Kafka, Logger } from '@social/kit';
import type { ITopicConfig } from 'kafkajs';
import type { Registry } from 'prom-client';
import { createRelayMetrics } from './outbox.metrics';
import { createOutboxSignal, type OutboxSignal } from './outbox.signal';
import { createLeader } from './relay-leader';
import { openRelayConnection, type RelayConnection } from './relay-lock';
import { backoff, createStopper } from './stopper';

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
