import { ACTIVITY_TOPIC, DEAD_LETTER_TOPIC, MEMBER_TOPIC } from '@social/events';
import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

/** Every variable the feed reads, each default written here and nowhere else. */
const schema = envSchema(
  [
    'NODE_ENV',
    'LOG_LEVEL',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'HOST',
    'FEED_PORT',
    'FEED_OPS_PORT',
    'MEMBERS_PORT',
    'MYSQL_URL',
    'KAFKA_BROKERS',
    'FEED_FANOUT_MAX_FOLLOWERS',
    'FEED_MAX_ENTRIES',
    'JWKS_URL',
    'GATEWAY_SECRET',
    'MAX_QUERY_DEPTH',
    'REDIS_URL',
  ],
  {
    FEED_DB: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/)
      .default('feed'),
    // Injectable so tests (and a replay) can point the consumer at their own topics and group.
    FEED_TOPIC: z.string().min(1).default(ACTIVITY_TOPIC.topic),
    FEED_DEAD_LETTER_TOPIC: z.string().min(1).default(DEAD_LETTER_TOPIC.topic),
    FEED_MEMBER_TOPIC: z.string().min(1).default(MEMBER_TOPIC.topic),
    FEED_GROUP_ID: z.string().min(1).default('feed'),
    FEED_FANOUT_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(1000),
    // Entries a feed may hold beyond FEED_MAX_ENTRIES before it is trimmed back: one trim per
    // this many posts instead of one per post (readers never see more than FEED_MAX_ENTRIES).
    FEED_TRIM_SLACK: z.coerce.number().int().min(0).default(100),
    // Events per DB transaction: one durable commit and one offset commit per chunk.
    FEED_TX_MAX_EVENTS: z.coerce.number().int().min(1).max(5000).default(200),
    // Tries of an event on its own before it is parked as poison; each is a DB transaction, and
    // the partition waits for all of them (with a short backoff in between).
    FEED_POISON_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    FEED_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(3),
    FEED_LAG_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    // The broker's group.min.session.timeout.ms (6 s by default) is the floor.
    FEED_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(30000),
    // Must exceed how long the topic keeps an event (README): 7 days of broker retention plus up
    // to 7 days before the active segment rolls and becomes deletable.
    FEED_PROCESSED_RETENTION_SECONDS: z.coerce
      .number()
      .int()
      .min(3600)
      .default(15 * 86_400),
    // A follow or like given again this soon after it was taken back revives its notification
    // (same place, same read state) instead of raising a new one (notification-effects.ts).
    FEED_RENOTIFY_AFTER_SECONDS: z.coerce.number().int().positive().default(86_400),
  },
);

export type FeedEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): FeedEnv {
  return parseEnv(schema, source);
}
