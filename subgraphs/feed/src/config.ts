import { ACTIVITY_TOPIC, DEAD_LETTER_TOPIC, MEMBER_TOPIC } from '@social/events';
import { gatewaySecretFromEnv, tracingFromEnv, type TracingConfig } from '@social/kit';
import { loadEnv, type FeedEnv } from './env';

/** The feed's rules: who is fanned out, how much a feed keeps, how big a write is. */
export interface FeedConfig {
  /** Authors with more followers than this are merged at read time instead of fanned out. */
  fanoutMaxFollowers: number;
  /** Entries kept per feed, and recent posts kept per author. */
  maxEntries: number;
  /** Entries beyond maxEntries a feed may hold before a trim takes it back to maxEntries. */
  trimSlack: number;
  /** Rows per multi-row INSERT of a fan-out. */
  batchSize: number;
  /** A follow or like given again within this of being taken back keeps its old notification. */
  renotifyAfterSeconds: number;
}

/** How the activity events are consumed. */
export interface ConsumerConfig {
  topic: string;
  /** Members' events (member.deleted), consumed by the same group. */
  memberTopic: string;
  deadLetterTopic: string;
  groupId: string;
  /** How long the group waits for a silent member (a crashed one) before moving its partitions. */
  sessionTimeoutMs: number;
  /** Events applied per DB transaction (fewer when a chunk holds a large fan-out). */
  txMaxEvents: number;
  /**
   * Transactions an event that fails on its own (not for a transient reason) gets before it goes
   * to the dead-letter topic and its partition moves on.
   */
  poisonMaxAttempts: number;
  /** Partitions applied at the same time; order holds within each partition. */
  partitionsConcurrently: number;
  lagIntervalMs: number;
}

export interface Config {
  production: boolean;
  log: { level: FeedEnv['LOG_LEVEL'] };
  /** OTLP export of spans (kit tracing.ts); off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: TracingConfig;
  /** opsPort: /readyz and /metrics (kit server.ts). */
  http: { host: string; port: number; opsPort: number };
  db: { mysqlUrl: string; name: string };
  kafka: { brokers: string[] };
  consumer: ConsumerConfig;
  feed: FeedConfig;
  /** processed_events bookkeeping: see README, Delivery. */
  prune: { retentionMs: number; intervalMs: number; retractedNotificationsMs: number };
  /** Members publishes the JWKS; the gateway forwards the caller's token, and we verify it too. */
  auth: { jwksUrl: string };
  /** Null outside production when unset: /graphql then answers anyone (README). */
  gatewaySecret: string | null;
  queryLimits: { maxDepth: number };
  /**
   * Revoked sessions (members writes them) and their announcements; the prune's period claims,
   * under keyPrefix (tests use one per server).
   */
  redis: { url: string; keyPrefix: string };
}

const PRUNE_INTERVAL_MS = 600_000;

export function configFromEnv(env: FeedEnv): Config {
  return {
    production: env.NODE_ENV === 'production',
    log: { level: env.LOG_LEVEL },
    tracing: tracingFromEnv(env),
    http: { host: env.HOST, port: env.FEED_PORT, opsPort: env.FEED_OPS_PORT },
    db: { mysqlUrl: env.MYSQL_URL, name: env.FEED_DB },
    kafka: { brokers: env.KAFKA_BROKERS },
    consumer: {
      topic: env.FEED_TOPIC,
      memberTopic: env.FEED_MEMBER_TOPIC,
      deadLetterTopic: env.FEED_DEAD_LETTER_TOPIC,
      groupId: env.FEED_GROUP_ID,
      sessionTimeoutMs: env.FEED_SESSION_TIMEOUT_MS,
      txMaxEvents: env.FEED_TX_MAX_EVENTS,
      poisonMaxAttempts: env.FEED_POISON_MAX_ATTEMPTS,
      partitionsConcurrently: env.FEED_PARTITIONS_CONCURRENTLY,
      lagIntervalMs: env.FEED_LAG_INTERVAL_MS,
    },
    feed: {
      fanoutMaxFollowers: env.FEED_FANOUT_MAX_FOLLOWERS,
      maxEntries: env.FEED_MAX_ENTRIES,
      trimSlack: env.FEED_TRIM_SLACK,
      batchSize: env.FEED_FANOUT_BATCH_SIZE,
      renotifyAfterSeconds: env.FEED_RENOTIFY_AFTER_SECONDS,
    },
    prune: {
      retractedNotificationsMs: env.FEED_RENOTIFY_AFTER_SECONDS * 1000,
      retentionMs: env.FEED_PROCESSED_RETENTION_SECONDS * 1000,
      intervalMs: PRUNE_INTERVAL_MS,
    },
    auth: {
      jwksUrl: env.JWKS_URL ?? `http://127.0.0.1:${env.MEMBERS_PORT}/.well-known/jwks.json`,
    },
    gatewaySecret: gatewaySecretFromEnv(env),
    queryLimits: { maxDepth: env.MAX_QUERY_DEPTH },
    redis: { url: env.REDIS_URL, keyPrefix: 'feed:' },
  };
}

/** Whether a post of an author with `followers` followers is written into their feeds. */
export function fansOut(followers: number, feed: Pick<FeedConfig, 'fanoutMaxFollowers'>): boolean {
  return followers <= feed.fanoutMaxFollowers;
}

/** The consumer's topics, shaped like the contract's (partition counts from @social/events). */
export function consumerTopics(consumer: ConsumerConfig) {
  return [
    { ...ACTIVITY_TOPIC, topic: consumer.topic },
    { ...DEAD_LETTER_TOPIC, topic: consumer.deadLetterTopic },
    { ...MEMBER_TOPIC, topic: consumer.memberTopic },
  ];
}

/** Parses the environment (process.env unless given) into the service's Config. */
export function loadConfig(source?: NodeJS.ProcessEnv): Config {
  return configFromEnv(loadEnv(source));
}
