import type { MikroORM } from '@mikro-orm/mysql';
import type { Kafka, TopicConfig } from '../kafka-types';
import type { Logger } from '../logger';
import type { Registry } from 'prom-client';
import { createRelayMetrics, type RelayMetrics } from './outbox.metrics';
import { createOutboxSignal, type OutboxSignal } from './outbox.signal';
import { RelayLeader } from './relay-leader';
import { openRelayConnection, type RelayConnection } from './relay-lock';
import { backoff, createStopper } from './stopper';

export type RelayState =
  | 'idle'
  | 'standby'
  | 'leader'
  | 'kafka-unavailable'
  | 'database-unavailable'
  | 'stopped';

export interface OutboxRelayDeps {
  /**
   * The service that owns the outbox: names the relay lock and the metrics
   * (`<service>_outbox_published_total`, ...), so two services on one server never share them.
   */
  service: string;
  orm: MikroORM;
  kafka: Kafka;
  logger: Logger;
  /** Shared with the server, which notifies after each commit. */
  signal?: OutboxSignal;
  registry?: Registry;
  /** Tests publish to a topic of their own instead of each row's topic. */
  topic?: string;
  /** Ensured (created when missing) before the first publish. */
  topics: TopicConfig[];
  settings: RelaySettings;
}

/** How the relay paces itself: `config.relay`, whose defaults are in config.ts. */
export interface RelaySettings {
  /** Rows per produce request. */
  batchSize: number;
  /** The leader's poll when no commit of this process woke it. */
  pollIntervalMs: number;
  /** How often a standby tries to take the lock. */
  standbyIntervalMs: number;
  /** The ceiling of the retry backoff (Kafka or MySQL down). */
  maxBackoffMs: number;
  /** Published rows older than this are deleted. */
  retentionMs: number;
}

/** The settings from the OUTBOX_* variables (kit env), with the fixed standby and backoff pace. */
export function relaySettingsFromEnv(env: {
  OUTBOX_BATCH_SIZE: number;
  OUTBOX_POLL_MS: number;
  OUTBOX_RETENTION_SECONDS: number;
}): RelaySettings {
  return {
    batchSize: env.OUTBOX_BATCH_SIZE,
    pollIntervalMs: env.OUTBOX_POLL_MS,
    retentionMs: env.OUTBOX_RETENTION_SECONDS * 1000,
    standbyIntervalMs: 1000,
    maxBackoffMs: 5000,
  };
}

export interface OutboxRelay {
  start(): void;
  stop(): Promise<void>;
  /** True while the loop runs and reaches MySQL, as leader or standby (Kafka may be down). */
  ready(): boolean;
  state(): RelayState;
}

/**
 * Publishes a service's outbox table to Kafka in id order; one leader at a time across the
 * service's instances. Rows are written by `writeOutboxRow` in the transaction of the change.
 */
export function createOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  return new Relay(deps);
}

class Relay implements OutboxRelay {
  private current: RelayState = 'idle';
  private running: Promise<void> | null = null;
  private readonly log: Logger;
  private readonly signal: OutboxSignal;
  private readonly metrics: RelayMetrics;
  private readonly stopper = createStopper();
  private readonly leader: RelayLeader;
  private readonly settings: RelaySettings;

  constructor(private readonly deps: OutboxRelayDeps) {
    this.log = deps.logger.child({ component: 'outbox-relay' });
    this.signal = deps.signal ?? createOutboxSignal();
    this.metrics = createRelayMetrics(deps.service, deps.registry, deps.orm);
    this.settings = deps.settings;
    const { log, signal, metrics, stopper, settings } = this;
    this.leader = new RelayLeader({
      deps,
      log,
      signal,
      metrics,
      stopper,
      settings,
      setState: (s) => this.setState(s),
    });
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopper.stop();
    this.signal.notify();
    await this.running;
    this.setState('stopped');
  }

  ready(): boolean {
    return (
      this.current === 'leader' ||
      this.current === 'standby' ||
      this.current === 'kafka-unavailable'
    );
  }

  state(): RelayState {
    return this.current;
  }

  private setState(next: RelayState): void {
    if (next !== this.current)
      this.log.info({ from: this.current, to: next }, 'outbox relay state');
    this.current = next;
    this.metrics.leader(next === 'leader' || next === 'kafka-unavailable');
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopper.stopped) {
      let relay: RelayConnection | null = null;
      try {
        relay = await openRelayConnection(
          this.deps.orm.config.get('clientUrl'),
          this.deps.orm.config.get('dbName'),
          this.deps.service,
        );
        failures = 0;
        await this.standByUntilLeader(relay);
        if (!this.stopper.stopped) await this.leader.lead(relay);
      } catch (error) {
        failures += 1;
        this.setState('database-unavailable');
        this.log.error({ err: error }, 'outbox relay lost its database connection; reconnecting');
        await this.stopper.sleep(backoff(failures, this.settings.maxBackoffMs));
      } finally {
        await relay?.close();
      }
    }
    this.setState('stopped');
  }

  private async standByUntilLeader(relay: RelayConnection): Promise<void> {
    while (!this.stopper.stopped && !(await relay.tryLead())) {
      this.setState('standby');
      await this.stopper.sleep(this.settings.standbyIntervalMs);
    }
  }
}
